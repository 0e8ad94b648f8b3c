import ExcelJS from 'exceljs';
import {
  COLLECTIONS,
  ENTERPRISE_COLUMNS,
  IMPORT_SHEETS,
  maskPhone,
  REGISTER_COLUMNS,
  RENTAL_COLUMNS,
  type ImportView,
} from '@gridguard/types';
import { importedId, targetKey } from '@gridguard/server/domain';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { idNumberFor, phoneFor } from '../../scripts/demo/builder';
import { actingAs, dataOf } from '../helpers/actions';
import { connectSdk, storedDocs, tempDir, type Cloud } from '../helpers/emulator';

/** 导入登记表's 出租屋 and 企业 sheets through the real function, beside the people they name. */
let server: DemoServer;
let cloud: Cloud;
beforeAll(async () => {
  server = await startDemoServer({ dataDir: tempDir(), startTimers: false });
  cloud = connectSdk(server.emulator);
});
afterAll(() => server.close());

const leader = () => actingAs(server.emulator, 'oDemoLeader');
const docs = (collection: string) =>
  storedDocs<Record<string, unknown> & { _id: string }>(server.emulator, collection);
const TARGETS = [
  COLLECTIONS.grids,
  COLLECTIONS.households,
  COLLECTIONS.people,
  COLLECTIONS.personSecrets,
  COLLECTIONS.rentals,
  COLLECTIONS.enterprises,
  COLLECTIONS.enterpriseSecrets,
];
/** The registers as stored, for "nothing changed". */
const stored = () =>
  JSON.stringify(TARGETS.map((c) => docs(c).sort((a, b) => a._id.localeCompare(b._id))));

const LEVELS = ['经济社党支部', '户联系党小组'];
const B1 = '第一经济社党支部';
const LEAF = [B1, '第一户联系党小组'];
const LEAF_ID = 'g-shatou-b1-h1';
type Row = string[];

async function workbook(sheets: {
  people?: Row[];
  rentals?: Row[];
  enterprises?: Row[];
}): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet(IMPORT_SHEETS.tree).addRow([...LEVELS, '备注']);
  const register = book.addWorksheet(IMPORT_SHEETS.register);
  register.addRow([...LEVELS, ...Object.values(REGISTER_COLUMNS), '备注']);
  for (const r of sheets.people ?? []) register.addRow(r);
  if (sheets.rentals) {
    const sheet = book.addWorksheet(IMPORT_SHEETS.rentals);
    sheet.addRow([...LEVELS, ...Object.values(RENTAL_COLUMNS), '备注']);
    for (const r of sheets.rentals) sheet.addRow(r);
  }
  if (sheets.enterprises) {
    const sheet = book.addWorksheet(IMPORT_SHEETS.enterprises);
    sheet.addRow([...LEVELS, ...Object.values(ENTERPRISE_COLUMNS), '备注']);
    for (const r of sheets.enterprises) sheet.addRow(r);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function upload(gridId: string, content: Buffer): Promise<string> {
  const { cloudPath } = dataOf(await leader()('imports', 'uploadTarget', { gridId }));
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: content });
  return fileID;
}

async function preview(content: Buffer, gridId = 'g-shatou'): Promise<ImportView> {
  return dataOf(
    await leader()('imports', 'preview', { gridId, fileId: await upload(gridId, content) }),
  );
}

async function commitAll(importId: string): Promise<ImportView> {
  for (let i = 0; i < 50; i += 1) {
    const view = dataOf(await leader()('imports', 'commit', { importId }));
    if (view.status === 'done') return view;
  }
  throw new Error('the import never finished');
}

function countedUnder(gridId: string) {
  const under = (c: string) =>
    docs(c).filter((d) => (d['gridPath'] as string[] | undefined)?.includes(gridId)).length;
  return {
    nodes: docs(COLLECTIONS.grids).filter((g) => (g['ancestors'] as string[]).includes(gridId))
      .length,
    households: under(COLLECTIONS.households),
    people: under(COLLECTIONS.people),
    members: under(COLLECTIONS.memberships),
    rentals: under(COLLECTIONS.rentals),
    enterprises: under(COLLECTIONS.enterprises),
  };
}
const countersMatch = () => {
  for (const id of [LEAF_ID, 'g-shatou-b1', 'g-shatou', 'g-jiujiang'])
    expect(docs(COLLECTIONS.grids).find((g) => g._id === id)?.['counts']).toEqual(countedUnder(id));
};

