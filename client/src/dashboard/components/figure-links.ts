import type { FigureKey } from '../../services/dashboard';
import { routes } from '../../routes';

/**
 * The list behind each figure of a node's report, where one exists. Each of these lists asks for
 * what the dashboard itself asks (reading the node), so whoever reads the report may open them.
 * The lists are live: on an earlier day's report the page says so beside the figures.
 * `leads`: a leader settles errands on the node's list on the household's behalf.
 */
export function figureLinks(gridId: string, leads: boolean): Partial<Record<FigureKey, string>> {
  const observed = routes.observed(gridId);
  const alerts = routes.alerts(gridId);
  const errands = routes.nodeErrands(gridId, leads);
  const campaigns = routes.campaigns(gridId);
  const checkpoints = routes.checkpointCounts({ gridId });
  // Each notice's reach, and its households not reached yet, are one tap from its row there.
  const notices = routes.noticesManage(gridId);
  return {
    registered: routes.registerHouseholds(gridId),
    observedRoutine: observed,
    observedKey: observed,
    observedCentral: observed,
    escalated: alerts,
    reportsDue: observed,
    reportsMissing: routes.notReported(gridId),
    fevers: alerts,
    errandsOpen: errands,
    errandsClaimed: errands,
    errandsDone: errands,
    sweepTargets: campaigns,
    sweepSettled: campaigns,
    sweepVisitedToday: campaigns,
    sweepFindings: campaigns,
    checkpointPassages: checkpoints,
    checkpointResidents: checkpoints,
    checkpointOutsiders: checkpoints,
    checkpointVehicles: checkpoints,
    checkpointTurnedBack: checkpoints,
    // Shifts short of crew are filled (补位) from the node's sites.
    checkpointUncovered: routes.checkpointSites(gridId),
    noticesActive: notices,
    noticeHouseholds: notices,
    noticeReached: notices,
  };
}
