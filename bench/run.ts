import { benchDailyReport } from './daily-report';
import { benchSweepBurst } from './sweep-burst';
import { benchCheckpointDaily } from './checkpoint-daily';
import { benchCheckpointRush } from './checkpoint-rush';
import { benchErrandStorm } from './errand-storm';
import { benchGateway } from './gateway-invoke';
import { benchGridSubtree } from './grid-subtree';
import { benchReportPeak } from './report-peak';
import { benchRegisterImport } from './register-import';
import { progress } from './report';
import { installCleanup, releaseAll } from './resources';
import { benchSdkAdd } from './sdk-add';
import { benchSearch } from './search';
import { benchStartup } from './startup';
import { benchStoreInsert } from './store-insert';

/**
 * `npm run bench`: one JSON line per figure on stdout, progress on stderr. Rates are also given as
 * ratios to a baseline measured in the same run (the raw store insert rate), and CPU time per
 * operation is reported, since absolute throughput on shared 2-core machines drifts between runs.
 *
 * BENCH_ONLY=<names> (sdk, gateway, startup, grid, errands, reports, daily, import, search, sweep,
 * checkpoint — or one half of it, checkpoint-daily or checkpoint-rush) runs only those.
 * BENCH_CPU_PROF=<dir> runs every emulator under `node --cpu-prof` and leaves the profiles there.
 */
async function main(): Promise<void> {
  installCleanup();
  const profileDir = process.env['BENCH_CPU_PROF'];
  const nodeArgs = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const started = performance.now();
  // BENCH_ONLY=daily,grid runs just those (the store baseline is always measured first).
  const only = process.env['BENCH_ONLY']?.split(',');
  const wanted = (name: string) => !only || only.includes(name);
  const baseline = await benchStoreInsert();
  if (wanted('sdk')) await benchSdkAdd(baseline, nodeArgs);
  if (wanted('gateway')) await benchGateway(baseline, nodeArgs);
  if (wanted('startup')) await benchStartup(baseline, nodeArgs);
  if (wanted('grid')) await benchGridSubtree(nodeArgs);
  if (wanted('errands')) await benchErrandStorm(nodeArgs);
  if (wanted('reports')) await benchReportPeak(nodeArgs);
  if (wanted('daily')) await benchDailyReport(nodeArgs);
  if (wanted('import')) await benchRegisterImport(baseline, nodeArgs);
  if (wanted('search')) await benchSearch(nodeArgs);
  if (wanted('sweep')) await benchSweepBurst(nodeArgs);
  if (wanted('checkpoint') || wanted('checkpoint-daily')) await benchCheckpointDaily(nodeArgs);
  if (wanted('checkpoint') || wanted('checkpoint-rush')) await benchCheckpointRush(nodeArgs);
  progress(`done in ${Math.round((performance.now() - started) / 1000)} s`);
}

main().then(
  () => releaseAll(),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    releaseAll();
    process.exitCode = 1;
  },
);
