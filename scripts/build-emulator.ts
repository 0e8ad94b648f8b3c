import { build } from 'esbuild';
import path from 'node:path';
import { EMULATOR_DIST, ROOT } from './paths';
import { isEntryPoint } from './entry';

/** Compiles the emulator's command line and its function worker to plain JS in emulator/dist. */
export async function buildEmulator(): Promise<void> {
  await build({
    entryPoints: {
      cli: path.join(ROOT, 'emulator', 'src', 'cli.ts'),
      worker: path.join(ROOT, 'emulator', 'src', 'functions', 'worker.ts'),
    },
    outdir: EMULATOR_DIST,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Dependencies load from node_modules; only our own sources and @gridguard/types are bundled.
    packages: 'external',
    alias: { '@gridguard/types': path.join(ROOT, 'types', 'src', 'index.ts') },
    logLevel: 'warning',
  });
}

if (isEntryPoint(__filename)) {
  const started = Date.now();
  buildEmulator().then(
    () => console.log(`模拟器已构建 → emulator/dist (${Date.now() - started} ms)`),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
