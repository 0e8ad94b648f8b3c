import type { ReactNode } from 'react';
import { JoinRequestStatus } from '../../components/join-request-status';
import { useResource } from '../../hooks/use-resource';
import { myJoinRequest } from '../../services/households';

/**
 * Someone not yet in any grid who asked to join a household: their request (等待确认, or turned
 * down) instead of a bare 未登记. Read again each time home is shown, since the family decides.
 */
export function PendingJoin({ fallback }: { fallback: ReactNode }) {
  const { state } = useResource(myJoinRequest, { topics: ['joinRequests'], live: true });
  if (state.status === 'loading') return null;
  const request = state.status === 'ready' ? state.data : null;
  // Approved means whoami is about to say so; a failed read leaves the plain 未登记.
  if (!request || request.status === 'approved') return <>{fallback}</>;
  return <JoinRequestStatus request={request} onChanged={() => undefined} />;
}
