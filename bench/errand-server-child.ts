import { COLLECTIONS } from '@gridguard/types';
import { startDemoServer } from '../scripts/demo-server';
import { exitWithParent } from './child-watchdog';

/**
 * The demo server with `volunteers` members on 沙头社区's first branch and `errands` open errands
 * there, in a process of its own. Answers {url, errandIds, volunteers} once listening.
 */
async function main(): Promise<void> {
  const [dataDir, volunteerCount = '200', errandCount = '20'] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: errand-server-child.ts <data dir> [volunteers] [errands]');
  exitWithParent();
  const volunteers = Array.from({ length: Number(volunteerCount) }, (_, i) => ({
    openid: `oStorm${i}`,
    name: `志愿者${i}`,
    roleLabel: '志愿者',
  }));
  const server = await startDemoServer({
    dataDir,
    port: 0,
    extraLogins: volunteers,
    log: (l) => process.stderr.write(`${l}\n`),
  });
  const { store } = server.emulator;
  const path = ['g-jiujiang', 'g-shatou', 'g-shatou-b1'];
  const errandIds = Array.from({ length: Number(errandCount) }, (_, i) => `e-storm-${i}`);
  const now = new Date();
  store.atomically(() => {
    for (const v of volunteers) {
      // Registered volunteers, as joining by invitation leaves them: a user record and a membership.
      store.insert(COLLECTIONS.users, {
        _id: v.openid,
        openid: v.openid,
        name: v.name,
        roles: ['member'],
        gridId: 'g-shatou-b1',
        gridPath: path,
        householdId: null,
        personId: null,
      });
      store.insert(COLLECTIONS.memberships, {
        _id: `g-shatou-b1:${v.openid}`,
        gridId: 'g-shatou-b1',
        gridPath: path,
        openid: v.openid,
        name: v.name,
        kind: 'volunteer',
        party: true,
        phoneMasked: null,
        via: null,
        joinedAt: now,
      });
    }
    for (const id of errandIds) {
      store.insert(COLLECTIONS.errands, {
        _id: id,
        status: 'open',
        personId: 'h-demo-resident-p1',
        householdId: 'h-demo-resident',
        requesterOpenid: 'oDemoResident',
        requesterName: '王秀英',
        gridId: 'g-shatou-b1-h3',
        gridPath: [...path, 'g-shatou-b1-h3'],
        gridName: '第三户联系党小组',
        items: [{ name: '大米', quantity: '10斤', note: '' }],
        budget: 50,
        urgency: 2,
        deliveryNote: '',
        contactless: true,
        claimer: null,
        amountSpent: null,
        receiptFileId: null,
        deliveryFileId: null,
        history: [],
        createdAt: now,
        updatedAt: now,
        deliveredAt: null,
      });
    }
  });
  process.stdout.write(
    `${JSON.stringify({ url: server.url, errandIds, volunteers: volunteers.map((v) => v.openid) })}\n`,
  );
  process.once('SIGTERM', () => {
    void server.close().then(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
