import cloud from 'wx-server-sdk';
import { campaignExportActions } from '@gridguard/server/services/campaign-export';
import { campaignLetterActions } from '@gridguard/server/services/campaign-letters';
import { campaignActions } from '@gridguard/server/services/campaigns';
import {
  campaignData,
  cloudFiles,
  createRouter,
  gridData,
  healthData,
  initCloud,
  loadActor,
  sendSubscribe,
} from '@gridguard/server/runtime';

initCloud(cloud);
const db = cloud.database();
const grids = gridData(db);
const campaigns = campaignData(db);

/**
 * campaigns: 洗楼/排查 rounds under a node, assignments, visits (one outcome per target per
 * round, idempotent by client id), the revisit queue, findings and coverage rolled up the tree,
 * and the campaign's Excel export.
 */
export const main = createRouter(
  cloud,
  'campaigns',
  {
    ...campaignActions(grids, campaigns, healthData(db), (message) =>
      sendSubscribe(cloud, message),
    ),
    ...campaignLetterActions(grids, campaigns),
    ...campaignExportActions(grids, campaigns, {
      files: cloudFiles(cloud),
      // Loaded on the first export only: exceljs would add a third of a second to every cold
      // start of the visits' path.
      buildWorkbook: async (input) =>
        (await import('@gridguard/server/excel/campaign-workbook')).buildCampaignWorkbook(input),
    }),
  },
  (caller) => loadActor(grids, caller.openid),
);
