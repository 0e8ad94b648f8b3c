import {
  chinaDay,
  chinaTime,
  checkpointFeversPagePath,
  entryIdOf,
  maskAddress,
  maskName,
  maskPhone,
  OUTSIDER_FORM_TTL_MS,
  PAGE_SIZE,
  PASS_TTL_MS,
  SITE_KIND_LABELS,
  type GATE_SCHEMAS,
  type LogInput,
  type LogResult,
  type ResidentHit,
} from '@gridguard/types';
import type {
  EntryDoc,
  OutsiderFormDoc,
  OutsiderPassage,
  ResidentPassage,
  ShiftDoc,
  SiteDoc,
  VehiclePassage,
} from '../domain/checkpoint-records';
import { doorCodeTallyKey, MAX_CODE_MISSES_PER_DAY } from '../domain/codes';
import { AppError } from '../domain/errors';
import {
  formNumberOf,
  fromRiskArea,
  isFever,
  newPassKey,
  outsiderFormIdOf,
  outsiderSecretIdOf,
  readPass,
  sameToken,
  signPass,
  toEntryView,
  toOutsiderFormView,
} from '../domain/gate';
import { may, type Actor } from '../domain/policy';
import type { HouseholdDoc, PersonDoc } from '../domain/records';
import { planSearch } from '../domain/search';
import type { CodeAttempts } from '../runtime/code-attempts';
import type { GridData } from '../runtime/data';
import type { GateData } from '../runtime/gate-data';
import type { HealthData } from '../runtime/health-data';
import type { ActionHandlers } from '../runtime/router';
import type { SearchData } from '../runtime/search-data';
import type { SetupData } from '../runtime/setup-data';
import { authoriseAnywhere, gridInScope, inScope, short, type Notify } from './common';
import { fileReport, nearestLeader } from './reports';

/** What the gate reads and writes besides the grid data. */
export interface GateDeps {
  gate: GateData;
  health: HealthData;
  setup: SetupData;
  search: SearchData;
  /** Wrong door codes typed in an outsider's form count against the same daily tally as joining. */
  tally: CodeAttempts;
  notify: Notify;
}

const OUT_OF_SITE = '该居民不在本卡口管辖范围内';
const BAD_QR = '二维码无效或已更换，请扫描卡口现场张贴的二维码';
const SITE_CLOSED = '该卡口已关闭';

/**
 * 卡口 (router `checkpoints`): 通行码, finding residents, outsiders' forms by the site QR, the
 * gate's log (one entry per passage, fevers turned back, the leader alerted), annotations.
 */
