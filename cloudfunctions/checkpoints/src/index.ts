import cloud from 'wx-server-sdk';
import { gateActions } from '@gridguard/server/services/checkpoint-gate';
import { logActions } from '@gridguard/server/services/checkpoint-log';
import { rotaActions } from '@gridguard/server/services/checkpoint-rota';
import {
  cloudFiles,
  codeAttempts,
  createRouter,
  gateData,
  gateLogData,
  gridData,
  healthData,
  initCloud,
  loadActor,
  rotaData,
  searchData,
  sendSubscribe,
  setupData,
} from '@gridguard/server/runtime';

initCloud(cloud);
const db = cloud.database();
const grids = gridData(db);

/**
 * checkpoints: 卡口 sites and their shift plans, the rota (sign-up, 补位, each member's hours),
 * duty check-in and out; the gate's log (residents by door code, name or 通行码, outsiders who
 * filled in the site's QR form, vehicles), fevers turned back and the leader alerted; counts and
 * the log's Excel export.
 */
export const main = createRouter(
  cloud,
  'checkpoints',
  {
    ...rotaActions(grids, rotaData(db)),
    ...gateActions(grids, {
      gate: gateData(db),
      health: healthData(db),
      setup: setupData(db),
      search: searchData(db),
      tally: codeAttempts(db),
      notify: (m) => sendSubscribe(cloud, m),
    }),
    ...logActions(grids, gateLogData(db), {
      files: cloudFiles(cloud),
      // Loaded on the first export only: exceljs would slow every cold start of the gate's path.
      buildWorkbook: async (input) =>
        (await import('@gridguard/server/excel/checkpoint-workbook')).buildCheckpointWorkbook(
          input,
        ),
    }),
  },
  (caller) => loadActor(grids, caller.openid),
);