// A landlord and a tenant registered by the same file, and 冯国庆, already in the register.
const LANDLORD = idNumberFor(50001);
const TENANT = idNumberFor(50002);
const FENG = idNumberFor(9002);
const BOSS_PHONE = phoneFor(50003);
const PEOPLE: Row[] = [
  [...LEAF, '东街50号', '房东甲', '本人', LANDLORD, phoneFor(50001)],
  [...LEAF, '东街51号', '租客乙', '本人', TENANT, ''],
];
const RENTALS: Row[] = [
  [...LEAF, '东街出租屋1号', '3', '房东甲', LANDLORD, '租客乙', TENANT, '2020-02-01', '2021-01-31'],
  // The same rental's second tenant: blank levels and door; a date typed the Chinese way.
  ['', '', '', '', '', '', '冯国庆', FENG, '2020年3月1日', ''],
  [...LEAF, '东街出租屋2号', '1', '冯国庆', FENG, '', '', '', ''],
];
const ENTERPRISES: Row[] = [
  [...LEAF, '沙头制衣厂', '东街60号', '王厂长', BOSS_PHONE, '25', '已申请复工'],
  [...LEAF, '沙头五金店', '东街61号', '李老板', '', '3', '未复工'],
];
const NO_CHANGE = { create: 0, update: 0, unchanged: 0 };
const rentalAt = (address: string) =>
  docs(COLLECTIONS.rentals).find((r) => r['address'] === address);
const enterpriseNamed = (name: string) =>
  docs(COLLECTIONS.enterprises).find((e) => e['name'] === name);
const personWith = (name: string) => docs(COLLECTIONS.people).find((p) => p['name'] === name);

