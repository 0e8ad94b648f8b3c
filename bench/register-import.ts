import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import ExcelJS from 'exceljs';
import { IMPORT_SHEETS, REGISTER_COLUMNS, type ImportView } from '@gridguard/types';
import { idNumberFor, phoneFor } from '../scripts/demo/builder';
import { databaseCalls, postJson } from './http';
import { emit, progress, ratio, round } from './report';
import { cleanEnv, removeTempDir, spawnTs, tempDir } from './resources';

const VILLAGES = 20;
const BRANCHES = 5;
const GROUPS = 10;
/** 20 × 5 × 10 groups of 10 households of 3: the 10,000 households and 30,000 people. */
const HOUSEHOLDS_PER_GROUP = 10;
const LEVELS = ['村(社区)', '经济社党支部', '户联系党小组'];
const RELATIONS = ['本人', '配偶', '子女'] as const;

interface Reply {
  result?: { ok: boolean; data?: unknown; code?: string; message?: string };
}

/** A register of the whole demo town's size ×100: one row per person, families on consecutive rows. */
async function registerFile(): Promise<{ content: Buffer; households: number; people: number }> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet(IMPORT_SHEETS.tree).addRow([...LEVELS, '备注']);
  const sheet = book.addWorksheet(IMPORT_SHEETS.register);
  sheet.addRow([...LEVELS, ...Object.values(REGISTER_COLUMNS), '备注']);
  let n = 100_000;
  let households = 0;
  for (let v = 1; v <= VILLAGES; v += 1)
    for (let b = 1; b <= BRANCHES; b += 1)
      for (let g = 1; g <= GROUPS; g += 1)
        for (let h = 1; h <= HOUSEHOLDS_PER_GROUP; h += 1) {
          households += 1;
          RELATIONS.forEach((relation, i) => {
            n += 1;
            const head = i === 0;
            sheet.addRow([
              ...(head
                ? [`导入${v}村`, `第${b}经济社`, `第${g}组`, `导入${v}村${b}社${g}组${h}号`]
                : ['', '', '', '']),
              `居民${n}`,
              relation,
              idNumberFor(n),
              phoneFor(n),
            ]);
          });
        }
  return {
    content: Buffer.from(await book.xlsx.writeBuffer()),
    households,
    people: households * RELATIONS.length,
  };
}

/** Peak resident memory of a process so far (Linux VmHWM), in MB. */
function peakMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return round(kb / 1024);
}

/**
 * Issue 13's import figure: one file of 10,000 households / 30,000 people into the demo town by the
 * command centre, through gateway → imports function → SDK → emulator: the preview, the commit in
 * parts (calls until done), DB calls per row, the server's peak memory; then the same file again,
 * which must change nothing.
 */
export async function benchRegisterImport(
  baseline: number,
  nodeArgs: readonly string[],
): Promise<void> {
  const dir = tempDir('import');
  const server = spawnTs('import-server-child.ts', [dir], cleanEnv(), nodeArgs);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  try {
    const { url, pid, sdkEnv } = await server.next<{
      url: string;
      pid: number;
      sdkEnv: Record<string, string>;
    }>();
    progress('import: building a register of 10,000 households / 30,000 people');
    const built = performance.now();
    const file = await registerFile();
    const buildMs = Math.round(performance.now() - built);
    Object.assign(process.env, sdkEnv);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    const { token } = (await postJson(agent, `${url}/_gateway/login`, {
      openid: 'oDemoCommand',
    })) as { token: string };
    const call = async <T>(body: Record<string, unknown>): Promise<T> => {
      const reply = (await postJson(
        agent,
        `${url}/_gateway/functions/imports`,
        body,
        token,
      )) as Reply;
      if (reply.result?.ok !== true)
        throw new Error(`imports.${String(body['action'])}: ${JSON.stringify(reply.result)}`);
      return reply.result.data as T;
    };
    const memoryBefore = peakMb(pid);

    const saved = path.join(dir, 'register.xlsx');
    fs.writeFileSync(saved, file.content);
    const parser = spawnTs(
      'import-parse-child.ts',
      [saved, LEVELS.join(',')],
      cleanEnv(),
      nodeArgs,
    );
    const parsed = await parser.next<{
      ms: number;
      baseMb: number;
      peakMb: number;
      rows: number;
    }>();
    await parser.stop();
    emit({
      figure: 'import.readFile',
      value: Math.round(parsed.ms),
      unit: 'ms to read and check the file',
      rows: parsed.rows,
      peakMb: round(parsed.peakMb),
      baselineMb: round(parsed.baseMb),
      note: 'peak RSS of a process doing only what the preview does before the database',
    });

    const run = async (label: string) => {
      const { cloudPath } = await call<{ cloudPath: string }>({
        action: 'uploadTarget',
        gridId: 'g-jiujiang',
      });
      const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: file.content });
      progress(`import: ${label} preview`);
      let calls = await databaseCalls(url);
      let started = performance.now();
      const view = await call<ImportView>({
        action: 'preview',
        gridId: 'g-jiujiang',
        fileId: fileID,
      });
      const preview = {
        ms: Math.round(performance.now() - started),
        dbCalls: (await databaseCalls(url)) - calls,
      };
      if (view.status !== 'ready')
        throw new Error(`preview: ${JSON.stringify(view.errors.slice(0, 3))}`);
      progress(`import: ${label} commit of ${view.progress.total} parts`);
      calls = await databaseCalls(url);
      started = performance.now();
      let commitCalls = 0;
      for (let last = view; last.status !== 'done'; commitCalls += 1)
        last = await call<ImportView>({ action: 'commit', importId: view.importId });
      const commit = {
        ms: Math.round(performance.now() - started),
        dbCalls: (await databaseCalls(url)) - calls,
        commitCalls,
      };
      return { view, preview, commit };
    };

    const first = await run('first');
    const rows = file.people;
    emit({
      figure: 'import.preview',
      value: first.preview.ms,
      unit: 'ms',
      households: file.households,
      people: file.people,
      fileBytes: file.content.length,
      buildFileMs: buildMs,
      dbCalls: first.preview.dbCalls,
      dbCallsPerRow: round(first.preview.dbCalls / rows, 4),
      counts: first.view.counts,
    });
    emit({
      figure: 'import.commit',
      value: first.commit.ms,
      unit: 'ms',
      functionCalls: first.commit.commitCalls,
      parts: first.view.progress.total,
      dbCalls: first.commit.dbCalls,
      dbCallsPerRow: round(first.commit.dbCalls / rows, 4),
      rowsPerSecond: round(rows / (first.commit.ms / 1000)),
      ratioToStoreInsert: ratio(rows / (first.commit.ms / 1000), baseline),
    });
    const again = await run('again');
    emit({
      figure: 'import.reimportUnchanged',
      value: again.preview.ms + again.commit.ms,
      unit: 'ms',
      dbCalls: again.preview.dbCalls + again.commit.dbCalls,
      counts: again.view.counts,
      changesNothing: again.view.counts.people.create + again.view.counts.people.update === 0,
    });
    emit({
      figure: 'import.peakMemory',
      value: peakMb(pid),
      unit: 'MB VmHWM of the server process (emulator + function workers)',
      beforeImport: memoryBefore,
    });
  } finally {
    agent.destroy();
    await server.stop();
    removeTempDir(dir);
  }
}
