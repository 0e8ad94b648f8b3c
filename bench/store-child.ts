import { exitWithParent } from './child-watchdog';
import { generateDocs, measureInsertRates } from './store-work';

/** `store-child.ts '<job json>'`: runs one store job and answers one JSON line. */
export type StoreJob =
  | { kind: 'rates'; dir: string }
  | { kind: 'generate'; dir: string; docs: number; perTransaction: number };

function main(): void {
  exitWithParent();
  const job = JSON.parse(process.argv[2] ?? '{}') as StoreJob;
  const reply =
    job.kind === 'rates'
      ? measureInsertRates(job.dir)
      : { ms: generateDocs(job.dir, job.docs, job.perTransaction) };
  process.stdout.write(`${JSON.stringify(reply)}\n`);
  process.exit(0);
}

main();
