import { buildEmulator } from './build-emulator';
import { buildFunctions } from './build-functions';

/**
 * `npm run emulator -- --port <p> --data <dir>`: builds, then runs the emulator alone in this
 * process; its first stdout line is the SDK environment as JSON.
 */
async function main(): Promise<void> {
  await buildFunctions();
  await buildEmulator();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../emulator/dist/cli.js');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
