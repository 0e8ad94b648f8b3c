import type { ChecklistItem } from '@gridguard/types';
import {
  formatAnswer,
  letterStateOf,
  nodeNames,
  targetTable,
  type ExportVisit,
} from '@gridguard/server/domain/campaign-export';
import type { AssignmentDoc } from '@gridguard/server/domain/campaigns';

/** The export's words and order, without a database: what a village office reads in the file. */
const item = (over: Partial<ChecklistItem>): ChecklistItem => ({
  id: 'q1',
  label: '检查项',
  kind: 'yesNo',
  required: true,
  options: [],
  unit: '',
  min: null,
  max: null,
  ...over,
});

describe('answers in words', () => {
  it('是/否, a number with its unit (a bare number stays a number), the choice or text given', () => {
    expect(formatAnswer(item({ kind: 'yesNo' }), true)).toBe('是');
    expect(formatAnswer(item({ kind: 'yesNo' }), false)).toBe('否');
    expect(formatAnswer(item({ kind: 'number', unit: '人' }), 3)).toBe('3人');
    expect(formatAnswer(item({ kind: 'number', unit: '' }), 36.5)).toBe(36.5);
    expect(formatAnswer(item({ kind: 'choice', options: ['已落实', '未落实'] }), '未落实')).toBe(
      '未落实',
    );
    expect(formatAnswer(item({ kind: 'text' }), '老人独居')).toBe('老人独居');
  });
});

describe('责任书 state', () => {
  it('不适用 for households and for a campaign without a letter; 已签 or 未签 otherwise', () => {
    expect(letterStateOf({ kind: 'household', letter: '责任书' }, true)).toBe('notApplicable');
    expect(letterStateOf({ kind: 'rental', letter: null }, true)).toBe('notApplicable');
    expect(letterStateOf({ kind: 'rental', letter: '谁出租谁负责' })).toBe('unsigned');
    expect(letterStateOf({ kind: 'rental', letter: '谁出租谁负责' }, true)).toBe('signed');
    expect(letterStateOf({ kind: 'enterprise', letter: '复工承诺' })).toBe('unsigned');
  });
});

describe('排查明细', () => {
  const nodes = [
    { _id: 'g-v', name: '沙头社区', ancestors: ['g-t'] },
    { _id: 'g-b10', name: '第10组', ancestors: ['g-t', 'g-v'] },
    { _id: 'g-b2', name: '第2组', ancestors: ['g-t', 'g-v'] },
  ];
  const names = nodeNames({ _id: 'g-v', depth: 1 }, nodes, ['镇', '村(社区)', '小组']);
  const place = (targetId: string, gridId: string, label: string) => ({
    targetId,
    gridId,
    label,
    sortKey: label,
  });
  const campaign = { kind: 'household' as const, letter: null, checklist: [], round: 1 };

  it('path columns from the node exported down, named by level; nodes in number order', () => {
    expect(names.levels).toEqual(['村(社区)', '小组']);
    const table = targetTable({
      campaign,
      names,
      places: [place('h-3', 'g-b10', '东街1号'), place('h-1', 'g-b2', '东街2号')],
      assignments: [],
      visits: [],
      signed: new Set(),
    });
    expect(table.rows.map((r) => r.slice(0, 3))).toEqual([
      ['沙头社区', '第2组', '东街2号'],
      ['沙头社区', '第10组', '东街1号'],
    ]);
    expect(table.rows[0]?.slice(3)).toEqual(['', '不适用', '未走访', '', '', '', '', '', '', '']);
  });

  it('a target gone from the register keeps its row, named as it was visited', () => {
    const visit: ExportVisit = {
      targetId: 'h-gone',
      round: 1,
      gridId: 'g-b2',
      label: '东街9号',
      sortKey: '东街9号',
      outcome: 'refused',
      attempts: [
        { clientId: 'a', outcome: 'refused', by: { openid: 'o', name: '罗桂芳' }, at: new Date(0) },
      ],
      by: { openid: 'o', name: '罗桂芳' },
      at: new Date('2026-12-01T02:30:00Z'),
      reason: '不愿开门',
      note: '',
      answers: [],
      finding: null,
      followUp: null,
    };
    const assignment = {
      targetId: 'h-gone',
      gridId: 'g-b2',
      label: '东街9号',
      sortKey: '东街9号',
      assignee: { openid: 'o', name: '罗桂芳' },
    } as AssignmentDoc;
    const table = targetTable({
      campaign,
      names,
      places: [],
      assignments: [assignment],
      visits: [visit],
      signed: new Set(),
    });
    expect(table.rows).toEqual([
      [
        '沙头社区',
        '第2组',
        '东街9号',
        '罗桂芳',
        '不适用',
        '拒绝',
        1,
        '罗桂芳',
        '2026-12-01 10:30',
        '不愿开门',
        '',
        '',
        '',
      ],
    ]);
  });
});
