import type { ReactNode } from 'react';
import type { ResourceState } from '../../hooks/use-resource';
import { openPage, routes } from '../../routes';
import { LoadFailed, StatusBlock } from '../status-block';

/**
 * The states every page about the caller's own household shares: loading, a failure with 重试,
 * and "no household yet" leading to 加入住户; `children` renders the household once it is there.
 */
export function HouseholdStates<T>(props: {
  state: ResourceState<T | null>;
  onRetry: () => void;
  /** What joining a household lets the caller do on this page. */
  emptyMessage: string;
  children: (data: T) => ReactNode;
}) {
  const { state } = props;
  if (state.status === 'loading') return <StatusBlock kind="loading" title="加载中…" />;
  if (state.status === 'failed') {
    return <LoadFailed message={state.message} onRetry={props.onRetry} />;
  }
  if (state.data === null) {
    return (
      <StatusBlock
        kind="empty"
        title="您还没有登记住户"
        message={props.emptyMessage}
        actionText="加入住户"
        onAction={() => openPage(routes.join('household'))}
      />
    );
  }
  return <>{props.children(state.data)}</>;
}
