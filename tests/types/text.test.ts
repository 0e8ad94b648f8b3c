import * as v from 'valibot';
import {
  ACTION_SCHEMAS,
  cleanText,
  CODE_ALPHABET,
  codeSchema,
  DOOR_CODE,
  INVITE_CODE,
  LEFT_OUT_CHARACTERS,
  readCode,
  hasHiddenCharacters,
  HIDDEN_TEXT_MESSAGE,
  idSchema,
  inputObject,
  textSchema,
  UNKNOWN_FIELD_MESSAGE,
  MISSING_FIELD_MESSAGE,
} from '@gridguard/types';

const name = textSchema({
  min: { length: 1, message: '请填写姓名' },
  max: { length: 5, message: '姓名不超过 5 个字' },
});
const note = textSchema({ max: { length: 20, message: '备注不超过 20 个字' }, multiline: true });
const messages = (schema: v.GenericSchema, input: unknown) => {
  const parsed = v.safeParse(schema, input);
  return parsed.success ? [] : parsed.issues.map((i) => i.message);
};

/** Each of these, anywhere in a name, is refused: none of them shows on a screen. */
const HIDDEN: [string, string][] = [
  ['NUL', '\u0000'],
  ['BEL', '\u0007'],
  ['tab', '\t'],
  ['line feed', '\n'],
  ['carriage return', '\r'],
  ['DEL', '\u007f'],
  ['C1 NEL', '\u0085'],
  ['C1 CSI', '\u009b'],
  ['soft hyphen', '\u00ad'],
  ['zero-width space', '\u200b'],
  ['zero-width non-joiner', '\u200c'],
  ['zero-width joiner', '\u200d'],
  ['left-to-right mark', '\u200e'],
  ['word joiner', '\u2060'],
  ['BOM inside', '\ufeff'],
  ['LRE', '\u202a'],
  ['RLE', '\u202b'],
  ['PDF', '\u202c'],
  ['LRO', '\u202d'],
  ['RLO', '\u202e'],
  ['LRI', '\u2066'],
  ['RLI', '\u2067'],
  ['FSI', '\u2068'],
  ['PDI', '\u2069'],
  ['line separator', '\u2028'],
  ['paragraph separator', '\u2029'],
  ['lone high surrogate', '\ud800'],
  ['lone low surrogate', '\udfff'],
  ['private use', '\ue000'],
  ['supplementary private use', '\u{f0000}'],
  ['tag character', '\u{e0041}'],
  ['Hangul filler', '\u3164'],
];

describe('textSchema', () => {
  it.each(HIDDEN)('refuses %s inside a name', (_label, ch) => {
    expect(messages(name, `王${ch}英`)).toEqual([HIDDEN_TEXT_MESSAGE]);
    expect(hasHiddenCharacters(`王${ch}英`)).toBe(true);
  });

  it('keeps ordinary names, emoji, accents and CJK extension characters', () => {
    for (const ok of ['王秀英', 'José', 'Zoë', '𠮷野', '阿🙂', 'D’Arc', '艾力·买买']) {
      expect(v.parse(name, ok)).toBe(ok);
    }
  });

  it('normalises to NFC before counting and comparing', () => {
    const decomposed = 'Jose\u0301';
    expect(v.parse(name, decomposed)).toBe('José');
    expect(v.parse(name, decomposed)).toBe(v.parse(name, 'José'));
    // Seven code units decomposed, five composed: the limit applies to what is stored.
    expect(v.parse(name, 'Josée'.normalize('NFD'))).toBe('Josée');
  });

  it('trims first, so spaces and a leading BOM around a name are not an error', () => {
    expect(v.parse(name, '  王秀英 ')).toBe('王秀英');
    expect(v.parse(name, '\ufeff王秀英')).toBe('王秀英');
    expect(messages(name, '   ')).toEqual(['请填写姓名']);
  });

  it('checks the length after cleaning, with the field’s own messages', () => {
    expect(messages(name, '王秀英王秀英')).toEqual(['姓名不超过 5 个字']);
    expect(messages(name, 42)).toEqual(['请填写姓名']);
    expect(messages(name, undefined)).toEqual(['请填写姓名']);
  });

  it('takes line breaks only in a multi-line field, one kind of them', () => {
    expect(v.parse(note, '第一行\r\n第二行\r第三行')).toBe('第一行\n第二行\n第三行');
    expect(messages(note, '第一行\u2028第二行')).toEqual([HIDDEN_TEXT_MESSAGE]);
    expect(messages(note, '第一行\t第二行')).toEqual([HIDDEN_TEXT_MESSAGE]);
    expect(messages(note, '第一行\u202e第二行')).toEqual([HIDDEN_TEXT_MESSAGE]);
    expect(cleanText(' a\r\nb ', true)).toBe('a\nb');
    expect(cleanText(' a\r\nb ')).toBe('a\r\nb');
  });
});

