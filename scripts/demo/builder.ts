import { maskIdNumber, maskPhone, type MemberKind, type SubtreeCounts } from '@gridguard/types';
import {
  EMPTY_COUNTS,
  householdSearchIndex,
  membershipId,
  personSearchIndex,
  rolesOf,
  type GridDoc,
  type HouseholdDoc,
  type MembershipDoc,
  type PersonDoc,
  type PersonSecretDoc,
  type UserDoc,
} from '@gridguard/server/domain';
import { staffSecretId } from '@gridguard/server/domain/contacts';

/**
 * Builds a whole deployment (grid tree, teams, households, people, users) as documents with
 * consistent paths and counters, for the demo seed, tests and benchmarks. Deterministic: the same
 * spec always gives the same documents.
 */
export interface MemberSpec {
  openid: string;
  name: string;
  kind: MemberKind;
  party?: boolean;
  phone?: string;
}

export interface PersonSpec {
  name: string;
  relation: string;
  idNumber?: string;
  phone?: string;
  openid?: string;
  /** Registered by someone else on this person's behalf (an elderly parent without a phone). */
  proxyBy?: { openid: string; name: string };
}

export interface HouseholdSpec {
  id: string;
  address: string;
  code: string;
  people: PersonSpec[];
  contact?: { openid: string; name: string; party: boolean };
}

export interface NodeSpec {
  id: string;
  name: string;
  levelName: string;
  children?: NodeSpec[];
  households?: HouseholdSpec[];
  team?: MemberSpec[];
}

export interface Deployment {
  grids: GridDoc[];
  memberships: MembershipDoc[];
  households: HouseholdDoc[];
  people: PersonDoc[];
  personSecrets: PersonSecretDoc[];
  users: UserDoc[];
}

export function buildDeployment(
  root: NodeSpec,
  at: Date,
  commandUsers: { openid: string; name: string }[] = [],
): Deployment {
  const out: Deployment = {
    grids: [],
    memberships: [],
    households: [],
    people: [],
    personSecrets: [],
    users: [],
  };
  const users = new Map<string, UserDoc & { kinds: MemberKind[] }>();
  const staffPhones = new Set<string>();
  const userOf = (openid: string, name: string) => {
    let u = users.get(openid);
    if (!u) {
      u = {
        _id: openid,
        openid,
        name,
        roles: [],
        gridId: null,
        gridPath: [],
        householdId: null,
        personId: null,
        kinds: [],
      };
      users.set(openid, u);
    }
    return u;
  };

  const visit = (node: NodeSpec, ancestors: string[]) => {
    const gridPath = [...ancestors, node.id];
    const leaderSpec = node.team?.find((m) => m.kind === 'leader');
    out.grids.push({
      _id: node.id,
      name: node.name,
      levelName: node.levelName,
      depth: ancestors.length,
      parentId: ancestors[ancestors.length - 1] ?? null,
      ancestors,
      childCount: node.children?.length ?? 0,
      counts: { ...EMPTY_COUNTS },
      leader: leaderSpec
        ? { openid: leaderSpec.openid, name: leaderSpec.name, party: leaderSpec.party ?? false }
        : null,
      createdAt: at,
      updatedAt: at,
    });
    for (const m of node.team ?? []) {
      // A member's own phone, once, for the residents who call them.
      if (m.phone && !staffPhones.has(m.openid)) {
        staffPhones.add(m.openid);
        out.personSecrets.push({ _id: staffSecretId(m.openid), idNumber: null, phone: m.phone });
      }
      out.memberships.push({
        _id: membershipId(node.id, m.openid),
        gridId: node.id,
        gridPath,
        openid: m.openid,
        name: m.name,
        kind: m.kind,
        party: m.party ?? false,
        phoneMasked: m.phone ? maskPhone(m.phone) : null,
        via: null,
        joinedAt: at,
      });
      const u = userOf(m.openid, m.name);
      u.kinds.push(m.kind);
      if (!u.gridId) Object.assign(u, { gridId: node.id, gridPath });
    }
    for (const h of node.households ?? []) {
      out.households.push({
        _id: h.id,
        gridId: node.id,
        gridPath,
        address: h.address,
        code: h.code,
        contact: h.contact ?? null,
        createdAt: at,
        ...householdSearchIndex(h),
      });
      h.people.forEach((p, i) => {
        const personId = `${h.id}-p${i + 1}`;
        const masked = {
          name: p.name,
          idNumberMasked: p.idNumber ? maskIdNumber(p.idNumber) : null,
          phoneMasked: p.phone ? maskPhone(p.phone) : null,
        };
        out.people.push({
          _id: personId,
          householdId: h.id,
          gridId: node.id,
          gridPath,
          relation: p.relation,
          ...masked,
          openid: p.openid ?? null,
          proxy: p.proxyBy ? { byOpenid: p.proxyBy.openid, byName: p.proxyBy.name, at } : null,
          createdAt: at,
          ...personSearchIndex(masked),
        });
        if (p.idNumber || p.phone)
          out.personSecrets.push({
            _id: personId,
            idNumber: p.idNumber ?? null,
            phone: p.phone ?? null,
          });
        if (p.openid)
          Object.assign(userOf(p.openid, p.name), {
            householdId: h.id,
            personId,
            gridId: node.id,
            gridPath,
          });
      });
    }
    for (const child of node.children ?? []) visit(child, gridPath);
  };
  visit(root, []);

  for (const c of commandUsers)
    Object.assign(userOf(c.openid, c.name), {
      command: true,
      gridId: root.id,
      gridPath: [root.id],
    });
  out.users = [...users.values()].map(({ kinds, ...u }) => ({ ...u, roles: rolesOf(u, kinds) }));
  fillCounts(out);
  return out;
}