describe('导入登记表: 出租屋 and 企业', () => {
  it('the template has both sheets, with the level names, an example row each and the 复工状态 picklist', async () => {
    const link = dataOf(await leader()('imports', 'template', { gridId: 'g-shatou' }));
    const bytes = Buffer.from(await (await fetch(link.url)).arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const rentals = book.getWorksheet(IMPORT_SHEETS.rentals);
    expect(rentals?.getRow(1).values).toEqual([
      undefined,
      ...LEVELS,
      '门牌地址',
      '房间数',
      '房东姓名',
      '房东身份证号',
      '租客姓名',
      '租客身份证号',
      '租期开始',
      '租期结束',
      '备注',
    ]);
    expect(String(rentals?.getRow(2).getCell(11).value)).toMatch(/^示例/);
    const enterprises = book.getWorksheet(IMPORT_SHEETS.enterprises);
    expect(enterprises?.getRow(1).values).toEqual([
      undefined,
      ...LEVELS,
      '企业名称',
      '门牌地址',
      '负责人',
      '负责人手机号',
      '职工人数',
      '复工状态',
      '备注',
    ]);
    expect(String(enterprises?.getRow(2).getCell(9).value)).toMatch(/^示例/);
    expect(enterprises?.getCell('H3').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"未复工,已申请复工,已复工,停业"'],
    });
    // The template as downloaded imports nothing: its example rows are skipped.
    const view = await preview(bytes);
    expect(view).toMatchObject({ status: 'ready', errorCount: 0 });
    expect(view.counts.rentals).toEqual(NO_CHANGE);
    expect(view.counts.enterprises).toEqual(NO_CHANGE);
  });

  it('lists every error of the two sheets by sheet, row and column, writes nothing, and cannot be committed', async () => {
    const before = stored();
    const view = await preview(
      await workbook({
        people: PEOPLE,
        rentals: [
          [...LEAF, '', '2', '房东甲', LANDLORD, '', '', '', ''],
          [...LEAF, '东街出租屋3号', '两间', '房东甲', LANDLORD, '', '', '', ''],
          [...LEAF, '东街出租屋4号', '0', '房东甲', LANDLORD, '', '', '', ''],
          [...LEAF, '东街出租屋5号', '2', '无名氏', idNumberFor(50999), '', '', '', ''],
          [...LEAF, '东街出租屋6号', '2', '冯国', FENG, '', '', '', ''],
          [...LEAF, '东街出租屋7号', '2', '房东甲', LANDLORD, '租客乙', TENANT, '2020-02-30', ''],
          [
            ...LEAF,
            '东街出租屋8号',
            '2',
            '房东甲',
            LANDLORD,
            '租客乙',
            TENANT,
            '2020-05-01',
            '2020-04-01',
          ],
          [...LEAF, '东街出租屋9号', '2', '房东甲', LANDLORD, '房东甲', LANDLORD, '2020-05-01', ''],
          [B1, '', '东街出租屋10号', '2', '房东甲', LANDLORD, '', '', '', ''],
        ],
        enterprises: [
          [...LEAF, '沙头制衣厂', '东街60号', '王厂长', BOSS_PHONE, '25', '营业中'],
          [...LEAF, '沙头鞋厂', '东街62号', '赵厂长', '1380000', '-1', '已复工'],
          [...LEAF, '', '东街63号', '钱厂长', '', '5', '已复工'],
          [...LEAF, '沙头糖厂', '东街64号', '孙厂长', '', '5', '已复工'],
          [...LEAF, '沙头糖厂', '东街65号', '吴厂长', '', '6', '停业'],
        ],
      }),
    );
    expect(view.status).toBe('invalid');
    const at = (sheet: string, row: number) =>
      view.errors.filter((e) => e.sheet === sheet && e.row === row);
    const rental = (row: number) => at('出租屋', row);
    expect(rental(2)).toEqual([
      expect.objectContaining({ column: '门牌地址', message: '请填写门牌地址' }),
    ]);
    expect(rental(3)[0]).toMatchObject({ column: '房间数', message: '房间数请填写数字' });
    expect(rental(4)[0]).toMatchObject({ column: '房间数', message: '出租间数应为 1–200' });
    expect(rental(5)[0]).toMatchObject({
      column: '房东身份证号',
      message: expect.stringContaining('登记表中没有此身份证号的人员'),
    });
    expect(rental(6)[0]).toMatchObject({
      column: '房东姓名',
      message: '与身份证号登记的姓名「冯国庆」不一致',
    });
    expect(rental(7)[0]).toMatchObject({ column: '租期开始', message: '日期不存在' });
    expect(rental(8)[0]).toMatchObject({
      column: '租期结束',
      message: '租期结束日期不能早于开始日期',
    });
    expect(rental(9)[0]).toMatchObject({
      column: '租客身份证号',
      message: '房东不能同时登记为本出租屋的租客',
    });
    expect(rental(10)[0]).toMatchObject({
      column: '经济社党支部',
      message: expect.stringContaining('出租屋只能登记在最末一级网格'),
    });
    const enterprise = (row: number) => at('企业', row);
    expect(enterprise(2)[0]).toMatchObject({
      column: '复工状态',
      message: '复工状态应为：未复工、已申请复工、已复工、停业',
    });
    expect(
      enterprise(3)
        .map((e) => e.column)
        .sort(),
    ).toEqual(['职工人数', '负责人手机号'].sort());
    expect(enterprise(4)[0]).toMatchObject({ column: '企业名称', message: '请填写企业名称' });
    expect(enterprise(5)).toEqual([]);
    expect(enterprise(6)[0]).toMatchObject({
      column: '企业名称',
      message: '同一网格内企业名称与第 5 行相同',
    });
    expect(view.errorCount).toBe(view.errors.length);
    expect(stored()).toBe(before);
    expect(await leader()('imports', 'commit', { importId: view.importId })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    expect(stored()).toBe(before);
  });

  it('imports rentals with their landlord and tenants and enterprises with the phone only in enterpriseSecrets; again, it changes nothing', async () => {
    const content = await workbook({ people: PEOPLE, rentals: RENTALS, enterprises: ENTERPRISES });
    const view = await preview(content);
    expect({ errors: view.errors, rentals: view.counts.rentals }).toEqual({
      errors: [],
      rentals: { create: 2, update: 0, unchanged: 0 },
    });
    expect(view.counts.enterprises).toEqual({ create: 2, update: 0, unchanged: 0 });
    expect(view.counts.people.create).toBe(2);
    // The preview wrote nothing to the registers.
    expect(rentalAt('东街出租屋1号')).toBeUndefined();
    await commitAll(view.importId);

    const landlord = personWith('房东甲');
    const tenant = personWith('租客乙');
    const fengId = docs(COLLECTIONS.personSecrets).find((x) => x['idNumber'] === FENG)?._id;
    const feng = docs(COLLECTIONS.people).find((p) => p._id === fengId);
    expect(feng).toMatchObject({ name: '冯国庆' });
    expect(rentalAt('东街出租屋1号')).toMatchObject({
      gridId: LEAF_ID,
      gridPath: ['g-jiujiang', 'g-shatou', 'g-shatou-b1', LEAF_ID],
      place: { street: '东街出租屋1号', building: '', unit: '', door: '' },
      rooms: 3,
      landlordId: landlord?._id,
      tenants: [
        { personId: tenant?._id, leaseStart: '2020-02-01', leaseEnd: '2021-01-31' },
        { personId: feng?._id, leaseStart: '2020-03-01', leaseEnd: null },
      ],
    });
    expect(rentalAt('东街出租屋2号')).toMatchObject({ landlordId: feng?._id, tenants: [] });
    // Found by its address like one staff entered.
    expect(
      dataOf(await leader()('targets', 'rentals', { gridId: LEAF_ID, page: 1, query: '东街出租' }))
        .total,
    ).toBe(2);

    const factory = enterpriseNamed('沙头制衣厂');
    expect(factory).toMatchObject({
      gridId: LEAF_ID,
      address: '东街60号',
      leaderName: '王厂长',
      phoneMasked: maskPhone(BOSS_PHONE),
      workforce: 25,
      status: 'applied',
    });
    expect(JSON.stringify(docs(COLLECTIONS.enterprises))).not.toContain(BOSS_PHONE);
    expect(docs(COLLECTIONS.enterpriseSecrets)).toEqual([{ _id: factory?._id, phone: BOSS_PHONE }]);
    expect(enterpriseNamed('沙头五金店')).toMatchObject({
      phoneMasked: null,
      status: 'notResumed',
    });
    expect(
      dataOf(
        await leader()('targets', 'revealEnterprisePhone', { enterpriseId: factory?._id ?? '' }),
      ),
    ).toEqual({ value: BOSS_PHONE });
    countersMatch();

    // The same file again: everything unchanged, nothing written.
    const before = stored();
    const again = await preview(content);
    expect(again.counts.rentals).toEqual({ create: 0, update: 0, unchanged: 2 });
    expect(again.counts.enterprises).toEqual({ create: 0, update: 0, unchanged: 2 });
    await commitAll(again.importId);
    expect(stored()).toBe(before);
    countersMatch();

    // A corrected file updates in place: rooms, a lease, a status; a blank phone keeps the stored one.
    const fixed = await preview(
      await workbook({
        rentals: [
          [
            ...LEAF,
            '东街出租屋1号',
            '4',
            '房东甲',
            LANDLORD,
            '租客乙',
            TENANT,
            '2020-02-01',
            '2021-06-30',
          ],
        ],
        enterprises: [[...LEAF, '沙头制衣厂', '东街60号', '王厂长', '', '30', '已复工']],
      }),
    );
    expect(fixed.counts.rentals).toEqual({ create: 0, update: 1, unchanged: 0 });
    expect(fixed.counts.enterprises).toEqual({ create: 0, update: 1, unchanged: 0 });
    await commitAll(fixed.importId);
    expect(rentalAt('东街出租屋1号')).toMatchObject({
      rooms: 4,
      tenants: [
        { personId: tenant?._id, leaseStart: '2020-02-01', leaseEnd: '2021-06-30' },
        // Not listed in the corrected file, still a tenant: an import never unlinks one.
        { personId: feng?._id, leaseStart: '2020-03-01', leaseEnd: null },
      ],
    });
    expect(enterpriseNamed('沙头制衣厂')).toMatchObject({
      _id: factory?._id,
      workforce: 30,
      status: 'resumed',
      phoneMasked: maskPhone(BOSS_PHONE),
    });
    expect(docs(COLLECTIONS.enterpriseSecrets)).toEqual([{ _id: factory?._id, phone: BOSS_PHONE }]);
    expect(docs(COLLECTIONS.rentals)).toHaveLength(2);
    expect(docs(COLLECTIONS.enterprises)).toHaveLength(2);
    countersMatch();
  });

  it('a commit that fails in the rentals’ part is resumed without doubling anything', async () => {
    const address = '东街出租屋20号';
    const content = await workbook({
      rentals: [[...LEAF, address, '2', '冯国庆', FENG, '', '', '', '']],
      enterprises: [[...LEAF, '沙头纸箱厂', '东街70号', '周厂长', phoneFor(50004), '8', '已复工']],
    });
    const view = await preview(content);
    expect(view).toMatchObject({ status: 'ready', progress: { total: 2 } });
    // Something else holds the id the new rental would take: its part fails after the phones.
    const blocker = importedId('r', view.importId, targetKey(LEAF_ID, address));
    await cloud
      .database()
      .collection(COLLECTIONS.rentals)
      .add({ data: { _id: blocker, gridId: 'elsewhere', gridPath: ['elsewhere'], address: 'x' } });
    const failed = await leader()('imports', 'commit', { importId: view.importId });
    expect(failed).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(enterpriseNamed('沙头纸箱厂')).toBeUndefined();

    await cloud.database().collection(COLLECTIONS.rentals).doc(blocker).remove();
    await commitAll(view.importId);
    expect(docs(COLLECTIONS.rentals).filter((r) => r['address'] === address)).toHaveLength(1);
    const box = enterpriseNamed('沙头纸箱厂');
    expect(docs(COLLECTIONS.enterprises).filter((e) => e['name'] === '沙头纸箱厂')).toHaveLength(1);
    expect(docs(COLLECTIONS.enterpriseSecrets).filter((s) => s._id === box?._id)).toEqual([
      { _id: box?._id, phone: phoneFor(50004) },
    ]);
    countersMatch();
  });

  it('exports both sheets, and the export imports back unchanged', async () => {
    const link = dataOf(await leader()('imports', 'export', { gridId: 'g-shatou-b1' }));
    expect(link).toMatchObject({ rentals: 3, enterprises: 3, revealed: true });
    const bytes = Buffer.from(await (await fetch(link.url)).arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const rows = (sheet: string) => {
      const out: string[][] = [];
      book.getWorksheet(sheet)?.eachRow((r) => out.push((r.values as string[]).slice(1)));
      return out;
    };
    const fengRow = rows(IMPORT_SHEETS.rentals).find(
      (r) => r[1] === '东街出租屋1号' && r[5] === '冯国庆',
    );
    // Exported from the branch: its one level below is the first column.
    expect(fengRow?.slice(0, 8)).toEqual([
      '第一户联系党小组',
      '东街出租屋1号',
      '4',
      '房东甲',
      LANDLORD,
      '冯国庆',
      FENG,
      '2020-03-01',
    ]);
    expect(rows(IMPORT_SHEETS.enterprises)).toContainEqual([
      '第一户联系党小组',
      '沙头制衣厂',
      '东街60号',
      '王厂长',
      BOSS_PHONE,
      '30',
      '已复工',
    ]);
    const before = stored();
    const back = await preview(bytes, 'g-shatou-b1');
    expect({ errors: back.errors, rentals: back.counts.rentals }).toEqual({
      errors: [],
      rentals: { create: 0, update: 0, unchanged: 3 },
    });
    expect(back.counts.enterprises).toEqual({ create: 0, update: 0, unchanged: 3 });
    await commitAll(back.importId);
    expect(stored()).toBe(before);
  });
});
