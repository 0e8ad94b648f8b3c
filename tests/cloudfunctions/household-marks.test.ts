import ExcelJS from 'exceljs';
import { COLLECTIONS, IMPORT_SHEETS, REGISTER_COLUMNS } from '@gridguard/types';
import {
  AppError,
  householdKey,
  importedId,
  type HouseholdDoc,
  type JoinRequestDoc,
  type PersonDoc,
} from '@gridguard/server/domain';
import {
  cloudFiles,
  codeAttempts,
  gridData,
  importData,
  joinRequestData,
  loadActor,
  registerData,
  type CloudDatabase,
  type ImportData,
} from '@gridguard/server/runtime';
import type { ActionContext } from '@gridguard/server/runtime';
import { householdActions, joinRequestActions } from '@gridguard/server/services';
import { importActions } from '@gridguard/server/services/imports';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { idNumberFor, phoneFor } from '../../scripts/demo/builder';
import { actingAs, dataOf } from '../helpers/actions';
import { connectSdk, tempDir, type Cloud } from '../helpers/emulator';

/**
 * Every writer that puts someone into an existing household marks it (`rev`), as the register
 * does: a removal that read the household empty before the person came then fails
 * (register-data.ts `removeHousehold`), and a household removed before the mark takes the person
 * back out. Here for 代家人登记 (`households.addPerson`), join approvals that make or link a
 * person, and the import's commit.
 */
let server: DemoServer;
let cloud: Cloud;
let db: CloudDatabase;
const APPLICANTS = [
  'oMarkApplicant1',
  'oMarkApplicant2',
  'oMarkApplicant3',
  'oMarkApplicant4',
  'oMarkApplicant5',
];
beforeAll(async () => {
  server = await startDemoServer({
    dataDir: tempDir(),
    startTimers: false,
    extraLogins: APPLICANTS.map((openid, i) => ({
      openid,
      name: `申请人${i + 1}`,
      roleLabel: '新用户',
    })),
  });
  cloud = connectSdk(server.emulator);
  db = cloud.database();
});
afterAll(() => server.close());

const LEADER = 'oDemoLeader';
const LEAF = 'g-shatou-b1-h1';
const as = (openid: string) => actingAs(server.emulator, openid);
const store = () => server.emulator.store;
const docs = <T>(collection: string) =>
  [...store().candidates(store().db, collection, undefined)].map((c) => c.doc as T);
const doc = <T>(collection: string, id: string) =>
  (store().getById(store().db, collection, id)?.doc as T | undefined) ?? null;
const peopleIn = (householdId: string) =>
  docs<PersonDoc>(COLLECTIONS.people).filter((p) => p.householdId === householdId);
/** The household as a removal would have read it: the `rev` it would remove it at. */
const readNow = async (id: string) => {
  const read = await gridData(db).household(id);
  if (!read) throw new Error(`household ${id} expected`);
  return read;
};
const ctxOf = (openid: string): ActionContext => ({
  caller: { openid, source: 'wx_client' },
  actor: () => loadActor(gridData(db), openid),
});
/** The register's data layer, whose household mark first lets a stale removal through. */
const removedBeforeTheMark = (stale: HouseholdDoc) => {
  const register = registerData(db);
  return {
    ...register,
    touchHousehold: async (id: string) => {
      expect(await register.removeHousehold(stale)).toBe(true);
      return register.touchHousehold(id);
    },
  };
};
let doors = 0;
const emptyHousehold = async () =>
  dataOf(
    await as(LEADER)('households', 'create', { gridId: LEAF, address: `标记街${(doors += 1)}号` }),
  );
const conflictOf = async (run: Promise<unknown>) => {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
};

describe('代家人登记 (households.addPerson)', () => {
  it('marks the household: a removal that read it empty before fails', async () => {
    const household = await emptyHousehold();
    const stale = await readNow(household.id);
    const added = dataOf(
      await as(LEADER)('households', 'addPerson', {
        householdId: household.id,
        name: '周标记',
        relation: '其他',
      }),
    );
    expect(await registerData(db).removeHousehold(stale)).toBe(false);
    expect(doc<HouseholdDoc>(COLLECTIONS.households, household.id)?.rev).toBe((stale.rev ?? 0) + 1);
    expect(peopleIn(household.id).map((p) => p._id)).toEqual([added.id]);
  });

  it('takes the person back out when the household was removed before the mark', async () => {
    const household = await emptyHousehold();
    const stale = await readNow(household.id);
    const actions = householdActions(gridData(db), removedBeforeTheMark(stale));
    const error = await conflictOf(
      actions.addPerson(
        {
          householdId: household.id,
          name: '吴已删',
          relation: '其他',
          idNumber: idNumberFor(88_001),
          phone: phoneFor(88_001),
        },
        ctxOf(LEADER),
      ),
    );
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect(error.message).toContain('该住户已被删除');
    expect(doc(COLLECTIONS.households, household.id)).toBeNull();
    expect(docs<PersonDoc>(COLLECTIONS.people).filter((p) => p.name === '吴已删')).toEqual([]);
    const secrets = docs<{ idNumber: string | null }>(COLLECTIONS.personSecrets);
    expect(secrets.filter((s) => s.idNumber === idNumberFor(88_001))).toEqual([]);
  });
});

