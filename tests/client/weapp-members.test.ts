/** @jest-environment jsdom */
import type { GridDetail, GridNodeView, MemberView } from '@gridguard/types';
import {
  actionCalls,
  launchWeapp,
  openPage,
  settle,
  tapText,
  waitForText,
  type CloudCall,
  type WeappPage,
} from '../helpers/weapp-sim';

/** 成员管理 of 沙头社区 as its leader 陈建华 opens it: his own row offers nothing to do to himself. */
const MEMBERS = 'pages/members/index';

const SHATOU: GridNodeView = {
  id: 'g-shatou',
  name: '沙头社区',
  levelName: '村(社区)',
  depth: 1,
  parentId: 'g-jiujiang',
  path: [{ id: 'g-jiujiang', name: '九江镇' }],
  leader: { name: '陈建华', party: true },
  childCount: 2,
  counts: { nodes: 5, households: 9, people: 27, members: 3 },
};

const member = (
  openid: string,
  name: string,
  kind: MemberView['kind'],
  extra: Partial<MemberView> = {},
): MemberView => ({
  openid,
  name,
  kind,
  party: true,
  phoneMasked: null,
  joinedAt: '2020-02-03T00:00:00.000Z',
  pending: false,
  self: false,
  ...extra,
});

const TEAM: MemberView[] = [
  member('oDemoLeader', '陈建华', 'leader', { self: true }),
  member('oGenSupport01', '何丽娟', 'support'),
  member('oJoiner', '赵敏', 'volunteer', { pending: true }),
];

const LEADER_CAN: GridDetail['can'] = {
  manage: true,
  restructure: false,
  invite: true,
  readHouseholds: true,
  registerPeople: true,
  revealPhone: true,
  revealIdNumber: true,
};

function backend(call: CloudCall) {
  const data = call.data as Record<string, unknown>;
  const ok = (value: unknown) => Promise.resolve({ result: { ok: true, data: value } });
  if (call.name === 'grids' && data.action === 'detail')
    return ok({ node: SHATOU, members: TEAM, can: LEADER_CAN });
  if (call.name === 'members' && data.action === 'invites') return ok([]);
  if (call.name === 'members' && data.action === 'remove') return ok({ removed: true });
  return Promise.resolve({ result: { ok: false, code: 'INTERNAL', message: '未知调用' } });
}

describe('成员管理 in the built mini-program', () => {
  const weapp = launchWeapp();
  let page: WeappPage | null = null;

  afterEach(() => {
    page?.detach();
    page = null;
    weapp.answerModal(false);
  });

  it('offers 移出 and 确认身份 on others’ rows, never on the leader’s own', async () => {
    weapp.answerCallFunction(backend);
    page = openPage(MEMBERS, { gridId: SHATOU.id });
    await waitForText(page, ['陈建华', '本人', '何丽娟', '赵敏', '确认身份']);

    const rows = Array.from(page.dom?.querySelectorAll<HTMLElement>('[class$="member-row"]') ?? []);
    const buttonsOf = (name: string) => {
      const row = rows.find((r) => r.textContent?.includes(name));
      if (!row) throw new Error(`no row for ${name}`);
      return Array.from(row.querySelectorAll('wx-button')).map((b) => b.textContent?.trim());
    };
    expect(rows).toHaveLength(3);
    expect(buttonsOf('陈建华')).toEqual([]);
    expect(buttonsOf('何丽娟')).toEqual(['移出']);
    expect(buttonsOf('赵敏')).toEqual(['确认身份', '移出']);

    // Removing someone else still asks first, and only then calls the server.
    const before = weapp.calls.length;
    weapp.answerModal(true);
    tapText(page, '移出');
    await settle();
    expect(weapp.modals.at(-1)?.content).toBe('确认将「赵敏」移出「沙头社区」？');
    expect(actionCalls(weapp.calls.slice(before), 'members', 'remove')).toEqual([
      { action: 'remove', gridId: 'g-shatou', openid: 'oJoiner', confirm: true },
    ]);
  });
});
