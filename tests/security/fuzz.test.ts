import { createHash } from 'node:crypto';
import fc from 'fast-check';
import * as v from 'valibot';
import {
  ACTION_SCHEMAS,
  ChinaDayPattern,
  chinaToday,
  ERROR_MESSAGES,
  isErrorCode,
} from '@gridguard/types';
import { eventShapeProblem, MAX_EVENT_DEPTH, MAX_ISSUES } from '@gridguard/server/runtime';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { gatewayCall, gatewayLogin } from '../helpers/gateway';
import { tempDir } from '../helpers/emulator';

/**
 * Malformed input for every router action, derived from its schema, sent through the gateway to
 * the real functions as the command centre (every right) and as a resident. Every payload is wrong
 * in at least one place, so every reply must be a short Chinese refusal and nothing may be stored.
 *
 * FUZZ_RUNS (payloads per action, default 50) and FUZZ_SEED replay or widen a run.
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 50);
const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2_147_483_647);
const MAX_REPLY_BYTES = 8 * 1024;
const CALLERS = ['oDemoCommand', 'oDemoResident'] as const;
const CHINESE = /[\u4e00-\u9fff]/;

// ---- what a schema says, read from valibot's own objects ----------------------------------------

/** The parts of a valibot schema or pipe action this test reads. */
interface SchemaPart {
  kind: string;
  type: string;
  entries?: Record<string, SchemaPart>;
  item?: SchemaPart;
  wrapped?: SchemaPart;
  options?: readonly unknown[];
  literal?: unknown;
  pipe?: readonly SchemaPart[];
  requirement?: unknown;
}

type Shape =
  | { kind: 'object'; schema: v.GenericSchema; entries: Record<string, Field> }
  | { kind: 'array'; item: Shape; min: number; max: number | undefined }
  | {
      kind: 'string';
      schema: v.GenericSchema;
      max: number;
      date: boolean;
      multiline: boolean;
      sample: string;
      /** Every sample that fits, for an object whose fields must agree (a shift's start and end). */
      samples: string[];
    }
  | {
      kind: 'number';
      min: number | undefined;
      max: number | undefined;
      integer: boolean;
      sample: number;
    }
  | { kind: 'boolean' }
  | { kind: 'literal'; value: unknown }
  | { kind: 'picklist'; options: readonly unknown[] };

interface Field {
  shape: Shape;
  optional: boolean;
  nullable: boolean;
}

/** Every pipe action of a schema, through nested pipes (a pipe's first item is its schema). */
function actionsOf(part: SchemaPart): SchemaPart[] {
  if (!part.pipe) return [];
  const [head, ...rest] = part.pipe;
  return [...(head && head !== part ? actionsOf(head) : []), ...rest];
}
const requirementOf = (part: SchemaPart, type: string): unknown =>
  actionsOf(part).find((a) => a.type === type)?.requirement;

/** Valid strings of the formats ids, codes, days, phones and files take; the first that fits wins. */
function stringSamples(): string[] {
  return [
    '测试',
    'g-fuzz01',
    chinaToday(),
    'ABCDEFGHJK',
    '420102',
    'ABCDEFGH',
    'ABCDEF',
    '13800138000',
    '11010519491231002X',
    'cloud://env/fuzz/a.jpg',
    'fuzz-export-01',
    '湖北省',
    // A sha-256 digest in hex (the 责任书 version a signer was shown).
    'f'.repeat(64),
    // 卡口: clocks (HH:mm: a shift's start and a different end) and a shift's id (site:day:index).
    '07:00',
    '15:00',
    `cs-fuzz01:${chinaToday()}:0`,
    // 卡口: a 通行码's shape (id.time.nonce.signature), a plate, an entry id (site:client).
    `p-fuzz.k0.${'A'.repeat(16)}.${'B'.repeat(43)}`,
    '粤A12345',
    'cs-fuzz:c-fuzz',
  ];
}

function fieldOf(part: SchemaPart): Field {
  if (part.type === 'optional' || part.type === 'nullable') {
    const inner = fieldOf(part.wrapped as SchemaPart);
    return part.type === 'optional' ? { ...inner, optional: true } : { ...inner, nullable: true };
  }
  return { shape: shapeOf(part), optional: false, nullable: false };
}

