import { chinaDay, COLLECTIONS, shiftIdOf } from '@gridguard/types';
import type { SiteDoc, ShiftDoc } from '@gridguard/server/domain/checkpoint-records';
import type { DemoServer } from '../../scripts/demo-server';

/**
 * What the gate's tests share: sites and shifts written straight into the emulator's store as
 * the rota part stores them (sites are not created through actions on this branch).
 */

export const QR_TOKEN = 'qr-token-0001';

export function seedSite(
  server: DemoServer,
  over: Partial<SiteDoc> & { _id: string; gridPath: string[] },
): SiteDoc {
  const now = new Date();
  const gridId = over.gridPath[over.gridPath.length - 1] ?? '';
  const site: SiteDoc = {
    name: '沙头东门',
    kind: 'village',
    place: '村口东侧',
    gridId,
    gridName: '网格',
    plan: [
      { start: '00:00', end: '12:00', need: 2 },
      { start: '12:00', end: '00:00', need: 2 },
    ],
    planVersion: 1,
    qrToken: QR_TOKEN,
    status: 'open',
    createdBy: { openid: 'oDemoLeader', name: '陈建华' },
    createdAt: now,
    updatedAt: now,
    ...over,
  };
  const store = server.emulator.store;
  store.atomically(() => store.insert(COLLECTIONS.checkpointSites, { ...site }));
  return site;
}

/** Today's first shift at a site with `openid` checked in on it. */
export function seedCheckedIn(server: DemoServer, site: SiteDoc, openid: string): string {
  const now = new Date();
  const day = chinaDay(now);
  const shift: ShiftDoc = {
    _id: shiftIdOf(site._id, day, 0),
    siteId: site._id,
    siteName: site.name,
    gridId: site.gridId,
    gridPath: site.gridPath,
    day,
    index: 0,
    start: '00:00',
    end: '23:59',
    startAt: new Date(now.getTime() - 3_600_000),
    endAt: new Date(now.getTime() + 3_600_000),
    need: 2,
    crew: [
      {
        openid,
        name: '值守',
        source: 'self',
        by: openid,
        at: now,
        checkedInAt: now,
        checkedOutAt: null,
        remindedAt: null,
      },
    ],
    filled: 1,
    uncovered: 1,
    planVersion: 1,
    rev: 1,
  };
  const store = server.emulator.store;
  store.atomically(() => store.insert(COLLECTIONS.checkpointShifts, { ...shift }));
  return shift._id;
}
