import * as v from 'valibot';
import { GridIdSchema, PageSchema } from './grid';
import { DOOR_CODE } from './codes';
import { codeSchema, idSchema, inputObject, textSchema } from './text';
import { IdNumberSchema, PersonNameSchema, PhoneSchema, RelationSchema } from './people';

/**
 * Joining a household by its door code is a request: a door code is printed on the door, so
 * knowing it proves nothing. A member of the household (with WeChat) or the node's leader admits
 * the applicant; until then the applicant sees nothing of the family.
 */
export const JOIN_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type JoinRequestStatus = (typeof JOIN_REQUEST_STATUSES)[number];
export const JOIN_REQUEST_STATUS_LABELS: Record<JoinRequestStatus, string> = {
  pending: '等待确认',
  approved: '已通过',
  rejected: '未通过',
  withdrawn: '已撤回',
};

/** The door code printed for a household (the server's code alphabet). */
export const HouseholdCodeSchema = codeSchema(DOOR_CODE);

const JoinRequestIdSchema = idSchema('申请编号');

export const JOIN_REQUEST_SCHEMAS = {
  /** Asks to join the household whose door code the caller typed. */
  join: inputObject({
    code: HouseholdCodeSchema,
    name: PersonNameSchema,
    relation: RelationSchema,
    idNumber: v.optional(IdNumberSchema),
    phone: v.optional(PhoneSchema),
  }),
  /** The caller's own request (pending, or the last decision), or null. */
  myRequest: inputObject({}),
  /** Pending requests: to the caller's own household (`gridId: null`) or under a node they lead. */
  requests: inputObject({ gridId: v.nullable(GridIdSchema), page: PageSchema }),
  approve: inputObject({
    requestId: JoinRequestIdSchema,
    confirm: v.literal(true, '请先确认此操作'),
  }),
  reject: inputObject({
    requestId: JoinRequestIdSchema,
    reason: v.optional(textSchema({ max: { length: 100, message: '原因最多 100 个字' } }), ''),
  }),
  /** The applicant takes a pending request back. */
  withdraw: inputObject({}),
} as const;

export interface JoinRequestView {
  id: string;
  status: JoinRequestStatus;
  name: string;
  relation: string;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  household: { id: string; address: string; gridName: string };
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  /** Why it was turned down, when the one who decided said so. */
  reason: string;
  /** The person already registered in the household whom approving links to this WeChat user. */
  claims: { name: string; idNumberMasked: string | null } | null;
}

/** What asking to join answers: a request to wait on, or the caller is already in the household. */
export type JoinOutcome =
  { status: 'requested'; request: JoinRequestView } | { status: 'member'; householdId: string };
