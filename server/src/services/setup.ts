import {
  chinaDay,
  DEFAULT_OBSERVATION_DAYS,
  type ClinicsView,
  type RulesView,
  type SetupStatus,
} from '@gridguard/types';
import { AppError } from '../domain/errors';
import {
  digestSetupCode,
  MAX_SETUP_MISSES_PER_DAY,
  ROOT_ID,
  rootGrid,
  sameDigest,
  type DeploymentDoc,
} from '../domain/setup';
import type { CodeAttempts } from '../runtime/code-attempts';
import type { GridData } from '../runtime/data';
import type { ActionContext, ActionHandlers } from '../runtime/router';
import type { SetupData, StoredClinics, StoredRules } from '../runtime/setup-data';

const statusOf = (deployment: DeploymentDoc | null, needed: boolean): SetupStatus => ({
  needed,
  template: deployment?.template ?? null,
  levels: deployment?.levels ?? [],
});

/**
 * 初始化 and the levels. `envCode` is the `setup` function's GRIDGUARD_SETUP_CODE, for a deployer
 * who set the code there rather than in settings/setup; either is burnt on first use.
 */
export function setupActions(
  grids: GridData,
  setup: SetupData,
  tally: CodeAttempts,
  envCode: string | undefined,
): ActionHandlers<'setup'> {
  return {
    async status() {
      const { setup: doc, deployment, hasRoot } = await setup.state();
      return statusOf(deployment, !hasRoot && !doc?.usedAt);
    },

    async claim({ code, name, rootName, template, levels }, ctx) {
      const openid = ctx.caller.openid;
      const key = `setup:${openid}:${chinaDay(Date.now())}`;
      const [state, misses, user] = await Promise.all([
        setup.state(),
        tally.misses(key),
        grids.user(openid),
      ]);
      const { setup: doc, hasRoot } = state;
      // The one who burnt the code may finish a first run that stopped half-way.
      const resuming = doc?.usedBy?.openid === openid && !hasRoot;
      if (!resuming && (hasRoot || doc?.usedAt)) {
        throw new AppError('CONFLICT', '已完成初始化，无需再次设置');
      }
      if (!resuming) {
        if (misses >= MAX_SETUP_MISSES_PER_DAY) {
          throw new AppError('CONFLICT', '部署码输错次数过多，请明天再试');
        }
        const expected = doc?.codeDigest ?? (envCode ? digestSetupCode(envCode) : null);
        if (!expected) throw new AppError('CONFLICT', '尚未设置部署码，请联系部署人员');
        if (!sameDigest(expected, digestSetupCode(code))) {
          await tally.miss(key);
          throw new AppError('FORBIDDEN', '部署码不正确');
        }
        if (!(await setup.burn(doc, { openid, name }, new Date()))) {
          throw new AppError('CONFLICT', '已完成初始化，无需再次设置');
        }
      }
      const at = new Date();
      await Promise.all([
        setup.addRoot(rootGrid(rootName, levels, at)),
        setup.saveLevels(template, levels),
        setup.makeCommand({
          _id: openid,
          openid,
          name: user?.name || name,
          roles: [...new Set([...(user?.roles ?? []), 'command' as const])],
          // The command centre's own place is the town: whoami shows it, browsing starts there.
          gridId: user?.gridId ?? ROOT_ID,
          gridPath: user?.gridId ? user.gridPath : [ROOT_ID],
          householdId: user?.householdId ?? null,
          personId: user?.personId ?? null,
        }),
      ]);
      await grids.record({
        actor: openid,
        action: 'setup.claim',
        gridId: ROOT_ID,
        gridPath: [ROOT_ID],
        target: ROOT_ID,
        detail: { rootName, template, levels },
      });
      return { rootId: ROOT_ID, rootName, levels };
    },

    async levels({ levels }, ctx) {
      const actor = await requireCommand(ctx);
      const [{ deployment }, inUse] = await Promise.all([
        setup.state(),
        setup.deepest(levels.length),
      ]);
      // Nodes below the last level kept would be left with no level name.
      if (inUse)
        throw new AppError(
          'CONFLICT',
          `已有第 ${levels.length + 1} 级或更下级的网格，不能删去该层级`,
        );
      const template = deployment?.template ?? null;
      await Promise.all([setup.saveLevels(template, levels), setup.renameLevels(levels)]);
      await grids.record({
        actor: actor.openid,
        action: 'setup.levels',
        gridId: null,
        gridPath: [],
        target: 'settings/deployment',
        detail: { before: deployment?.levels ?? [], after: levels },
      });
      return statusOf({ _id: 'deployment', template, levels }, false);
    },

    async rules(_input, ctx) {
      await requireCommand(ctx);
      return rulesView(await setup.rules());
    },

    async saveRules(rules, ctx) {
      const actor = await requireCommand(ctx);
      const before = await setup.rules();
      const by = { openid: actor.openid, name: actor.name || '指挥部' };
      const at = new Date();
      await setup.saveRules(rules, by, at);
      await grids.record({
        actor: actor.openid,
        action: 'setup.rules',
        gridId: null,
        gridPath: [],
        target: 'settings/classification',
        detail: {
          before: before
            ? { riskAreas: before.riskAreas, observationDays: before.observationDays }
            : null,
          after: rules,
        },
      });
      return rulesView({ ...rules, updatedAt: at, updatedBy: by });
    },

    async clinics() {
      // Public facts (where to go with a fever): whoever is signed in reads them.
      return clinicsView(await setup.clinics());
    },

    async saveClinics({ clinics }, ctx) {
      const actor = await requireCommand(ctx, '只有指挥部可以设置发热门诊');
      const before = await setup.clinics();
      const by = { openid: actor.openid, name: actor.name || '指挥部' };
      const at = new Date();
      await setup.saveClinics(clinics, by, at);
      await grids.record({
        actor: actor.openid,
        action: 'setup.clinics',
        gridId: null,
        gridPath: [],
        target: 'settings/feverClinics',
        detail: { before: before?.clinics ?? [], after: clinics },
      });
      return clinicsView({ clinics, updatedAt: at, updatedBy: by });
    },

    async commanders(_input, ctx) {
      await requireCommand(ctx);
      const users = await setup.commanders();
      return { items: users.map((u) => ({ openid: u._id, name: u.name })) };
    },

    async grantCommand({ openid }, ctx) {
      const actor = await requireCommand(ctx);
      const [user, tops] = await Promise.all([grids.user(openid), setup.topMemberships(openid)]);
      // Only someone a leader has already confirmed on the top node: no code makes a commander.
      const membership = tops[0];
      if (!user || !membership) {
        throw new AppError('CONFLICT', '只能把已确认身份的顶级网格成员设为指挥部');
      }
      if (!user.command) {
        await setup.setCommand(openid, true, [...new Set([...user.roles, 'command'])]);
        await grids.record({
          actor: actor.openid,
          action: 'setup.grantCommand',
          gridId: membership.gridId,
          gridPath: membership.gridPath,
          target: openid,
        });
      }
      return { openid, name: user.name || membership.name };
    },

    async revokeCommand({ openid }, ctx) {
      const actor = await requireCommand(ctx);
      // Never oneself: so at least one command centre user always remains.
      if (openid === actor.openid) throw new AppError('CONFLICT', '不能撤销自己的指挥部身份');
      const user = await grids.user(openid);
      if (user?.command) {
        await setup.setCommand(
          openid,
          false,
          user.roles.filter((r) => r !== 'command'),
        );
        await grids.record({
          actor: actor.openid,
          action: 'setup.revokeCommand',
          gridId: null,
          gridPath: [],
          target: openid,
        });
      }
      return { openid };
    },
  };
}

function rulesView(stored: StoredRules | null): RulesView {
  return {
    riskAreas: stored?.riskAreas ?? [],
    observationDays: stored?.observationDays ?? DEFAULT_OBSERVATION_DAYS,
    updatedAt: stored?.updatedAt ? stored.updatedAt.toISOString() : null,
    updatedBy: stored?.updatedBy?.name ?? null,
  };
}

function clinicsView(stored: StoredClinics | null): ClinicsView {
  return {
    clinics: stored?.clinics ?? [],
    updatedAt: stored?.updatedAt ? stored.updatedAt.toISOString() : null,
    updatedBy: stored?.updatedBy?.name ?? null,
  };
}

/** The command centre only; refused before anything else is read. */
async function requireCommand(ctx: ActionContext, refusal = '只有指挥部可以管理指挥部成员') {
  const actor = await ctx.actor();
  if (!actor.command) throw new AppError('FORBIDDEN', refusal);
  return actor;
}
