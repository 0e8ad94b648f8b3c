import {
  CAMPAIGN_EXPORT_SHEETS,
  chinaDay,
  chinaTime,
  EXPORT_MAX_CELLS,
  EXPORT_MAX_TARGETS,
  TARGET_KIND_LABELS,
} from '@gridguard/types';
import {
  cellsPerTarget,
  coverageTable,
  nodeNames,
  targetTable,
  type ExportPlace,
} from '../domain/campaign-export';
import { sortKeyOf } from '../domain/campaigns';
import { newCode } from '../domain/codes';
import { AppError } from '../domain/errors';
import { pathOf } from '../domain/tree';
import type { CampaignWorkbookInput } from '../excel/campaign-workbook';
import type { CampaignData } from '../runtime/campaign-data';
import type { GridData } from '../runtime/data';
import type { FileSink } from '../runtime/files';
import type { ActionHandlers } from '../runtime/router';
import { campaignAccess } from './campaign-access';
import { coverageByRound } from './campaign-coverage';
import { spotOf } from './campaigns';
import { secureRandom } from './common';

/** What the export needs besides the database: storage, the Excel writer, a clock. */
export interface CampaignExportKit {
  files: Pick<FileSink, 'upload' | 'url'>;
  buildWorkbook(input: CampaignWorkbookInput): Promise<Buffer>;
  now?: () => Date;
}

const TOO_BIG = '请在下级网格分别导出';

/**
 * 导出 Excel of a campaign (same `campaigns` router): per target every round's outcome, answers
 * and 责任书 state, and the coverage per node and round. Leaders over the node exported, which
 * is the campaign's or one inside it; authorised before anything else is read. Its database
 * calls grow with the targets a thousand at a time (the export is capped), never one per door.
 */
export function campaignExportActions(
  grids: GridData,
  data: CampaignData,
  kit: CampaignExportKit,
): Pick<ActionHandlers<'campaigns'>, 'export'> {
  const { campaignFor, nodeIn } = campaignAccess(grids, data);
  const now = kit.now ?? (() => new Date());

  return {
    async export({ campaignId, gridId }, ctx) {
      const actor = await ctx.actor();
      const campaign = await campaignFor(actor, campaignId, 'campaign.run');
      const node = await nodeIn(actor, campaign, gridId ?? campaign.gridId, 'campaign.run');
      const unit = TARGET_KIND_LABELS[campaign.kind];
      const counted = await data.countUnder(campaign.kind, node._id);
      if (counted > EXPORT_MAX_TARGETS) {
        throw new AppError(
          'CONFLICT',
          `${node.name}共 ${counted} 个${unit}，超过一次导出的上限 ${EXPORT_MAX_TARGETS} 个，${TOO_BIG}`,
        );
      }
      if (counted * cellsPerTarget(campaign) > EXPORT_MAX_CELLS) {
        throw new AppError(
          'CONFLICT',
          `${node.name}共 ${counted} 个${unit}、${campaign.round} 轮走访，内容超过一次导出的上限，${TOO_BIG}`,
        );
      }

      const rounds = Array.from({ length: campaign.round }, (_, i) => i + 1);
      const subtree = data.subtree(node._id);
      const [nodes, levelNames, records, assignments, visits, coverage, signed] = await Promise.all(
        [
          subtree,
          grids.levelNames(),
          data.everyTargetUnder(campaign.kind, node._id),
          data.everyAssignmentUnder(campaign._id, node._id),
          Promise.all(rounds.map((r) => data.everyVisitUnder(campaign._id, r, node._id))),
          subtree.then((all) => coverageByRound(data, campaign, all, rounds)),
          campaign.letter === null ? [] : data.everySignedUnder(campaign._id, node._id),
        ],
      );
      const names = nodeNames(node, nodes, levelNames ?? []);
      const places = records.map((r): ExportPlace => {
        const spot = spotOf(campaign.kind, r);
        return {
          targetId: r._id,
          gridId: r.gridId,
          label: spot.label,
          sortKey: sortKeyOf(spot, r._id),
        };
      });
      const targets = targetTable({
        campaign,
        names,
        places,
        assignments,
        visits: visits.flat(),
        signed: new Set(signed.map((p) => p.targetId)),
      });

      const at = now();
      const title = `${node.name} ${campaign.name}`;
      const content = await kit.buildWorkbook({
        title,
        watermark: `导出人：${actor.name} · 导出时间：${chinaTime(at)} · 仅限防控工作使用`,
        sheets: [
          { name: CAMPAIGN_EXPORT_SHEETS.targets, table: targets },
          { name: CAMPAIGN_EXPORT_SHEETS.coverage, table: coverageTable(names, nodes, coverage) },
        ],
      });
      const fileName = `${title}-${chinaDay(at)}.xlsx`;
      const nonce = newCode(12, secureRandom).toLowerCase();
      const fileId = await kit.files.upload(
        `exports/${actor.openid}/campaign-${nonce}.xlsx`,
        content,
      );
      const url = await kit.files.url(fileId);
      await grids.record({
        actor: actor.openid,
        action: 'campaign.export',
        gridId: node._id,
        gridPath: pathOf(node),
        target: campaign._id,
        detail: { fileName, targets: targets.rows.length, rounds: campaign.round },
      });
      return { url, fileName, targets: targets.rows.length, rounds: campaign.round };
    },
  };
}
