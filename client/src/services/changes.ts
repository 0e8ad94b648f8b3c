import type { FunctionResult } from '@gridguard/types';

/**
 * A counter bumped by every successful write, so a page shown again (after navigateBack) can tell
 * whether what it shows may be stale without refetching on every show.
 */
let version = 0;

export function markChanged(): void {
  version += 1;
}

export function changeVersion(): number {
  return version;
}

/** Passes a write's result through, noting the change when it succeeded. */
export async function afterWrite<T>(
  pending: Promise<FunctionResult<T>>,
): Promise<FunctionResult<T>> {
  const result = await pending;
  if (result.ok) markChanged();
  return result;
}