describe('join approvals', () => {
  const ask = async (openid: string, code: string, name: string) => {
    const outcome = dataOf(
      await as(openid)('households', 'join', { code, name, relation: '子女' }),
    );
    if (outcome.status !== 'requested') throw new Error('a request expected');
    return outcome.request;
  };
  const noMessages = () => Promise.resolve('sent' as const);

  it('an approval that makes a person marks the household: a removal that read it empty before fails', async () => {
    const household = await emptyHousehold();
    const request = await ask(APPLICANTS[0] ?? '', household.code, '郑新人');
    const stale = await readNow(household.id);
    dataOf(await as(LEADER)('households', 'approve', { requestId: request.id, confirm: true }));
    expect(await registerData(db).removeHousehold(stale)).toBe(false);
    expect(peopleIn(household.id).map((p) => p.name)).toEqual(['郑新人']);
  });

  it('an approval that links a listed person marks the household too', async () => {
    const household = await emptyHousehold();
    dataOf(
      await as(LEADER)('households', 'addPerson', {
        householdId: household.id,
        name: '钱已登记',
        relation: '本人',
      }),
    );
    const request = await ask(APPLICANTS[1] ?? '', household.code, '钱已登记');
    expect(request.claims).toMatchObject({ name: '钱已登记' });
    const stale = await readNow(household.id);
    dataOf(await as(LEADER)('households', 'approve', { requestId: request.id, confirm: true }));
    expect(await registerData(db).removeHousehold(stale)).toBe(false);
    expect(peopleIn(household.id).map((p) => [p.name, p.openid])).toEqual([
      ['钱已登记', APPLICANTS[1]],
    ]);
  });

  it('a removal that read the listed person before the link leaves the WeChat user’s record alone', async () => {
    const household = await emptyHousehold();
    const listed = dataOf(
      await as(LEADER)('households', 'addPerson', {
        householdId: household.id,
        name: '孙待链接',
        relation: '本人',
      }),
    );
    const request = await ask(APPLICANTS[4] ?? '', household.code, '孙待链接');
    const staleRead = doc<PersonDoc>(COLLECTIONS.people, listed.id);
    if (!staleRead) throw new Error('the listed person expected');
    dataOf(await as(LEADER)('households', 'approve', { requestId: request.id, confirm: true }));
    expect(await registerData(db).removeUnlinkedPerson(staleRead)).toBe(false);
    expect(doc<PersonDoc>(COLLECTIONS.people, listed.id)?.openid).toBe(APPLICANTS[4]);
  });

  it('undoes the approval when the household was removed before the mark: nobody left in it, the request refused with why', async () => {
    const openid = APPLICANTS[2] ?? '';
    const household = await emptyHousehold();
    const request = await ask(openid, household.code, '孙来晚');
    const stale = await readNow(household.id);
    const actions = joinRequestActions(
      gridData(db),
      joinRequestData(db),
      removedBeforeTheMark(stale),
      codeAttempts(db),
      noMessages,
    );
    const error = await conflictOf(
      actions.approve({ requestId: request.id, confirm: true }, ctxOf(LEADER)),
    );
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect(error.message).toContain('该住户已被删除');
    const stored = doc<JoinRequestDoc>(COLLECTIONS.joinRequests, request.id);
    expect(stored).toMatchObject({ status: 'rejected', reason: '该住户已被删除' });
    expect(doc(COLLECTIONS.people, stored?.personId ?? '')).toBeNull();
    expect(doc(COLLECTIONS.personSecrets, stored?.personId ?? '')).toBeNull();
    // The applicant was never placed in it, and may ask to join another household.
    expect(
      doc<{ householdId?: string }>(COLLECTIONS.users, openid)?.householdId ?? null,
    ).toBeNull();
    const mine = dataOf(await as(openid)('households', 'myRequest', {}));
    expect(mine).toMatchObject({ status: 'rejected', reason: '该住户已被删除' });
  });

  it('undoes a link the same way: the listed person is nobody’s WeChat again', async () => {
    const openid = APPLICANTS[3] ?? '';
    const household = await emptyHousehold();
    const listed = dataOf(
      await as(LEADER)('households', 'addPerson', {
        householdId: household.id,
        name: '李待认',
        relation: '本人',
      }),
    );
    const request = await ask(openid, household.code, '李待认');
    const stale = await readNow(household.id);
    const actions = joinRequestActions(
      gridData(db),
      joinRequestData(db),
      removedBeforeTheMark(stale),
      codeAttempts(db),
      noMessages,
    );
    const error = await conflictOf(
      actions.approve({ requestId: request.id, confirm: true }, ctxOf(LEADER)),
    );
    expect(error.code).toBe('CONFLICT');
    expect(doc<PersonDoc>(COLLECTIONS.people, listed.id)?.openid).toBeNull();
    expect(doc(COLLECTIONS.joinRequests, request.id)).toMatchObject({ status: 'rejected' });
  });
});

