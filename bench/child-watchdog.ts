/**
 * For the bench's own child processes: when the bench dies without cleaning up (SIGKILL), our
 * stdin pipe closes, and we go too instead of lingering.
 */
export function exitWithParent(): void {
  process.stdin.on('end', () => process.exit(1));
  process.stdin.resume();
}