/** Subtree counters from the documents, as the functions maintain them incrementally. */
function fillCounts(d: Deployment): void {
  const counts = new Map<string, SubtreeCounts>(d.grids.map((g) => [g._id, g.counts]));
  const bump = (path: readonly string[], key: keyof SubtreeCounts) =>
    path.forEach((id) => (counts.get(id) as SubtreeCounts)[key]++);
  for (const g of d.grids) bump(g.ancestors, 'nodes');
  for (const h of d.households) bump(h.gridPath, 'households');
  for (const p of d.people) bump(p.gridPath, 'people');
  for (const m of d.memberships) bump(m.gridPath, 'members');
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程苏魏吕丁任沈姚卢';
/**
 * Given names, mostly two characters as most people's are. None of the named demo people's or
 * team members' given names is here, so no generated person shares a name with one of them.
 */
const GIVEN = `
  淑珍 玉梅 丽华 春梅 海涛 建国 永红 金凤 国华 少芳 文斌 小红 晓东 惠玲 俊杰 伟明 美玲 家豪
  嘉欣 子轩 雨涵 振华 汉生 锦辉 月娥 瑞芬 荣华 添福 婉婷 志华 树林 凤英 燕萍 健 凯 琳 波
  婷 浩 思琪 梓豪 佩仪 润发 泽林 耀祖 丽珍 秋菊 桂兰 德华 国良 少华 宝珠 冠宇 诗琪 俊熙 焕英
  炳坤 玉珍 景新 达成 素芬 永康
`
  .trim()
  .split(/\s+/);

/**
 * A plausible Chinese name for the n-th generated person, distinct for every n below
 * SURNAMES × GIVEN (2,944): the surname cycles with n, and each surname walks the given names in
 * its own order, so neighbours (one household, one street) do not share a given name either.
 */
export function nameFor(n: number): string {
  const index = n % (SURNAMES.length * GIVEN.length);
  const surname = index % SURNAMES.length;
  const round = Math.floor(index / SURNAMES.length);
  // For a fixed surname, round → given name is one-to-one, so no two n below the product collide.
  return `${SURNAMES[surname]}${GIVEN[(round + surname * 7) % GIVEN.length]}`;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid (checksummed) ID number in Nanhai district for the n-th generated person. */
export function idNumberFor(n: number): string {
  const born = new Date(Date.UTC(1940, 0, 1) + ((n * 7919) % (70 * 365)) * 86_400_000);
  const date = born.toISOString().slice(0, 10).replace(/-/g, '');
  const body = `440605${date}${String(n % 1000).padStart(3, '0')}`;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

export function phoneFor(n: number): string {
  return `13${String(800000000 + ((n * 7717) % 199999999)).padStart(9, '0')}`;
}

const RELATIONS_BY_SIZE = ['本人', '配偶', '子女', '父母'];

/** `count` generated households for a leaf, numbered from `start` (ids and codes unique). */
export function generatedHouseholds(
  leafId: string,
  street: string,
  count: number,
  start: number,
  peopleEach: number,
): HouseholdSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const n = start + i;
    return {
      id: `h-${leafId}-${i + 1}`,
      address: `${street}${i + 1}号`,
      code: householdCode(n),
      people: Array.from({ length: peopleEach }, (_, j) => {
        const k = n * 8 + j;
        return {
          name: nameFor(k),
          relation: RELATIONS_BY_SIZE[j] ?? '其他',
          idNumber: idNumberFor(k),
          ...(j === 0 && { phone: phoneFor(k) }),
        };
      }),
    };
  });
}

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A unique 6-character door code for household number n. */
export function householdCode(n: number): string {
  let code = '';
  // A multiplier coprime with 31^6 makes n → code one-to-one for every n below 31^6.
  let x = (n * 7_368_787 + 1_234_567) % CODE_ALPHABET.length ** 6;
  for (let i = 0; i < 6; i += 1) {
    code += CODE_ALPHABET[x % CODE_ALPHABET.length];
    x = Math.floor(x / CODE_ALPHABET.length);
  }
  return code;
}