describe('ids and codes', () => {
  const id = idSchema('居民编号');
  it('takes the ids the services and the demo make', () => {
    for (const ok of ['g-jiujiang', 'h-demo-resident-p1', 'e-abcdefghjkmnpq', 'oDemoCommand']) {
      expect(v.parse(id, ok)).toBe(ok);
    }
    expect(v.parse(id, 'oAbC_d-E12345678901234567890')).toBe('oAbC_d-E12345678901234567890');
  });

  it('refuses operators, spaces, invisible characters and overlong ids', () => {
    for (const bad of ['$gt', 'a b', 'a\u200bb', 'g-中文', 'a.b', 'a/b', '', 'x'.repeat(65)]) {
      expect(v.safeParse(id, bad).success).toBe(false);
    }
    expect(messages(id, { $ne: null })).toEqual(['缺少居民编号']);
  });

  it('codes use the server alphabet, forgiving case, full-width forms and grouping', () => {
    const code = codeSchema(DOOR_CODE);
    for (const typed of [' wxy2h8 ', 'WXY 2H8', 'wxy-2h8', 'ＷＸＹ２Ｈ８', 'WXY\u30002H8']) {
      expect(v.parse(code, typed)).toBe('WXY2H8');
    }
    for (const bad of ['WXY2H0', 'WXY2HO', 'WXY2HI', 'WXY2H1', 'WXY2HL', 'WXY2H', 'WXY2H\u200b8']) {
      expect(v.safeParse(code, bad).success).toBe(false);
    }
  });

  it('says why a code is not one: the left-out characters first, once', () => {
    const door = codeSchema(DOOR_CODE);
    const reason = (typed: string) => messages(door, typed);
    // 「ABC123」 has six characters: the trouble is the 1, which no code holds.
    expect(reason('ABC123')).toEqual([
      '门牌码里没有「1」：为免看错，门牌码不用 0、1、I、L、O。请对照门口张贴的门牌码重新输入',
    ]);
    expect(reason('OWL2H8')).toEqual([
      '门牌码里没有「L」「O」：为免看错，门牌码不用 0、1、I、L、O。请对照门口张贴的门牌码重新输入',
    ]);
    expect(reason('WXY2H')).toEqual(['门牌码应为 6 位，您输入了 5 位']);
    expect(reason('WXY2H88')).toEqual(['门牌码应为 6 位，您输入了 7 位']);
    expect(reason('WXY2H\u200b8')).toEqual([
      '门牌码只含字母和数字，请对照门口张贴的门牌码重新输入',
    ]);
    expect(reason('')).toEqual(['请输入门牌码']);
    expect(messages(codeSchema(INVITE_CODE), 'K7M2Q9X0')[0]).toMatch(/^邀请码里没有「0」/);
  });

  it('the alphabet is the one the server draws codes from, and holds none it leaves out', () => {
    for (const c of LEFT_OUT_CHARACTERS) expect(CODE_ALPHABET).not.toContain(c);
    expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length);
    expect(readCode('ｗｘｙ　２ｈ８', DOOR_CODE)).toEqual({ ok: true, code: 'WXY2H8' });
  });
});

describe('inputObject', () => {
  const schema = inputObject({ name, age: v.optional(v.number()) });
  it('refuses a field it does not name, including __proto__ and constructor', () => {
    expect(messages(schema, { name: '王', role: 'admin' })).toEqual([UNKNOWN_FIELD_MESSAGE]);
    expect(messages(schema, JSON.parse('{"name":"王","__proto__":{"admin":true}}'))).toEqual([
      UNKNOWN_FIELD_MESSAGE,
    ]);
    expect(messages(schema, { name: '王', constructor: { prototype: {} } })).toEqual([
      UNKNOWN_FIELD_MESSAGE,
    ]);
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });

  it('says which field is missing', () => {
    const parsed = v.safeParse(schema, {});
    expect(!parsed.success && parsed.issues.map((i) => [v.getDotPath(i), i.message])).toEqual([
      ['name', MISSING_FIELD_MESSAGE],
    ]);
  });
});

/** Walks a schema and collects every string schema reached through the pipes and wrappers. */
function stringLeaves(schema: v.GenericSchema, path: string, out: [string, v.GenericSchema][]) {
  const s = schema as v.GenericSchema & {
    pipe?: readonly (v.GenericSchema | v.PipeAction<unknown, unknown, v.BaseIssue<unknown>>)[];
    wrapped?: v.GenericSchema;
    entries?: Record<string, v.GenericSchema>;
    item?: v.GenericSchema;
  };
  const head = s.pipe ? (s.pipe[0] as v.GenericSchema) : s;
  if (head.type === 'string') out.push([path, schema]);
  const inner = head as typeof s;
  if (inner.wrapped) stringLeaves(inner.wrapped, path, out);
  if (inner.item) stringLeaves(inner.item, `${path}.0`, out);
  for (const [key, entry] of Object.entries(inner.entries ?? {})) {
    stringLeaves(entry, `${path}.${key}`, out);
  }
  if (head !== schema && head.type !== 'string') stringLeaves(head, path, out);
  return out;
}

describe('every string field of every action', () => {
  const leaves = Object.entries(ACTION_SCHEMAS).flatMap(([router, actions]) =>
    Object.entries(actions).flatMap(([action, schema]) =>
      stringLeaves(schema as v.GenericSchema, `${router}.${action}`, []),
    ),
  );

  it('is found (the walk reaches the nested declaration and request)', () => {
    const paths = leaves.map(([p]) => p);
    expect(paths).toContain('returns.declare.declaration.origin.province');
    expect(paths).toContain('errands.request.request.items.0.name');
    expect(leaves.length).toBeGreaterThan(60);
  });

  it.each(['\u202e', '\u200b', '\u0000', '\ud800'])(
    'refuses U+%#: no string field stores an invisible character',
    (ch) => {
      for (const [path, schema] of leaves) {
        const parsed = v.safeParse(schema, `ab${ch}cd`);
        if (parsed.success) throw new Error(`${path} stored ${JSON.stringify(parsed.output)}`);
      }
    },
  );
});
