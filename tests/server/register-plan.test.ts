import ExcelJS from 'exceljs';
import { IMPORT_SHEETS } from '@gridguard/types';
import { planRegister, type SheetRegisterRow } from '@gridguard/server/domain';
import { readRegisterWorkbook } from '../../server/src/excel/register-workbook';
import { idNumberFor } from '../../scripts/demo/builder';

const LEVELS = ['村', '组'];
let n = 0;
const row = (
  path: string[],
  address: string,
  name: string,
  more: Partial<SheetRegisterRow> = {},
): SheetRegisterRow => {
  n += 1;
  return {
    row: n + 1,
    path,
    address,
    name,
    relation: name ? '本人' : '',
    idNumber: '',
    phone: '',
    idNumberWasNumber: false,
    ...more,
  };
};

describe('what a filled register means', () => {
  beforeEach(() => {
    n = 0;
  });

  it('a family on consecutive rows is one household; blank levels repeat the row above (merged cells)', () => {
    const plan = planRegister(
      LEVELS,
      [],
      [
        row(['东村', '一组'], '东路1号', '甲'),
        row([], '', '乙', { relation: '配偶' }),
        row([], '东路2号', '丙'),
        row(['东村', '二组'], '东路3号', ''),
      ],
    );
    expect(plan.issues).toEqual([]);
    expect(
      plan.households.map((h) => [h.path.join('/'), h.address, h.people.map((p) => p.name)]),
    ).toEqual([
      ['东村/一组', '东路1号', ['甲', '乙']],
      ['东村/一组', '东路2号', ['丙']],
      ['东村/二组', '东路3号', []],
    ]);
    expect(plan.nodes.map((x) => x.path.join('/'))).toEqual(['东村', '东村/一组', '东村/二组']);
  });

  it('a household may not sit on a node the file also splits further', () => {
    const plan = planRegister(
      LEVELS,
      [{ row: 2, path: ['东村', '一组'] }],
      [row(['东村'], '东路1号', '甲')],
    );
    expect(plan.issues).toEqual([
      expect.objectContaining({
        sheet: '住户人员',
        row: 2,
        column: '村',
        message: expect.stringContaining('最末一级'),
      }),
    ]);
  });

  it('namesakes in one household need ID numbers; with them they are two people', () => {
    const clash = planRegister(
      LEVELS,
      [],
      [row(['东村', '一组'], '东路1号', '甲'), row([], '', '甲')],
    );
    expect(clash.issues[0]).toMatchObject({ row: 3, column: '姓名' });
    n = 0;
    const twins = planRegister(
      LEVELS,
      [],
      [
        row(['东村', '一组'], '东路1号', '甲', { idNumber: idNumberFor(1) }),
        row([], '', '甲', { idNumber: idNumberFor(2), relation: '子女' }),
      ],
    );
    expect(twins.issues).toEqual([]);
    expect(twins.households[0]?.people).toHaveLength(2);
  });

  it('masked numbers from an export mean “keep what is stored”; lowercase x is accepted', () => {
    const id = idNumberFor(7);
    const plan = planRegister(
      LEVELS,
      [],
      [
        row(['东村', '一组'], '东路1号', '甲', {
          idNumber: `${id.slice(0, 4)}**********${id.slice(-4)}`,
          phone: '138****5678',
        }),
        row([], '', '乙', { idNumber: id.toLowerCase(), relation: '配偶' }),
      ],
    );
    expect(plan.issues).toEqual([]);
    expect(plan.households[0]?.people[0]).toMatchObject({
      keepIdNumber: true,
      keepPhone: true,
      idNumber: null,
      phone: null,
    });
    expect(plan.households[0]?.people[1]?.idNumber).toBe(id.toUpperCase());
  });

  it('a file that is not a workbook, or lacks the register sheet, is refused in Chinese', async () => {
    const garbage = await readRegisterWorkbook(
      Buffer.from('PK\u0003\u0004 not really a zip'),
      LEVELS,
    );
    expect(garbage.issues[0]?.message).toContain('.xlsx');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet1').addRow(['x']);
    const other = await readRegisterWorkbook(Buffer.from(await book.xlsx.writeBuffer()), LEVELS);
    expect(other.issues[0]?.message).toContain(IMPORT_SHEETS.register);
  });
});