function shapeOf(part: SchemaPart): Shape {
  switch (part.type) {
    case 'object':
    case 'strict_object':
      return {
        kind: 'object',
        schema: part as unknown as v.GenericSchema,
        entries: Object.fromEntries(
          Object.entries(part.entries ?? {}).map(([key, entry]) => [key, fieldOf(entry)]),
        ),
      };
    case 'array': {
      const min = requirementOf(part, 'min_length');
      const max = requirementOf(part, 'max_length');
      return {
        kind: 'array',
        item: shapeOf(part.item as SchemaPart),
        min: typeof min === 'number' ? min : 0,
        max: typeof max === 'number' ? max : undefined,
      };
    }
    case 'string': {
      const schema = part as unknown as v.GenericSchema;
      const samples = stringSamples().filter((s) => v.safeParse(schema, s).success);
      const sample = samples[0];
      if (sample === undefined) throw new Error('no sample string fits a string field');
      const pattern = requirementOf(part, 'regex');
      const max = requirementOf(part, 'max_length');
      return {
        kind: 'string',
        schema,
        // A format without a length limit (a day, a phone) is still refused far past its length.
        max: typeof max === 'number' ? max : 600,
        date: pattern instanceof RegExp && pattern.source === ChinaDayPattern.source,
        multiline: v.safeParse(schema, `${sample}\n${sample}`).success,
        sample,
        samples,
      };
    }
    case 'number': {
      const min = requirementOf(part, 'min_value');
      const max = requirementOf(part, 'max_value');
      // The smallest allowed value, else a moment (a knock's time must be recent).
      const candidates = [typeof min === 'number' ? min : 1, Date.now()];
      const sample = candidates.find((n) => v.safeParse(part as v.GenericSchema, n).success);
      if (sample === undefined) throw new Error('no sample number fits a number field');
      return {
        kind: 'number',
        min: typeof min === 'number' ? min : undefined,
        max: typeof max === 'number' ? max : undefined,
        integer: actionsOf(part).some((a) => a.type === 'integer'),
        sample,
      };
    }
    case 'boolean':
      return { kind: 'boolean' };
    case 'literal':
      return { kind: 'literal', value: part.literal };
    case 'picklist':
      return { kind: 'picklist', options: part.options ?? [] };
    default:
      throw new Error(`the fuzz test does not know schema type ${part.type}: teach it`);
  }
}

/** A valid value for the shape: the payload every mutation starts from. */
function validOf(shape: Shape): unknown {
  switch (shape.kind) {
    case 'object': {
      const base: Record<string, unknown> = Object.fromEntries(
        Object.entries(shape.entries).map(([key, field]) => [key, validOf(field.shape)]),
      );
      // Fields that must agree (a shift ending when it starts is 24 hours): a later string
      // field takes the next sample that fits it until the object as a whole accepts them.
      for (const [key, field] of Object.entries(shape.entries).reverse()) {
        if (v.safeParse(shape.schema, base).success) break;
        if (field.shape.kind !== 'string') continue;
        const first = base[key];
        const fits = field.shape.samples.find(
          (sample) => v.safeParse(shape.schema, { ...base, [key]: sample }).success,
        );
        base[key] = fits ?? first;
      }
      return base;
    }
    case 'array':
      // Distinct items: some lists (level names) refuse repeats. Only free text comes two or more.
      return Array.from({ length: Math.max(1, shape.min) }, (_, i) => {
        const item = validOf(shape.item);
        return i > 0 && typeof item === 'string' ? `${item}${i}` : item;
      });
    case 'string':
      return shape.sample;
    case 'number':
      return shape.sample;
    case 'boolean':
      return true;
    case 'literal':
      return shape.value;
    case 'picklist':
      return shape.options[0];
  }
}

// ---- where a payload can be wrong, and how --------------------------------------------------------

type Path = (string | number)[];
interface Place {
  path: Path;
  field: Field;
}

function placesOf(field: Field, path: Path, out: Place[]): Place[] {
  out.push({ path, field });
  const { shape } = field;
  if (shape.kind === 'object') {
    for (const [key, entry] of Object.entries(shape.entries)) placesOf(entry, [...path, key], out);
  } else if (shape.kind === 'array') {
    placesOf({ shape: shape.item, optional: false, nullable: false }, [...path, 0], out);
  }
  return out;
}

interface Mutation {
  label: string;
  apply(value: unknown): unknown;
  /** For an object: its keys to delete or add; values are replaced by `apply`. */
  keys?: { remove?: string; add?: [string, unknown] };
}

const replace = (label: string, value: unknown): Mutation => ({ label, apply: () => value });

/** Nested arrays or objects well past the depth the functions take. */
const deep = (depth: number, objects: boolean): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i += 1) value = objects ? { a: value } : [value];
  return value;
};

const OPERATORS: Record<string, unknown>[] = [
  { $gt: '' },
  { $ne: null },
  { $in: ['a', 'b'] },
  { $regex: '.*' },
  { $exists: true },
  { $where: 'return true' },
];