export function gateActions(
  grids: GridData,
  { gate, health, setup, search, tally, notify }: GateDeps,
): Pick<ActionHandlers<'checkpoints'>, keyof typeof GATE_SCHEMAS> {
  // The key never changes once made: a warm instance reads it once.
  let passKey: Promise<string> | undefined;
  const key = () => {
    passKey ??= gate.passKey(newPassKey).catch((e: unknown) => {
      passKey = undefined;
      throw e;
    });
    return passKey;
  };

  /** A site the caller is on duty over: refused before the read, a missing one like one out of scope. */
  const dutySite = async (actor: Actor, siteId: string): Promise<SiteDoc> => {
    authoriseAnywhere(actor, 'checkpoint.duty');
    return inScope(
      actor,
      await gate.site(siteId),
      (s) => may(actor, 'checkpoint.duty', { gridPath: s.gridPath }),
      '该卡口不存在',
    );
  };
  const dutyEntry = async (actor: Actor, entryId: string): Promise<EntryDoc> => {
    authoriseAnywhere(actor, 'checkpoint.duty');
    return inScope(
      actor,
      await gate.entry(entryId),
      (e) => may(actor, 'checkpoint.duty', { gridPath: e.gridPath }),
      '该登记不存在',
    );
  };
  /** The site a QR names, if its token is the site's current one. */
  const qrSite = async (siteId: string, token: string): Promise<SiteDoc> => {
    const site = await gate.site(siteId);
    if (!site || !sameToken(token, site.qrToken)) throw new AppError('FORBIDDEN', BAD_QR);
    if (site.status !== 'open') throw new AppError('CONFLICT', SITE_CLOSED);
    return site;
  };
  const underSite = (site: SiteDoc, record: { gridPath: readonly string[] } | null) =>
    record !== null && record.gridPath.includes(site.gridId);

  /** A scanned pass's person, if the pass holds: forged and expired passes are told apart. */
  const passHolder = async (token: string, now: Date) => {
    const reading = readPass(await key(), token, now.getTime());
    if (!reading.ok)
      throw reading.reason === 'forged'
        ? new AppError('FORBIDDEN', '通行码无效，请让居民打开小程序中的通行码')
        : new AppError('CONFLICT', '通行码已过期，请让居民刷新后重新扫描');
    return reading;
  };

  const hitsOf = async (people: PersonDoc[], households?: HouseholdDoc[]) => {
    const ids = people.map((p) => p._id);
    const [homes, open] = await Promise.all([
      households ?? grids.householdsByIds([...new Set(people.map((p) => p.householdId))]),
      gate.openObservations(ids),
    ]);
    const address = new Map(homes.map((h) => [h._id, h.address]));
    const status = new Map(open.map((o) => [o._id, o.status]));
    return people.map((p): ResidentHit => ({
      personId: p._id,
      householdId: p.householdId,
      name: maskName(p.name),
      address: address.get(p.householdId) ?? '',
      flags: { observing: status.has(p._id), abnormal: status.get(p._id) === 'escalated' },
    }));
  };

  const clinicsNow = async () => (await setup.clinics())?.clinics ?? [];

  /**
   * A stored entry sent again. A fever's alert and report go out if the first try stopped
   * between the write and them (at least once: a crash after them and before the flag sends again).
   */
  const replayOf = async (entry: EntryDoc, actor: Actor): Promise<LogResult> => {
    if (entry.effectsPending === true) {
      const person = entry.resident ? await grids.person(entry.resident.personId) : null;
      await feverEffects(entry, person, actor);
    }
    return storedResult(entry);
  };
  const storedResult = async (entry: EntryDoc): Promise<LogResult> => ({
    entryId: entry._id,
    outcome: entry.outcome,
    fever: entry.fever,
    replay: true,
    ...(entry.fever && { clinics: await clinicsNow() }),
    ...(promptOf(entry.outsider) && { returnPrompt: promptOf(entry.outsider) }),
  });
  const promptOf = (o: OutsiderPassage | null) =>
    o && o.fromRisk && o.staying && o.destHouseholdId
      ? { householdId: o.destHouseholdId, address: o.destAddress }
      : undefined;

  /** The shift at this site the member is checked in on and has not left. */
  const onShift = (shifts: ShiftDoc[], openid: string): string | null =>
    shifts.find((s) =>
      s.crew.some((c) => c.openid === openid && c.checkedInAt !== null && c.checkedOutAt === null),
    )?._id ?? null;

  /** Who passes: the resident, the outsider's form or the vehicle, checked against the site. */
  const subjectOf = async (input: LogInput, site: SiteDoc, entryId: string, now: Date) => {
    if (input.kind === 'resident') {
      const reading =
        input.via === 'pass' && input.pass !== undefined ? await passHolder(input.pass, now) : null;
      const personId = reading ? reading.personId : (input.personId ?? '');
      const person = await grids.person(personId);
      if (!person || !underSite(site, person)) throw new AppError('FORBIDDEN', OUT_OF_SITE);
      const household = await grids.household(person.householdId);
      const resident: ResidentPassage = {
        personId,
        householdId: person.householdId,
        name: maskName(person.name),
        address: household?.address ?? '',
        via: input.via ?? 'code',
      };
      return { resident, person, nonce: reading?.nonce ?? null, form: null, outsider: null };
    }
    if (input.formId === undefined)
      return { resident: null, person: null, nonce: null, form: null, outsider: null };
    const [form, rules] = await Promise.all([gate.form(input.formId), health.rules()]);
    const open =
      form !== null &&
      form.siteId === site._id &&
      ((form.status === 'waiting' && form.expiresAt > now) || form.entryId === entryId);
    if (!form || !open)
      throw new AppError('CONFLICT', '该登记表已确认或已过期，请让对方重新扫码登记');
    if (input.kind === 'vehicle' && !form.plate)
      throw new AppError('CONFLICT', '该登记表没有填写车牌，请按外来人员登记');
    const outsider: OutsiderPassage = {
      formId: form._id,
      formRev: form.rev,
      name: form.name,
      phoneMasked: form.phoneMasked,
      fromCode: form.fromCode,
      fromName: form.fromName,
      fromRisk: fromRiskArea(form.fromCode, form.fromName, rules.riskAreas, chinaDay(now)),
      destHouseholdId: form.destHouseholdId,
      destAddress: form.destAddress,
      purpose: form.purpose,
      staying: form.staying,
    };
    return { resident: null, person: null, nonce: null, form, outsider };
  };

  /** A fever turned back: the site's nearest leader told; a resident's 一日一报 filed. */
  const feverEffects = async (entry: EntryDoc, person: PersonDoc | null, actor: Actor) => {
    const nearest = nearestLeader(entry.gridPath, await grids.grids(entry.gridPath));
    const who =
      entry.resident?.name ??
      (entry.outsider ? maskName(entry.outsider.name) : (entry.vehicle?.plate ?? '车辆人员'));
    await Promise.all([
      nearest
        ? notify({
            touser: nearest.leader.openid,
            template: 'feverAlert',
            page: checkpointFeversPagePath(nearest.gridId),
            data: {
              name1: short(who, 10),
              thing2: short(`${entry.siteName}测温${entry.temperature}℃已劝返`, 20),
              time3: chinaTime(entry.at),
            },
          })
        : null,
      person
        ? fileReport(
            grids,
            health,
            notify,
            person,
            {
              temperature: entry.temperature,
              symptoms: [],
              note: short(`${entry.siteName}卡口测温发热，已劝返`, 200),
            },
            actor.openid,
          )
        : null,
    ]);
    await gate.effectsDone(entry._id);
  };

  return {
    async pass({ personId }, ctx) {
      const actor = await ctx.actor();
      const householdId = actor.householdId;
      if (householdId === null) throw new AppError('FORBIDDEN', '您还没有登记住户，无法生成通行码');
      const person =
        personId === undefined
          ? await grids.personOf(householdId, actor.openid)
          : await grids.person(personId);
      // Family share a door, not each other's passes: only one's own, or of those one registered
      // or who have no WeChat to show their own.
      const mayShow =
        person !== null &&
        person.householdId === householdId &&
        (person.openid === actor.openid ||
          person.openid === null ||
          person.proxy?.byOpenid === actor.openid);
      if (!person || !mayShow)
        throw new AppError('FORBIDDEN', '只能出示本人或您代为登记的家人的通行码');
      const now = Date.now();
      return {
        token: signPass(await key(), person._id, now),
        personId: person._id,
        name: person.name,
        issuedAt: new Date(now).toISOString(),
        expiresAt: new Date(now + PASS_TTL_MS).toISOString(),
      };
    },

    async findResident({ siteId, code, name, pass, page }, ctx) {
      const site = await dutySite(await ctx.actor(), siteId);
      if (pass !== undefined) {
        // Verified, never consumed: the log takes the pass.
        const reading = await passHolder(pass, new Date());
        const person = await grids.person(reading.personId);
        if (!person || !underSite(site, person)) throw new AppError('FORBIDDEN', OUT_OF_SITE);
        return { items: await hitsOf([person]), page: 1, pageSize: PAGE_SIZE, total: 1 };
      }
      if (code !== undefined) {
        const household = await grids.householdByCode(code);
        if (!household || !underSite(site, household))
          throw new AppError('HOUSEHOLD_CODE_INVALID', '门牌码不在本卡口范围内，请核对');
        const people = (await grids.peopleOf([household._id])).sort((a, b) =>
          a._id < b._id ? -1 : 1,
        );
        const items = await hitsOf(people.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), [
          household,
        ]);
        return { items, page, pageSize: PAGE_SIZE, total: people.length };
      }
      const found = await search.people(site.gridId, planSearch(name ?? '', 'people'), page);
      return { items: await hitsOf(found.items), page, pageSize: PAGE_SIZE, total: found.total };
    },

    async outsiderSite({ siteId, token }) {
      const site = await qrSite(siteId, token);
      return {
        siteId: site._id,
        name: site.name,
        kind: site.kind,
        kindLabel: SITE_KIND_LABELS[site.kind],
      };
    },

    async outsiderSubmit(input, ctx) {
      const site = await qrSite(input.siteId, input.token);
      const openid = ctx.caller.openid;
      const formId = outsiderFormIdOf(site._id, openid);
      const now = new Date();
      const tallyKey = doorCodeTallyKey(openid, chinaDay(now));
      const [household, existing, misses] = await Promise.all([
        input.destCode === undefined ? null : grids.householdByCode(input.destCode),
        gate.form(formId),
        input.destCode === undefined ? 0 : tally.misses(tallyKey),
      ]);
      // Refused before the code counts: the site's QR is posted in the open, and door codes must
      // not be guessed through it one after another.
      if (misses >= MAX_CODE_MISSES_PER_DAY)
        throw new AppError('CONFLICT', '门牌码输错次数过多，请明天再试，或直接填写去往地址');
      // A door code only confirms a household under this gate: nothing else is said about it.
      if (input.destCode !== undefined && (!household || !underSite(site, household))) {
        await tally.miss(tallyKey);
        throw new AppError('HOUSEHOLD_CODE_INVALID', '门牌码不在本卡口范围内，请核对');
      }
      const rev = (existing?.rev ?? 0) + 1;
      const form: OutsiderFormDoc = {
        _id: formId,
        siteId: site._id,
        gridId: site.gridId,
        gridPath: site.gridPath,
        openid,
        name: input.name,
        phoneMasked: maskPhone(input.phone),
        fromCode: input.fromCode,
        fromName: input.fromName,
        destHouseholdId: household?._id ?? null,
        destAddress: household?.address ?? input.destAddress ?? '',
        purpose: input.purpose,
        staying: input.staying,
        plate: input.plate ?? null,
        passengers: input.passengers ?? 1,
        status: 'waiting',
        createdAt: now,
        expiresAt: new Date(now.getTime() + OUTSIDER_FORM_TTL_MS),
        entryId: null,
        rev,
      };
      // The phone first: a form a member can confirm always has its phone to reveal.
      await gate.saveSecret(outsiderSecretIdOf(formId, rev), input.phone);
      const saved = existing
        ? await gate.replaceForm(form, existing.rev)
        : await gate.addForm(form);
      if (!saved) throw new AppError('CONFLICT', '登记表刚刚有变动，请重新提交');
      return {
        formId,
        number: formNumberOf(formId, rev),
        expiresAt: form.expiresAt.toISOString(),
        destAddress: household ? maskAddress(household.address) : form.destAddress,
      };
    },

    async outsiderWaiting({ siteId, page }, ctx) {
      const site = await dutySite(await ctx.actor(), siteId);
      const now = new Date();
      const [{ items, total }, rules] = await Promise.all([
        gate.waitingForms(site._id, now, page),
        health.rules(),
      ]);
      const day = chinaDay(now);
      return {
        items: items.map((f) =>
          toOutsiderFormView(f, fromRiskArea(f.fromCode, f.fromName, rules.riskAreas, day)),
        ),
        page,
        pageSize: PAGE_SIZE,
        total,
      };
    },

    async log(input, ctx) {
      const actor = await ctx.actor();
      const site = await dutySite(actor, input.siteId);
      const entryId = entryIdOf(site._id, input.clientId);
      const now = new Date();
      const day = chinaDay(now);
      const [existing, shifts] = await Promise.all([
        gate.entry(entryId),
        gate.shiftsOf(site._id, actor.openid, day),
      ]);
      if (existing) return replayOf(existing, actor);
      if (site.status !== 'open') throw new AppError('CONFLICT', SITE_CLOSED);
      const subject = await subjectOf(input, site, entryId, now);
      const vehicle: VehiclePassage | null =
        input.kind !== 'vehicle'
          ? null
          : (input.vehicle ??
            (subject.form?.plate
              ? { plate: subject.form.plate, passengers: subject.form.passengers }
              : null));
      const fever = isFever(input.temperature);
      const entry: EntryDoc = {
        _id: entryId,
        siteId: site._id,
        siteName: site.name,
        gridId: site.gridId,
        gridPath: site.gridPath,
        day,
        at: now,
        shiftId: onShift(shifts, actor.openid),
        kind: input.kind,
        direction: input.direction,
        temperature: input.temperature,
        fever,
        outcome: fever ? 'turnedBack' : 'passed',
        resident: subject.resident,
        outsider: subject.outsider,
        vehicle,
        people: vehicle?.passengers ?? 1,
        by: { openid: actor.openid, name: actor.name },
        annotations: [],
        ...(fever && { effectsPending: true }),
      };
      // Claims before the entry, each answering a retry of this same entry as its own.
      if (
        subject.nonce !== null &&
        !(await gate.usePass(subject.nonce, entryId, entry.resident?.personId ?? '', now))
      )
        throw new AppError('CONFLICT', '通行码已使用，请刷新');
      if (
        subject.form &&
        !(await gate.confirmForm(subject.form._id, subject.form.rev, entryId, now))
      )
        throw new AppError('CONFLICT', '该外来人员已由其他值守人员登记');
      if (!(await gate.addEntry(entry))) {
        const stored = await gate.entry(entryId);
        if (stored) return replayOf(stored, actor);
        throw new AppError('CONFLICT');
      }
      const prompt = promptOf(entry.outsider);
      if (!fever)
        return {
          entryId,
          outcome: entry.outcome,
          fever,
          replay: false,
          ...(prompt && { returnPrompt: prompt }),
        };
      const [clinics] = await Promise.all([
        clinicsNow(),
        feverEffects(entry, subject.person, actor),
      ]);
      return {
        entryId,
        outcome: entry.outcome,
        fever,
        replay: false,
        clinics,
        ...(prompt && { returnPrompt: prompt }),
      };
    },

    async annotate({ entryId, text }, ctx) {
      const actor = await ctx.actor();
      await dutyEntry(actor, entryId);
      const added = await gate.annotate(entryId, {
        by: { openid: actor.openid, name: actor.name },
        at: new Date(),
        text,
      });
      if (!added) throw new AppError('CONFLICT', '这条登记的备注已达上限');
      const entry = await gate.entry(entryId);
      if (!entry) throw new AppError('NOT_FOUND', '该登记不存在');
      return toEntryView(entry);
    },

    async entries({ siteId, day, page }, ctx) {
      const site = await dutySite(await ctx.actor(), siteId);
      const { items, total } = await gate.entriesOf(site._id, day, page);
      return { items: items.map(toEntryView), page, pageSize: PAGE_SIZE, total };
    },

    async fevers({ gridId, page }, ctx) {
      const grid = await gridInScope(grids, await ctx.actor(), 'checkpoint.run', gridId);
      const { items, total } = await gate.fevers(grid._id, page);
      return { items: items.map(toEntryView), page, pageSize: PAGE_SIZE, total };
    },

    async revealOutsiderPhone({ entryId }, ctx) {
      const actor = await ctx.actor();
      const entry = await dutyEntry(actor, entryId);
      const outsider = entry.outsider;
      const secret = outsider?.formId
        ? await gate.secret(outsiderSecretIdOf(outsider.formId, outsider.formRev))
        : null;
      if (!secret) throw new AppError('NOT_FOUND', '这条登记没有可查看的手机号');
      await grids.record({
        actor: actor.openid,
        action: 'checkpoint.revealOutsiderPhone',
        gridId: entry.gridId,
        gridPath: entry.gridPath,
        target: entryId,
      });
      return { phone: secret.phone };
    },
  };
}
