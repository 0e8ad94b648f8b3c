import type {
  EnterpriseFieldsInput,
  EnterpriseStatus,
  FunctionResult,
  RentalFieldsInput,
  TenantChangeInput,
} from '@gridguard/types';
import { callAction } from './call-action';

export {
  ENTERPRISE_STATUS_LABELS,
  ENTERPRISE_STATUSES,
  LEASE_END_AHEAD_DAYS,
  LEASE_START_AHEAD_DAYS,
  LEASE_START_BACK_DAYS,
  RENTAL_ROOMS_MAX,
  WORKFORCE_MAX,
  type EnterpriseFieldsInput,
  type EnterpriseRow,
  type EnterpriseStatus,
  type EnterpriseView,
  type RentalFieldsInput,
  type RentalRow,
  type RentalView,
  type TargetPerson,
  type TenantView,
} from '@gridguard/types';
export { submissionKey } from './register';

/**
 * A form's fields sit one or more levels down (`rental.place.street`, `changes.0.lease.end`):
 * the form shows each message under the field itself, so the server's paths lose the prefix.
 */
function unnested<T>(result: FunctionResult<T>): FunctionResult<T> {
  if (result.ok || !result.issues) return result;
  return {
    ...result,
    issues: result.issues.map((issue) => ({
      ...issue,
      path: issue.path.replace(/^(rental|enterprise)\.(place\.)?|^changes\.\d+\.(lease\.)?/, ''),
    })),
  };
}

/** A node's rentals a page at a time; `query`: the start of the address. */
export function listRentals(gridId: string, page: number, query?: string) {
  return callAction('targets', 'rentals', { gridId, page, ...(query && { query }) });
}

export function getRental(rentalId: string) {
  return callAction('targets', 'rental', { rentalId });
}

export async function createRental(gridId: string, key: string, rental: RentalFieldsInput) {
  return unnested(await callAction('targets', 'createRental', { gridId, key, rental }));
}

export async function editRental(rentalId: string, rental: RentalFieldsInput) {
  return unnested(await callAction('targets', 'editRental', { rentalId, rental }));
}

/** Only call after the user confirmed: the server refuses without `confirm: true`. */
export function removeRental(rentalId: string) {
  return callAction('targets', 'removeRental', { rentalId, confirm: true });
}

/** A tenant with their lease (added, or new dates), or with `lease: null` let go. */
export async function changeTenants(rentalId: string, changes: TenantChangeInput[]) {
  return unnested(await callAction('targets', 'setTenants', { rentalId, changes }));
}

/** A node's enterprises a page at a time; `query`: the start of the name or of the address. */
export function listEnterprises(
  gridId: string,
  page: number,
  filter: { query?: string; status?: EnterpriseStatus } = {},
) {
  return callAction('targets', 'enterprises', {
    gridId,
    page,
    ...(filter.query && { query: filter.query }),
    ...(filter.status && { status: filter.status }),
  });
}

export function getEnterprise(enterpriseId: string) {
  return callAction('targets', 'enterprise', { enterpriseId });
}

export async function createEnterprise(
  gridId: string,
  key: string,
  enterprise: EnterpriseFieldsInput,
) {
  return unnested(await callAction('targets', 'createEnterprise', { gridId, key, enterprise }));
}

export async function editEnterprise(enterpriseId: string, enterprise: EnterpriseFieldsInput) {
  return unnested(await callAction('targets', 'editEnterprise', { enterpriseId, enterprise }));
}

/** Only call after the user confirmed. */
export function removeEnterprise(enterpriseId: string) {
  return callAction('targets', 'removeEnterprise', { enterpriseId, confirm: true });
}

/** The 负责人's full phone, to call them; the server audits every reveal. */
export function revealEnterprisePhone(enterpriseId: string) {
  return callAction('targets', 'revealEnterprisePhone', { enterpriseId });
}

/** `2026-03-01 至 2027-02-28`, or `2026-03-01 起（不定期）`. */
export function leaseText(start: string, end: string | null): string {
  return end ? `${start} 至 ${end}` : `${start} 起（不定期）`;
}