describe('导入登记表 commit', () => {
  const LEVELS = ['经济社党支部', '户联系党小组'];
  const book = async (rows: { address: string; name: string; n: number }[]) => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet(IMPORT_SHEETS.tree).addRow([...LEVELS, '备注']);
    const sheet = workbook.addWorksheet(IMPORT_SHEETS.register);
    sheet.addRow([...LEVELS, ...Object.values(REGISTER_COLUMNS), '备注']);
    for (const row of rows)
      sheet.addRow([
        '第一经济社党支部',
        '第一户联系党小组',
        row.address,
        row.name,
        '本人',
        idNumberFor(row.n),
        phoneFor(row.n),
      ]);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  };
  const preview = async (content: Buffer) => {
    const leader = as(LEADER);
    const { cloudPath } = dataOf(await leader('imports', 'uploadTarget', { gridId: 'g-shatou' }));
    const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: content });
    const view = dataOf(await leader('imports', 'preview', { gridId: 'g-shatou', fileId: fileID }));
    expect(view.errorCount).toBe(0);
    return view.importId;
  };
  const commitAll = async (commit: () => Promise<{ status: string }>) => {
    for (let i = 0; i < 20; i += 1) if ((await commit()).status === 'done') return;
    throw new Error('the import never finished');
  };
  /** People an import made (ids `p-i…`) in a household that is not there. */
  const orphans = () => {
    const households = new Set(docs<HouseholdDoc>(COLLECTIONS.households).map((h) => h._id));
    return docs<PersonDoc>(COLLECTIONS.people).filter(
      (p) => p._id.startsWith('p-i') && !households.has(p.householdId),
    );
  };

  it('marks the existing households it adds people to: a removal that read one empty before fails', async () => {
    const household = await emptyHousehold();
    const stale = await readNow(household.id);
    const importId = await preview(
      await book([{ address: household.address, name: '冯导入', n: 88_101 }]),
    );
    await commitAll(async () => dataOf(await as(LEADER)('imports', 'commit', { importId })));
    expect(await registerData(db).removeHousehold(stale)).toBe(false);
    expect(peopleIn(household.id).map((p) => p.name)).toEqual(['冯导入']);
  });

  it('a household removed before the mark is made again from the file, its people in it, and the import goes on', async () => {
    const household = await emptyHousehold();
    const stale = await readNow(household.id);
    const importId = await preview(
      await book([
        { address: household.address, name: '陈重建', n: 88_201 },
        { address: household.address, name: '陈重建妻', n: 88_202 },
        { address: '标记街新建1号', name: '褚新户', n: 88_203 },
      ]),
    );
    const real = importData(db);
    let removals = 0;
    const racing: ImportData = {
      ...real,
      touchHouseholds: async (ids) => {
        // The first mark finds the household removed by someone who read it empty.
        if (removals === 0 && ids.includes(household.id)) {
          removals += 1;
          expect(await registerData(db).removeHousehold(stale)).toBe(true);
        }
        return real.touchHouseholds(ids);
      },
    };
    const actions = importActions(gridData(db), racing, cloudFiles(cloud));
    await commitAll(() => actions.commit({ importId }, ctxOf(LEADER)));
    expect(removals).toBe(1);
    expect(doc(COLLECTIONS.households, household.id)).toBeNull();
    expect(peopleIn(household.id)).toEqual([]);
    const remade = importedId('h', importId, householdKey(LEAF, household.address));
    expect(doc<HouseholdDoc>(COLLECTIONS.households, remade)).toMatchObject({
      gridId: LEAF,
      address: household.address,
    });
    expect(
      peopleIn(remade)
        .map((p) => p.name)
        .sort(),
    ).toEqual(['陈重建', '陈重建妻'].sort());
    // Each once, with their full numbers, and nobody left in a household that is gone.
    const named = docs<PersonDoc>(COLLECTIONS.people).filter((p) => p.name.startsWith('陈重建'));
    expect(named).toHaveLength(2);
    const secrets = docs<{ _id: string; idNumber: string | null }>(COLLECTIONS.personSecrets);
    for (const n of [88_201, 88_202])
      expect(secrets.filter((s) => s.idNumber === idNumberFor(n))).toHaveLength(1);
    expect(orphans()).toEqual([]);
    expect(peopleIn(importedId('h', importId, householdKey(LEAF, '标记街新建1号')))).toHaveLength(
      1,
    );
  });
});
