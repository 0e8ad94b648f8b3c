import { chinaDay, type SetupStatus } from '@gridguard/types';
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
import type { ActionHandlers } from '../runtime/router';
import type { SetupData } from '../runtime/setup-data';

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
      const actor = await ctx.actor();
      if (!actor.command) throw new AppError('FORBIDDEN', '只有指挥部可以修改网格层级名称');
      const { deployment } = await setup.state();
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
  };
}