/** Characters nobody sees (a note may take a line break, so those are left out there). */
const HIDDEN = [
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u00ad',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u2028',
  '\ud800',
  '\udc00',
  '\ue000',
  '\u{e0041}',
  '\t',
  '\n',
  '\r',
];

const IMPOSSIBLE_DAYS = [
  '2026-99-99',
  '0000-00-00',
  '9999-12-31',
  '2026-02-30',
  '2025-02-29',
  '2100-02-29',
  '2026-13-01',
  '2026-04-31',
  '2034-01-01',
  '1999-12-31',
  '2026-1-1',
  '2026-01-01T00:00:00Z',
];
const impossibleDay = fc.oneof(
  fc.constantFrom(...IMPOSSIBLE_DAYS),
  fc
    .tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 13, max: 99 }))
    .map(([y, m]) => `${y}-${m}-01`),
  fc
    .tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}-${32 + (y % 60)}`),
  fc
    .integer({ min: 2000, max: 2099 })
    .filter((y) => y % 4 !== 0 || (y % 100 === 0 && y % 400 !== 0))
    .map((y) => `${y}-02-29`),
);

const hugeString = (min: number) =>
  fc.oneof(
    fc.integer({ min: min + 1, max: 60_000 }).map((n) => 'x'.repeat(n)),
    fc.integer({ min: min + 1, max: 20_000 }).map((n) => '网'.repeat(n)),
  );

function wrongTypes(field: Field): fc.Arbitrary<unknown> {
  const { shape } = field;
  const values: unknown[] = [];
  if (!field.nullable) values.push(null);
  if (shape.kind !== 'string') values.push('x', '', '1');
  if (shape.kind !== 'number') values.push(0, 1, -1, 3.5);
  if (shape.kind !== 'boolean' && shape.kind !== 'literal') values.push(true, false);
  if (shape.kind !== 'array') values.push([], ['x']);
  if (shape.kind !== 'object') values.push({}, { length: 1 });
  if (shape.kind === 'literal') values.push(!shape.value, 'true', 1);
  if (shape.kind === 'picklist') {
    const first = String(shape.options[0]);
    values.push(
      'x',
      ` ${first}`,
      first.toUpperCase() === first ? first.toLowerCase() : first.toUpperCase(),
      0,
    );
  }
  if (shape.kind === 'number') {
    if (shape.min !== undefined) values.push(shape.min - 1, -1e308);
    if (shape.max !== undefined) values.push(shape.max + 1, 1e308);
    if (shape.integer) values.push((shape.min ?? 1) + 0.5);
  }
  const options = shape.kind === 'picklist' ? shape.options : [];
  return fc.constantFrom(...values.filter((x) => !options.includes(x)));
}

const extraKey = (taken: Record<string, unknown>, root: boolean) =>
  fc
    .oneof(
      fc.constantFrom(
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        '$where',
        '$gt',
        '_id',
        'gridPath',
        'openid',
        'role',
        'isAdmin',
        'userInfo',
        'action',
      ),
      fc.string({ minLength: 1, maxLength: 12 }),
    )
    .filter(
      (key) =>
        !Object.prototype.hasOwnProperty.call(taken, key) &&
        // The router takes `action` and strips `userInfo` at the top: not extra there.
        !(root && (key === 'action' || key === 'userInfo')),
    );

/** The mutations that make a value at this place wrong, whatever the rest of the payload. */
function mutationsAt(
  place: Place,
  parentEntries: Record<string, Field> | null,
): fc.Arbitrary<Mutation> {
  const { field } = place;
  const { shape } = field;
  const root = place.path.length === 0;
  const options: fc.Arbitrary<Mutation>[] = [
    fc.constantFrom(...OPERATORS).map((op) => replace(`operator ${JSON.stringify(op)}`, op)),
    fc
      .tuple(fc.integer({ min: MAX_EVENT_DEPTH + 1, max: 400 }), fc.boolean())
      .map(([depth, objects]) => replace(`nested ${depth} deep`, deep(depth, objects))),
  ];
  // The router always gets an object; the event's own type is the gateway's business.
  if (!root) {
    options.push(
      wrongTypes(field).map((value) => replace(`wrong type ${JSON.stringify(value)}`, value)),
    );
  }
  if (parentEntries && !field.optional) {
    const key = String(place.path[place.path.length - 1]);
    options.push(
      fc.constant({ label: `missing ${key}`, apply: (x: unknown) => x, keys: { remove: key } }),
    );
  }
  if (shape.kind === 'object') {
    options.push(
      fc
        .tuple(
          extraKey(shape.entries, root),
          fc.constantFrom<unknown>('x', 1, null, {}, { $ne: null }),
        )
        .map(([key, value]) => ({
          label: `extra field ${JSON.stringify(key)}`,
          apply: (x: unknown) => x,
          keys: { add: [key, value] },
        })),
    );
  }
  if (shape.kind === 'array') {
    const max = shape.max ?? 0;
    options.push(
      fc
        .tuple(
          fc.integer({ min: max + 1, max: 10_000 }),
          fc.constantFrom<unknown>('x', 0, {}, null),
        )
        .map(([n, item]) =>
          replace(
            `array of ${n}`,
            Array.from({ length: n }, () => item),
          ),
        ),
      // Just past the limit: for a long list (500 risk areas) that is past 200 too.
      fc.integer({ min: Math.max(max + 1, 1), max: Math.max(max + 1, 200) }).map((n) =>
        replace(
          `array of ${n} valid items`,
          Array.from({ length: n }, () => validOf(shape.item)),
        ),
      ),
    );
  }
  if (shape.kind === 'string') {
    const hidden = shape.multiline ? HIDDEN.filter((c) => c !== '\n' && c !== '\r') : HIDDEN;
    options.push(
      hugeString(shape.max).map((s) => replace(`string of ${s.length}`, s)),
      fc.constantFrom(...hidden).map((ch) => {
        const s = shape.sample;
        const cut = Math.max(1, Math.floor(s.length / 2));
        const value = `${s.slice(0, cut)}${ch}${s.slice(cut)}`;
        return replace(`hidden U+${ch.codePointAt(0)?.toString(16).padStart(4, '0')}`, value);
      }),
    );
    if (shape.date) {
      options.push(impossibleDay.map((day) => replace(`impossible day ${day}`, day)));
    }
  }
  return fc.oneof(...options);
}

/** Applies a mutation at a path of a deep copy of the valid payload. */
function mutate(valid: unknown, path: Path, mutation: Mutation): unknown {
  const copy = structuredClone(valid) as Record<string | number, unknown>;
  if (mutation.keys?.remove !== undefined) {
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((x, k) => (x as Record<string | number, unknown>)[k], copy);
    delete (parent as Record<string, unknown>)[mutation.keys.remove];
    return copy;
  }
  const setAt = (target: unknown) => {
    if (mutation.keys?.add) {
      const [key, value] = mutation.keys.add;
      // defineProperty, so `__proto__` becomes an own key and reaches the JSON as one.
      Object.defineProperty(target, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return target;
    }
    return mutation.apply(target);
  };
  if (path.length === 0) return setAt(copy);
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((x, k) => (x as Record<string | number, unknown>)[k], copy) as Record<
    string | number,
    unknown
  >;
  const last = path[path.length - 1] as string | number;
  parent[last] = setAt(parent[last]);
  return copy;
}

// ---- the run ------------------------------------------------------------------------------------

let server: DemoServer;
const tokens = new Map<string, string>();
beforeAll(async () => {
  server = await startDemoServer({ dataDir: tempDir(), startTimers: false });
  for (const openid of CALLERS) tokens.set(openid, await gatewayLogin(server.emulator, openid));
});
afterAll(() => server.close());

/** One digest of every document in every collection. */
function digest(): string {
  const { store } = server.emulator;
  const hash = createHash('sha256');
  for (const name of store.collectionNames().sort()) {
    hash.update(`\u0000${name}\u0000`);
    for (const c of store.candidates(store.db, name, undefined)) hash.update(JSON.stringify(c.doc));
  }
  return hash.digest('hex');
}

const stats = { payloads: 0, actions: 0, failures: [] as string[], started: Date.now() };
afterAll(() => {
  const seconds = ((Date.now() - stats.started) / 1000).toFixed(1);
  console.log(
    `fuzz: ${stats.payloads} payloads, ${stats.actions} actions, ${stats.failures.length} failures, ` +
      `${seconds} s, seed ${SEED}, ${RUNS} runs per action` +
      (stats.failures.length ? `\n${stats.failures.slice(0, 20).join('\n')}` : ''),
  );
});

/** What is wrong with one reply, or nothing. */
function problemsOf(status: number, body: { result?: unknown; errMsg?: string }): string[] {
  if (status !== 200 || body.result === undefined) return [`no reply: ${status} ${body.errMsg}`];
  const reply = body.result as Record<string, unknown>;
  const problems: string[] = [];
  const bytes = Buffer.byteLength(JSON.stringify(reply));
  if (bytes >= MAX_REPLY_BYTES) problems.push(`reply of ${bytes} bytes`);
  if (reply['ok'] !== false) problems.push('accepted');
  if (reply['code'] !== 'INVALID_INPUT') problems.push(`code ${String(reply['code'])}`);
  if (!isErrorCode(reply['code'])) problems.push('unknown code');
  if (typeof reply['message'] !== 'string' || !CHINESE.test(reply['message'])) {
    problems.push(`message ${String(reply['message'])}`);
  }
  const issues = (reply['issues'] ?? []) as { path: unknown; message: unknown }[];
  if (issues.length > MAX_ISSUES) problems.push(`${issues.length} issues`);
  for (const issue of issues) {
    if (typeof issue.message !== 'string' || !CHINESE.test(issue.message)) {
      problems.push(`issue message ${String(issue.message)}`);
    }
  }
  return problems;
}

const actions = Object.entries(ACTION_SCHEMAS).flatMap(([router, schemas]) =>
  Object.entries(schemas as Record<string, v.GenericSchema>).map(
    ([action, schema]) => [router, action, schema] as const,
  ),
);

describe('malformed input to every router action', () => {
  it('covers every action in ACTION_SCHEMAS', () => {
    expect(actions).toHaveLength(
      Object.values(ACTION_SCHEMAS).reduce<number>(
        (n, schemas) => n + Object.keys(schemas).length,
        0,
      ),
    );
    expect(actions.length).toBeGreaterThanOrEqual(49);
  });

  it.each(actions)(
    '%s.%s refuses it, briefly and in Chinese, storing nothing',
    async (router, action, schema) => {
      const root = fieldOf(schema as unknown as SchemaPart);
      const valid = validOf(root.shape);
      // The fuzz starts from a valid payload, so each mutation is the (one) thing wrong.
      expect(v.safeParse(schema, valid).issues?.map((i) => i.message)).toBeUndefined();
      const places = placesOf(root, [], []);
      const parentOf = (place: Place) => {
        if (place.path.length === 0) return null;
        const parent = places.find(
          (p) =>
            p.path.length === place.path.length - 1 && p.path.every((k, i) => k === place.path[i]),
        );
        return parent?.field.shape.kind === 'object' ? parent.field.shape.entries : null;
      };
      const payloads = fc
        .constantFrom(...places)
        .chain((place) =>
          fc.tuple(
            fc.constant(place),
            mutationsAt(place, parentOf(place)),
            fc.constantFrom(...CALLERS),
          ),
        )
        .map(([place, mutation, caller]) => ({
          input: mutate(valid, place.path, mutation),
          label: `${place.path.join('.') || '(input)'}: ${mutation.label}`,
          caller,
        }));

      const before = digest();
      await fc.assert(
        fc.asyncProperty(payloads, async ({ input, label, caller }) => {
          stats.payloads += 1;
          // A spread, not Object.assign: an own `__proto__` key must reach the JSON as a key.
          const event = { action, ...(input as object) };
          const seen: Record<string, unknown> = { ...event };
          delete seen['action'];
          const invalid = !v.safeParse(schema, seen).success || eventShapeProblem(seen) !== null;
          const reply = await gatewayCall(server.emulator, tokens.get(caller), router, event);
          const problems = [
            ...(invalid ? [] : ['the schema takes it (or the generator made a valid one)']),
            ...problemsOf(reply.status, reply.body),
          ];
          if (problems.length)
            stats.failures.push(
              `${router}.${action} ${label} as ${caller}: ${problems.join('; ')}`,
            );
          return problems.length === 0;
        }),
        { numRuns: RUNS, seed: SEED + actions.findIndex(([r, a]) => r === router && a === action) },
      );
      expect(digest()).toBe(before);
      stats.actions += 1;
    },
  );

  it.each(Object.keys(ACTION_SCHEMAS))('%s refuses an action it does not have', async (router) => {
    const before = digest();
    for (const action of [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      '$where',
      '',
      'x'.repeat(5000),
    ]) {
      for (const caller of CALLERS) {
        stats.payloads += 1;
        const reply = await gatewayCall(server.emulator, tokens.get(caller), router, { action });
        expect(problemsOf(reply.status, reply.body)).toEqual([]);
      }
    }
    const missing = await gatewayCall(server.emulator, tokens.get('oDemoCommand'), router, {});
    expect(missing.body.result).toMatchObject({ ok: false, message: ERROR_MESSAGES.INVALID_INPUT });
    expect(digest()).toBe(before);
  });

  it('fuzzed every action to the end, with no failure', () => {
    expect(stats.actions).toBe(actions.length);
    expect(stats.failures).toEqual([]);
  });
});
