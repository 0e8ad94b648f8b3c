import { addDays, chinaDayStart, ERRAND_DEFAULTS } from '@gridguard/types';
import {
  nextErrandStatus,
  timeoutReason,
  type ErrandAction,
  type ErrandDoc,
  type PersonDoc,
} from '@gridguard/server/domain';
import { errandPhotoPath } from '@gridguard/server/domain/photos';
import type { Deployment } from './builder';
import { daysFrom } from './history-health';
import type { HistoryEvent, Timeline } from './history-timeline';

/**
 * 跑腿代购 over the demo's past two weeks: each errand a chain of steps through the errand state
 * machine, by its requester, a volunteer serving above the requester, or the errandSweep timer.
 * Older errands have run their course (confirmed, a few cancelled); today's stand in every other
 * state, timed so the timers find nothing to do at once (a claim younger than the claim timeout,
 * a delivery younger than the automatic confirmation).
 */
export interface ErrandPlan {
  /** The first day errands are asked on. */
  from: string;
  today: string;
  now: Date;
  random: () => number;
  /** The file id of a proof photo stored at this cloud path. */
  photo: (cloudPath: string) => string;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

const SHOPPING = [
  { name: '大米', quantity: '1袋（10斤）', price: 45 },
  { name: '鸡蛋', quantity: '2盒', price: 30 },
  { name: '青菜', quantity: '2斤', price: 8 },
  { name: '猪肉', quantity: '1斤', price: 28 },
  { name: '感冒灵颗粒', quantity: '1盒', price: 18 },
  { name: '硝苯地平缓释片', quantity: '2盒', price: 36 },
  { name: '纯牛奶', quantity: '1箱', price: 60 },
  { name: '医用口罩', quantity: '1包', price: 25 },
  { name: '酒精消毒液', quantity: '1瓶', price: 15 },
  { name: '卫生纸', quantity: '1提', price: 22 },
  { name: '挂面', quantity: '2包', price: 12 },
  { name: '花生油', quantity: '1桶（5升）', price: 80 },
];
const NOTES = ['放门口鞋柜上', '到楼下打电话', '', '家里有老人，请敲门后放门口', ''];

type Step = { action: ErrandAction | 'request'; at: Date; by?: string; reason?: string };

/**
 * The steps of an errand asked on the day starting at `dayStart`, by its fate: most are done the
 * same day, some wait overnight in the pool or bought (so past evenings count open and claimed
 * ones too), some go back to the pool when the claim times out, a few are cancelled. Every step of
 * the day stays before the 20:00 report; the confirmation comes from the requester the morning
 * after delivery, or from the sweep 24 h after it, whichever is first.
 */
function pastSteps(dayStart: number, fate: number, random: () => number): Step[] {
  const at = (hours: number) => new Date(dayStart + hours * HOUR);
  const between = (from: number, to: number) => from + random() * (to - from);
  if (fate < 0.12) {
    const asked = between(8, 18);
    return [
      { action: 'request', at: at(asked) },
      { action: 'cancel', at: at(asked + 0.5), reason: '家人已经买回来了' },
    ];
  }
  const steps: Step[] = [];
  let t: number;
  if (fate < 0.22) {
    // Claimed, then left unbought: the sweep returns it to the pool and another volunteer takes it.
    t = between(8, 10);
    steps.push({ action: 'request', at: at(t) });
    steps.push({ action: 'claim', at: at((t += between(0.3, 1.3))) });
    steps.push({
      action: 'timeout',
      at: at((t += ERRAND_DEFAULTS.claimTimeoutMinutes / 60 + 0.1)),
      by: 'system',
    });
    steps.push({ action: 'claim', at: at((t += 0.3)) });
  } else if (fate < 0.35) {
    // Asked in the evening, still in the pool at 20:00, claimed the next morning.
    steps.push({ action: 'request', at: at(between(16, 19.5)) });
    steps.push({ action: 'claim', at: at((t = between(32, 33.5))) });
  } else if (fate < 0.45) {
    // Bought in the evening, delivered the next morning.
    steps.push({ action: 'request', at: at((t = between(15, 16))) });
    steps.push({ action: 'claim', at: at((t += between(0.3, 1))) });
    steps.push({ action: 'purchase', at: at((t += between(0.5, 1.5))) });
    steps.push({ action: 'deliver', at: at((t = between(33, 35))) });
    return [...steps, ...confirmation(dayStart, t, random)];
  } else {
    steps.push({ action: 'request', at: at((t = between(8, 13))) });
    steps.push({ action: 'claim', at: at((t += between(0.3, 1.3))) });
  }
  steps.push({ action: 'purchase', at: at((t += between(0.5, 1.5))) });
  steps.push({ action: 'deliver', at: at((t += between(0.5, 1.5))) });
  return [...steps, ...confirmation(dayStart, t, random)];
}

/** 确认收货 the morning after (three in four), and the sweep's automatic one as the fallback. */
function confirmation(dayStart: number, deliveredHours: number, random: () => number): Step[] {
  const delivered = dayStart + deliveredHours * HOUR;
  const nextMorning = dayStart + (Math.floor(deliveredHours / 24) + 1) * 24 * HOUR;
  const auto: Step = {
    action: 'autoConfirm',
    at: new Date(delivered + ERRAND_DEFAULTS.autoConfirmHours * HOUR + 5 * MINUTE),
    by: 'system',
  };
  if (random() >= 0.75) return [auto];
  return [{ action: 'confirm', at: new Date(nextMorning + (8 + random() * 4) * HOUR) }, auto];
}

export function planErrands(d: Deployment, plan: ErrandPlan, timeline: Timeline): void {
  const { random } = plan;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const people = d.people;
  let serial = 0;
  const nextId = () => {
    serial += 1;
    // Lower-case letters and digits, as the router's ids are, so proof photo paths match.
    return `e-demo${plan.today.replace(/-/g, '')}${String(serial).padStart(3, '0')}`;
  };

  const days = daysFrom(plan.from, addDays(plan.today, -1));
  for (const day of days) {
    const count = 1 + Math.floor(random() * 3);
    for (let i = 0; i < count; i += 1) {
      // The cancelled one of the week before last makes sure the seed has one.
      const forceCancel = day === days[days.length - 8] && i === 0;
      const steps = pastSteps(chinaDayStart(day).getTime(), forceCancel ? 0 : random(), random);
      planErrand(d, plan, timeline, nextId(), pick(people), steps);
    }
  }

  // Today's errands, one or more in each state still open to action.
  const now = plan.now.getTime();
  const base = Math.max(chinaDayStart(plan.today).getTime() + MINUTE, now - 6 * HOUR);
  const recent = (share: number) => new Date(base + share * Math.max(0, now - MINUTE - base));
  const today: Step[][] = [
    [{ action: 'request', at: recent(0.9) }],
    [{ action: 'request', at: recent(0.6) }],
    [
      { action: 'request', at: recent(0.7) },
      // Claimed within the claim timeout: the sweep leaves it with the volunteer.
      { action: 'claim', at: recent(0.85) },
    ],
    [
      { action: 'request', at: recent(0.1) },
      { action: 'claim', at: recent(0.3) },
      { action: 'purchase', at: recent(0.5) },
    ],
    [
      { action: 'request', at: recent(0) },
      { action: 'claim', at: recent(0.15) },
      { action: 'purchase', at: recent(0.3) },
      { action: 'deliver', at: recent(0.45) },
    ],
  ];
  // 王秀英 asked earlier today for her mother's errand, now delivered: it waits for her 确认收货.
  const mother = people.find((p) => p.householdId === 'h-demo-resident' && p.relation === '父母');
  today.forEach((steps, i) =>
    planErrand(d, plan, timeline, nextId(), i === 4 && mother ? mother : pick(people), steps),
  );
}

/** Who may claim errands of a person: members (not leaders) of a node on the person's path. */
function claimersFor(d: Deployment, p: PersonDoc) {
  return d.memberships.filter(
    (m) => m.kind !== 'leader' && m.pending !== true && p.gridPath.includes(m.gridId),
  );
}

function planErrand(
  d: Deployment,
  plan: ErrandPlan,
  timeline: Timeline,
  id: string,
  p: PersonDoc,
  steps: readonly Step[],
): void {
  const { random } = plan;
  const contact = d.households.find((h) => h._id === p.householdId)?.contact;
  // Someone in the family with WeChat asks; for an elderly person without one, 王秀英 or the
  // household's contact member does.
  const requester =
    p.openid ??
    d.people.find((q) => q.householdId === p.householdId && q.openid)?.openid ??
    contact?.openid ??
    'proxy';
  const claimers = claimersFor(d, p);
  const items = [0, 1, 2]
    .slice(0, 1 + Math.floor(random() * 3))
    .map(() => SHOPPING[Math.floor(random() * SHOPPING.length)] as (typeof SHOPPING)[number])
    .filter((item, i, all) => all.indexOf(item) === i);
  const cost = items.reduce((sum, item) => sum + item.price, 0);
  const budget = Math.ceil((cost * 1.3) / 10) * 10;
  const note = NOTES[Math.floor(random() * NOTES.length)] as string;
  const urgency = 1 + Math.floor(random() * 3);
  // A different volunteer after a timeout, when the node has one.
  const claimerOrder = claimers
    .map((member) => ({ member, key: random() }))
    .sort((a, b) => a.key - b.key)
    .map(({ member }) => member);
  const grid = d.grids.find((g) => g._id === p.gridId);
  let claims = 0;

  for (const step of steps) {
    const event: HistoryEvent = {
      at: step.at,
      run(records, touch) {
        const at = step.at;
        if (step.action === 'request') {
          records.errands.set(id, {
            _id: id,
            status: 'open',
            personId: p._id,
            householdId: p.householdId,
            requesterOpenid: requester,
            requesterName: p.name,
            personOpenid: p.openid,
            gridId: p.gridId,
            gridPath: p.gridPath,
            gridName: grid?.name ?? '',
            items: items.map((item) => ({ name: item.name, quantity: item.quantity, note: '' })),
            budget,
            urgency,
            deliveryNote: note,
            contactless: true,
            claimer: null,
            amountSpent: null,
            receiptFileId: null,
            deliveryFileId: null,
            history: [{ at, action: 'request', by: requester }],
            createdAt: at,
            updatedAt: at,
            deliveredAt: null,
          });
          touch('errands', id);
          return;
        }
        const errand = records.errands.get(id);
        if (!errand) return;
        // The requester's confirmation and the sweep's race: whichever comes first settles it.
        const settling = step.action === 'confirm' || step.action === 'autoConfirm';
        if (settling && errand.status !== 'delivered') return;
        const status = nextErrandStatus(errand.status, step.action);
        const change: Partial<ErrandDoc> = {};
        let by = step.by ?? errand.claimer?.openid ?? requester;
        if (step.action === 'claim') {
          const member = claimerOrder[claims % Math.max(1, claimerOrder.length)];
          claims += 1;
          if (!member) throw new Error(`no volunteer serves ${p.gridId}`);
          by = member.openid;
          change.claimer = { openid: member.openid, name: member.name, party: member.party, at };
        }
        if (step.action === 'timeout') change.claimer = null;
        if (step.action === 'confirm' || step.action === 'cancel') by = requester;
        if (step.action === 'purchase') {
          change.amountSpent = Math.round(cost * (0.85 + random() * 0.25) * 10) / 10;
          change.receiptFileId = plan.photo(photoPath(by, id, 'receipt', at));
        }
        if (step.action === 'deliver') {
          change.deliveryFileId = plan.photo(photoPath(by, id, 'delivery', at));
          change.deliveredAt = at;
        }
        const reason =
          step.action === 'timeout'
            ? timeoutReason(ERRAND_DEFAULTS.claimTimeoutMinutes)
            : step.reason;
        records.errands.set(id, {
          ...errand,
          ...change,
          status,
          updatedAt: at,
          history: [...errand.history, { at, action: step.action, by, ...(reason && { reason }) }],
        });
        touch('errands', id);
      },
    };
    // Steps still to come (a confirmation due tomorrow) are simply not part of the seed.
    if (step.at.getTime() < plan.now.getTime()) timeline.add(event);
  }
}

const photoPath = (openid: string, errandId: string, kind: 'receipt' | 'delivery', at: Date) =>
  errandPhotoPath(openid, errandId, kind, 'png', at.getTime().toString(36));
