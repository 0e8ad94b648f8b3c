import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import {
  FUNCTIONS_DIST,
  FUNCTIONS_SRC,
  ROOT,
  TEST_FUNCTIONS_DIST,
  TEST_FUNCTIONS_SRC,
} from './paths';
import { isEntryPoint } from './entry';

/**
 * Bundles each cloudfunctions/<name>/src/index.ts into a self-contained dist/cloudfunctions/<name>/
 * (index.js + config.json + package.json) that WeChat DevTools uploads as is. Shared types and
 * server code are bundled in; wx-server-sdk stays external and is installed in the cloud.
 */
const SDK = 'wx-server-sdk';

function pinnedSdkVersion(): string {
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  const version = root.devDependencies[SDK];
  if (!version || !/^\d+\.\d+\.\d+$/.test(version))
    throw new Error(`${SDK} must be pinned exactly in package.json`);
  return version;
}

async function buildFunction(
  name: string,
  srcRoot: string,
  outRoot: string,
  sdkVersion: string,
): Promise<void> {
  const srcDir = path.join(srcRoot, name);
  const manifest = JSON.parse(fs.readFileSync(path.join(srcDir, 'package.json'), 'utf8')) as {
    version: string;
    description?: string;
    dependencies?: Record<string, string>;
  };
  if (manifest.dependencies?.[SDK] !== sdkVersion) {
    throw new Error(`${path.relative(ROOT, srcDir)}/package.json must pin ${SDK} ${sdkVersion}`);
  }
  const outDir = path.join(outRoot, name);
  fs.rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(srcDir, 'src', 'index.ts')],
    outfile: path.join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    // The oldest runtime WeChat Cloud offers is Node 16.13.
    target: 'node16',
    format: 'cjs',
    external: [SDK],
    legalComments: 'none',
    logLevel: 'warning',
  });
  fs.copyFileSync(path.join(srcDir, 'config.json'), path.join(outDir, 'config.json'));
  const deployManifest = {
    name,
    version: manifest.version,
    description: manifest.description ?? '',
    main: 'index.js',
    dependencies: { [SDK]: sdkVersion },
  };
  fs.writeFileSync(
    path.join(outDir, 'package.json'),
    `${JSON.stringify(deployManifest, null, 2)}\n`,
  );
}

/** Builds every function folder under srcRoot (one with src/index.ts) into outRoot. */
export async function buildFunctions(
  srcRoot = FUNCTIONS_SRC,
  outRoot = FUNCTIONS_DIST,
): Promise<string[]> {
  const sdkVersion = pinnedSdkVersion();
  const names = fs
    .readdirSync(srcRoot)
    .filter((n) => fs.existsSync(path.join(srcRoot, n, 'src', 'index.ts')))
    .sort();
  await Promise.all(names.map((n) => buildFunction(n, srcRoot, outRoot, sdkVersion)));
  return names;
}

if (isEntryPoint(__filename)) {
  // `--fixtures` builds the test-only functions in tests/fixtures/functions, never deployed.
  const fixtures = process.argv.includes('--fixtures');
  const [src, out] = fixtures
    ? [TEST_FUNCTIONS_SRC, TEST_FUNCTIONS_DIST]
    : [FUNCTIONS_SRC, FUNCTIONS_DIST];
  const started = Date.now();
  buildFunctions(src, out).then(
    (names) =>
      console.log(
        `云函数已构建: ${names.join(', ')} → ${path.relative(ROOT, out)} (${Date.now() - started} ms)`,
      ),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
