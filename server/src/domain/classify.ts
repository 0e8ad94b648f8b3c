import {
  SYMPTOM_LABELS,
  type Classification,
  type ClassificationRules,
  type ObservationClass,
  type Place,
  type ReturnDeclaration,
  type RiskArea,
  regionPrefix,
} from '@gridguard/types';

const RANK: Record<ObservationClass, number> = { routine: 0, key: 1, central: 2 };

/**
 * The most specific risk area containing a place: a district beats its city beats its province.
 * Where both carry a region code an area covers a place by code prefix; a place or area from
 * before codes falls back to its names. An area counts only from its `since` day.
 */
export function riskAreaOf(
  place: Place,
  areas: readonly RiskArea[],
  day?: string,
): RiskArea | undefined {
  const same = (a: string, b: string) =>
    a.replace(/[省市区县]$/, '') === b.replace(/[省市区县]$/, '');
  const byName = (a: RiskArea) =>
    same(a.province, place.province) &&
    (!a.city || (place.city !== '' && same(a.city, place.city))) &&
    (!a.district || (place.district !== '' && same(a.district, place.district)));
  const containing = areas.filter(
    (a) =>
      (!a.since || !day || a.since <= day) &&
      (a.code && place.code
        ? regionPrefix(place.code).startsWith(regionPrefix(a.code))
        : byName(a)),
  );
  return containing.sort((a, b) => specificity(b) - specificity(a))[0];
}

const specificity = (a: RiskArea) =>
  a.code ? regionPrefix(a.code).length : a.district ? 6 : a.city ? 4 : 2;
const describe = (p: { province: string; city?: string; district?: string }) =>
  [p.province, p.city, p.district].filter(Boolean).join('');

/**
 * Puts a returnee into 常规 / 重点 / 集中观察 and says why. Every rule that applies adds its reason;
 * the highest class any rule gives wins. A leader may override the result (with a reason, audited).
 */
export function classifyReturn(
  declaration: ReturnDeclaration,
  rules: ClassificationRules,
): Classification {
  const found: { class: ObservationClass; reason: string }[] = [];
  if (declaration.contactWithCases)
    found.push({ class: 'central', reason: '与确诊或疑似病例有接触史' });
  if (declaration.symptoms.length > 0) {
    const names = declaration.symptoms.map((s) => SYMPTOM_LABELS[s]).join('、');
    found.push({ class: 'central', reason: `申报有${names}症状` });
  }
  const day = declaration.arrivalDay;
  const origin = riskAreaOf(declaration.origin, rules.riskAreas, day);
  if (origin?.level === 'high')
    found.push({ class: 'central', reason: `来自高风险地区（${describe(origin)}）` });
  if (origin?.level === 'medium')
    found.push({ class: 'key', reason: `来自中风险地区（${describe(origin)}）` });
  for (const stop of declaration.via) {
    const area = riskAreaOf(stop, rules.riskAreas, day);
    if (area)
      found.push({
        class: 'key',
        reason: `途经${area.level === 'high' ? '高' : '中'}风险地区（${describe(area)}）`,
      });
  }
  if (found.length === 0)
    return { class: 'routine', reasons: ['来自低风险地区，无接触史，无症状'] };
  const top = found.reduce((a, b) => (RANK[b.class] > RANK[a.class] ? b : a)).class;
  return { class: top, reasons: [...new Set(found.map((f) => f.reason))] };
}
