import * as v from 'valibot';
import { inputObject, textSchema } from './text';

/** open → claimed → purchased → delivered → confirmed; cancelled from open; unclaim back to open. */
export const ERRAND_STATUSES = [
  'open',
  'claimed',
  'purchased',
  'delivered',
  'confirmed',
  'cancelled',
] as const;
export type ErrandStatus = (typeof ERRAND_STATUSES)[number];
export const ERRAND_STATUS_LABELS: Record<ErrandStatus, string> = {
  open: '待认领',
  claimed: '已认领',
  purchased: '已购买',
  delivered: '已送达',
  confirmed: '已确认',
  cancelled: '已取消',
};

/**
 * How many errands a volunteer may hold at once and how long a claim may sit without progress,
 * until the command centre sets its own (`settings/errands`); a delivery is confirmed by itself
 * after 24 h, always.
 */
export const ERRAND_DEFAULTS = {
  maxActiveClaims: 3,
  claimTimeoutMinutes: 120,
  autoConfirmHours: 24,
} as const;

/** The ranges the command centre may choose from, shown beside the fields. */
export const ERRAND_SETTING_RANGES = {
  maxActiveClaims: { min: 1, max: 10 },
  claimTimeoutMinutes: { min: 15, max: 1440 },
} as const;

const { maxActiveClaims: CLAIMS, claimTimeoutMinutes: TIMEOUT } = ERRAND_SETTING_RANGES;
const claimsMessage = `每人同时办理的单数为 ${CLAIMS.min}–${CLAIMS.max}`;
const timeoutMessage = `认领超时为 ${TIMEOUT.min}–${TIMEOUT.max} 分钟`;

/** The errand limits the command centre configures (跑腿设置). */
export const ErrandSettingsSchema = inputObject({
  maxActiveClaims: v.pipe(
    v.number(claimsMessage),
    v.integer(`${claimsMessage}，须为整数`),
    v.minValue(CLAIMS.min, claimsMessage),
    v.maxValue(CLAIMS.max, claimsMessage),
  ),
  claimTimeoutMinutes: v.pipe(
    v.number(timeoutMessage),
    v.integer(`${timeoutMessage}，须为整数`),
    v.minValue(TIMEOUT.min, timeoutMessage),
    v.maxValue(TIMEOUT.max, timeoutMessage),
  ),
});
export type ErrandSettings = v.InferOutput<typeof ErrandSettingsSchema>;

/**
 * The form's values checked by the same schema the router uses: the settings, or the first message
 * for each field that is wrong (a field left empty arrives as NaN and is told its range).
 */
export function checkErrandSettings(
  input: Record<keyof ErrandSettings, number>,
):
  | { ok: true; settings: ErrandSettings }
  | { ok: false; errors: Partial<Record<keyof ErrandSettings, string>> } {
  const parsed = v.safeParse(ErrandSettingsSchema, input);
  if (parsed.success) return { ok: true, settings: parsed.output };
  const errors: Partial<Record<keyof ErrandSettings, string>> = {};
  for (const issue of parsed.issues) {
    const field = issue.path?.[0]?.key;
    if (field === 'maxActiveClaims' || field === 'claimTimeoutMinutes')
      errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The settings as read back: the values in force and the last change (who, by display name). */
export interface ErrandSettingsView extends ErrandSettings {
  updatedAt: string | null;
  updatedBy: string | null;
}

export const ErrandItemSchema = inputObject({
  name: textSchema({
    min: { length: 1, message: '请填写物品名称' },
    max: { length: 30, message: '物品名称不超过 30 个字' },
  }),
  quantity: textSchema({
    min: { length: 1, message: '请填写数量' },
    max: { length: 10, message: '数量不超过 10 个字' },
  }),
  note: v.optional(textSchema({ max: { length: 50, message: '物品备注不超过 50 个字' } }), ''),
});

export const ErrandRequestSchema = inputObject({
  items: v.pipe(
    v.array(ErrandItemSchema, '至少填写一件物品'),
    v.minLength(1, '至少填写一件物品'),
    v.maxLength(20, '一次最多 20 件物品'),
  ),
  /** Yuan. */
  budget: v.pipe(
    v.number('请填写预算'),
    v.minValue(0, '预算不能为负数'),
    v.maxValue(5000, '预算不超过 5000 元'),
  ),
  /** 1 (whenever) to 4 (today, urgent: medicine). */
  urgency: v.pipe(
    v.number('请选择紧急程度'),
    v.integer('请选择紧急程度'),
    v.minValue(1, '请选择紧急程度'),
    v.maxValue(4, '请选择紧急程度'),
  ),
  deliveryNote: v.optional(
    textSchema({ max: { length: 100, message: '送货备注不超过 100 个字' }, multiline: true }),
    '',
  ),
  contactless: v.optional(v.boolean('请选择是否无接触配送'), true),
});
export type ErrandRequest = v.InferOutput<typeof ErrandRequestSchema>;

/** A written reason (cancel, give up, change a class, resolve): 2–100 characters, one line. */
export const ReasonSchema = textSchema({
  min: { length: 2, message: '请填写原因' },
  max: { length: 100, message: '原因最多 100 个字' },
});
/** A cloud fileID as uploadFile answers it: `cloud://<env>.<bucket>/<path>`. */
export const FileIdSchema = v.pipe(
  v.string('请先上传照片'),
  v.regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._\-/]+$/, '请先上传照片'),
  v.maxLength(512, '照片地址过长'),
);
export const AmountSchema = v.pipe(
  v.number('请填写金额'),
  v.minValue(0, '金额不能为负数'),
  v.maxValue(5000, '金额不超过 5000 元'),
);
/** The two proof photos of an errand: the receipt when bought, the doorstep when delivered. */
export const ERRAND_PHOTO_KINDS = ['receipt', 'delivery'] as const;
export type ErrandPhotoKind = (typeof ERRAND_PHOTO_KINDS)[number];
export const PHOTO_EXTENSIONS = ['jpg', 'png', 'webp', 'gif'] as const;
export const ErrandPhotoTargetSchema = inputObject({
  kind: v.picklist(ERRAND_PHOTO_KINDS, '照片类型不正确'),
  extension: v.optional(v.picklist(PHOTO_EXTENSIONS, '只能上传 JPG、PNG、WebP 或 GIF 照片'), 'jpg'),
});

export interface ErrandView {
  id: string;
  status: ErrandStatus;
  items: { name: string; quantity: string; note: string }[];
  budget: number;
  urgency: number;
  deliveryNote: string;
  contactless: boolean;
  /** For the pool: where, without the address (shown only to the active claimer). */
  gridName: string;
  requesterName: string;
  claimer: { name: string; party: boolean } | null;
  amountSpent: number | null;
  receiptFileId: string | null;
  deliveryFileId: string | null;
  /** Why it was cancelled (by the household, or a leader on its behalf); null unless cancelled. */
  cancelReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A volunteer's delivered errands, by China month (recognition for party members). */
export interface VolunteerRecord {
  total: number;
  /** Newest month first, e.g. { month: '2020-02', done: 12 }. */
  months: { month: string; done: number }[];
}
