import type { FunctionResult, WhoamiOutput } from '@gridguard/types';
import { seedDemoData, startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { connectSdk, tempDir } from '../helpers/emulator';
import { gatewayCall, gatewayLogin } from '../helpers/gateway';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ dataDir: tempDir() });
});
afterAll(() => server.close());

const whoamiAs = async (openid: string, input: unknown = {}) => {
  const token = await gatewayLogin(server.emulator, openid);
  const reply = await gatewayCall<FunctionResult<WhoamiOutput>>(
    server.emulator,
    token,
    'whoami',
    input,
  );
  return reply.body.result as FunctionResult<WhoamiOutput>;
};

it('a resident sees their name, role and grid path from the root', async () => {
  expect(await whoamiAs('oDemoResident')).toEqual({
    ok: true,
    data: {
      openid: 'oDemoResident',
      registered: true,
      name: '王秀英',
      personId: 'h-demo-resident-p1',
      roles: ['resident'],
      grid: {
        id: 'g-shatou-b1-h3',
        name: '第三户联系党小组',
        levelName: '户联系党小组',
        path: [
          { id: 'g-jiujiang', name: '九江镇', levelName: '镇' },
          { id: 'g-shatou', name: '沙头社区', levelName: '村(社区)' },
          { id: 'g-shatou-b1', name: '第一经济社党支部', levelName: '经济社党支部' },
          { id: 'g-shatou-b1-h3', name: '第三户联系党小组', levelName: '户联系党小组' },
        ],
      },
    },
  });
});

it.each([
  ['oDemoVolunteer', 'member', '第一经济社党支部'],
  ['oDemoLeader', 'leader', '沙头社区'],
  ['oDemoCommand', 'command', '九江镇'],
])('%s is a %s at %s', async (openid, role, gridName) => {
  const result = await whoamiAs(openid);
  expect(result.ok && result.data.roles).toEqual([role]);
  expect(result.ok && result.data.grid?.name).toBe(gridName);
});

it('a WeChat user who has not joined is told so, not refused', async () => {
  const token = await gatewayLogin(server.emulator, 'oDemoResident');
  expect(token).toBeTruthy();
  // Any OPENID without a users document: remove the resident's and ask again.
  server.emulator.store.atomically(() => {
    const found = server.emulator.store.getById(server.emulator.store.db, 'users', 'oDemoResident');
    if (found) server.emulator.store.remove(found.seq);
  });
  expect(await whoamiAs('oDemoResident')).toEqual({
    ok: true,
    data: {
      openid: 'oDemoResident',
      registered: false,
      name: null,
      personId: null,
      roles: [],
      grid: null,
    },
  });
});

it('the gateway refuses a body that is not a JSON object', async () => {
  const token = await gatewayLogin(server.emulator, 'oDemoLeader');
  expect((await gatewayCall(server.emulator, token, 'whoami', [1, 2, 3])).status).toBe(400);
});

it('without an OPENID (a server-side call) it refuses with UNAUTHENTICATED', async () => {
  const cloud = connectSdk(server.emulator);
  const reply = (await cloud.callFunction({ name: 'whoami', data: {} })) as unknown as {
    result: FunctionResult<WhoamiOutput>;
  };
  expect(reply.result).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
});

it('seeding happens only on first start, never over existing data', () => {
  expect(seedDemoData(server.emulator)).toBe(false);
});
