import fs from 'node:fs';
import { planRegister } from '../server/src/domain/imports';
import { readRegisterWorkbook } from '../server/src/excel/register-workbook';

/**
 * Reads and checks one register file the way the preview does, alone in a process, and answers
 * its peak memory: what the imports function needs beyond its baseline (`memorySize`).
 */
async function main(): Promise<void> {
  const [file, levels] = process.argv.slice(2);
  if (!file || !levels) throw new Error('usage: import-parse-child.ts <file> <levels,…>');
  const peakMb = () =>
    Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
  const content = fs.readFileSync(file);
  const baseMb = peakMb();
  const started = performance.now();
  const read = await readRegisterWorkbook(content, levels.split(','));
  const plan = planRegister(levels.split(','), read.tree, read.register);
  const ms = performance.now() - started;
  process.stdout.write(
    `${JSON.stringify({ ms, baseMb, peakMb: peakMb(), rows: read.register.length, households: plan.households.length })}\n`,
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
