import { platform } from '../platform';
import type { CampaignView, TargetDetail, TargetRow } from './campaigns';

/**
 * What the phone last read of a campaign and its doors, so a door can be opened and visited in a
 * dead spot: the campaign (its checklist) and each door (who lives there, this round's state).
 * Shown as last read, never as the server's word; the visit itself waits in the queue.
 */
const CAMPAIGNS_KEY = 'gridguard.fieldCache.campaigns';
const targetsKey = (campaignId: string) => `gridguard.fieldCache.targets.${campaignId}`;
/** Campaigns kept (a member works one or two at a time) and doors kept per campaign. */
const MAX_CAMPAIGNS = 5;
const MAX_TARGETS = 500;

type Stored<T> = { at: number; value: T };

function readMap<T>(key: string): Record<string, Stored<T>> {
  const stored = platform.storage.read(key);
  return typeof stored === 'object' && stored !== null && !Array.isArray(stored)
    ? (stored as Record<string, Stored<T>>)
    : {};
}

/** Writes the map, the most recently stored `max` entries kept. */
function writeMap<T>(key: string, map: Record<string, Stored<T>>, max: number): void {
  const kept = Object.entries(map)
    .sort(([, a], [, b]) => b.at - a.at)
    .slice(0, max);
  platform.storage.write(key, Object.fromEntries(kept));
}

export function rememberCampaign(campaign: CampaignView): void {
  const map = readMap<CampaignView>(CAMPAIGNS_KEY);
  map[campaign.id] = { at: Date.now(), value: campaign };
  writeMap(CAMPAIGNS_KEY, map, MAX_CAMPAIGNS);
}

export function rememberedCampaign(campaignId: string): CampaignView | null {
  return readMap<CampaignView>(CAMPAIGNS_KEY)[campaignId]?.value ?? null;
}

/** A door as read on its own page: with the people in it. */
export function rememberTarget(target: TargetDetail): void {
  const map = readMap<TargetDetail>(targetsKey(target.campaignId));
  map[target.id] = { at: Date.now(), value: target };
  writeMap(targetsKey(target.campaignId), map, MAX_TARGETS);
}

/**
 * Doors as a list shows them: their place and state are refreshed, the people read on a door's
 * own page are kept.
 */
export function rememberRows(campaignId: string, round: number, rows: readonly TargetRow[]): void {
  const map = readMap<TargetDetail>(targetsKey(campaignId));
  const at = Date.now();
  for (const row of rows) {
    const known = map[row.id]?.value;
    map[row.id] = {
      at,
      value: {
        ...row,
        campaignId,
        round,
        gridName: known?.gridName ?? '',
        people: known?.people ?? [],
        signer: known?.signer ?? null,
        visit: row.visit && {
          ...row.visit,
          answers: known?.visit?.answers ?? [],
          attempts: known?.visit?.attempts ?? [],
        },
      },
    };
  }
  writeMap(targetsKey(campaignId), map, MAX_TARGETS);
}

export function rememberedTarget(campaignId: string, targetId: string): TargetDetail | null {
  return readMap<TargetDetail>(targetsKey(campaignId))[targetId]?.value ?? null;
}
