import * as v from 'valibot';
import { addDays, chinaToday, ChinaDayPattern, isRealDay } from './china-time';
import { GridIdSchema, PageSchema, type Page } from './grid';
import { idSchema, inputObject, textSchema } from './text';

/**
 * 通知公告 (router `notices`): notices published to a node's subtree, drafts and withdrawal, the
 * receipt each reader leaves on first opening one, and reach by household (read by anyone of it,
 * or told in person or by phone by staff) rolled up the tree.
 */

/** Who a notice is for. */
export const NOTICE_AUDIENCES = ['all', 'residents', 'staff'] as const;
export type NoticeAudience = (typeof NOTICE_AUDIENCES)[number];
export const NOTICE_AUDIENCE_LABELS: Record<NoticeAudience, string> = {
  all: '所有人',
  residents: '居民',
  staff: '网格工作人员',
};

export const NOTICE_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = {
  draft: '草稿',
  published: '已发布',
  withdrawn: '已撤回',
};

/**
 * How a household came to be reached: someone of it opened the notice, or a member of staff told
 * it at the door or by phone (households without WeChat count too).
 */
export const REACH_WAYS = ['read', 'visit', 'call'] as const;
export type ReachWay = (typeof REACH_WAYS)[number];
export const REACH_WAY_LABELS: Record<ReachWay, string> = {
  read: '已阅读',
  visit: '上门告知',
  call: '电话告知',
};
/** What staff may record: reading is recorded by the reader's own open. */
export const TOLD_WAYS = ['visit', 'call'] as const satisfies readonly ReachWay[];
export type ToldWay = (typeof TOLD_WAYS)[number];

/** What a notice carries besides its text, each uploaded where the server says. */
export const NOTICE_FILE_KINDS = ['image', 'attachment', 'audio'] as const;
export type NoticeFileKind = (typeof NOTICE_FILE_KINDS)[number];
export const NOTICE_FILE_EXTENSIONS: Record<
  NoticeFileKind,
  readonly (typeof NOTICE_EXTENSIONS)[number][]
> = {
  image: ['jpg', 'png', 'webp'],
  attachment: ['pdf'],
  audio: ['mp3', 'aac', 'm4a'],
};

/** Every extension a notice's file may have, whatever its kind. */
export const NOTICE_EXTENSIONS = ['jpg', 'png', 'webp', 'pdf', 'mp3', 'aac', 'm4a'] as const;

export const MAX_NOTICE_IMAGES = 9;
export const MAX_NOTICE_ATTACHMENTS = 5;
export const MAX_NOTICE_AUDIO = 6;
/** The longest recording one clip may be (the recorder's own limit is 10 minutes). */
export const MAX_AUDIO_SECONDS = 600;
/**
 * The largest file of a notice (a picture, an official PDF, a ten-minute recording): the product's
 * own limit, which the client checks before sending and the preview's gateway enforces.
 */
export const NOTICE_FILE_MAX_BYTES = 20 * 1024 * 1024;
/** A notice expires at the end of a China day at most this far ahead. */
export const MAX_NOTICE_DAYS = 180;
/** The 日报 shows the reach of the notices published in this many China days, today included. */
export const REACH_REPORT_DAYS = 3;
/** The audiences whose notices go to households, so that reaching a household means something. */
export const HOUSEHOLD_AUDIENCES = NOTICE_AUDIENCES.filter(
  (a): a is Exclude<NoticeAudience, 'staff'> => a !== 'staff',
);

export const NoticeIdSchema = idSchema('通知编号');
const HouseholdIdSchema = idSchema('住户编号');
const Confirmed = v.literal(true, '请先确认此操作');

export const NoticeFileIdSchema = v.pipe(
  v.string('请先上传文件'),
  v.regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._\-/]+$/, '请先上传文件'),
  v.maxLength(512, '文件地址过长'),
);

const AttachmentSchema = v.strictObject(
  {
    fileId: NoticeFileIdSchema,
    name: textSchema({
      min: { length: 1, message: '请填写附件名称' },
      max: { length: 60, message: '附件名称不超过 60 个字' },
    }),
  },
  '附件格式不正确',
);

const AudioSchema = v.strictObject(
  {
    fileId: NoticeFileIdSchema,
    /** 普通话, 粤语, 九江话, 纳西语 …: what a listener picks by. */
    label: textSchema({
      min: { length: 1, message: '请填写语音的语言或方言' },
      max: { length: 12, message: '语言或方言不超过 12 个字' },
    }),
    seconds: v.pipe(
      v.number('语音时长格式不正确'),
      v.integer('语音时长格式不正确'),
      v.minValue(1, '语音太短'),
      v.maxValue(MAX_AUDIO_SECONDS, `一段语音不超过 ${MAX_AUDIO_SECONDS / 60} 分钟`),
    ),
  },
  '语音格式不正确',
);

const distinct = (ids: readonly string[]) => new Set(ids).size === ids.length;
const distinctFiles = (items: readonly { fileId: string }[]) =>
  distinct(items.map((i) => i.fileId));

/** A China day from today to MAX_NOTICE_DAYS ahead: the last day the notice shows. */
const ExpiryDaySchema = v.pipe(
  v.string('请选择有效期'),
  v.regex(ChinaDayPattern, '有效期格式应为 YYYY-MM-DD'),
  v.check(isRealDay, '有效期不是真实的日期'),
  v.check((day) => day >= chinaToday(), '有效期不能早于今天'),
  v.check(
    (day) => day <= addDays(chinaToday(), MAX_NOTICE_DAYS),
    `有效期不超过 ${MAX_NOTICE_DAYS} 天`,
  ),
);

/** What an author writes: the same for a new draft and an edit. */
export const NoticeContentSchema = v.strictObject(
  {
    title: textSchema({
      min: { length: 2, message: '请填写标题（至少 2 个字）' },
      max: { length: 40, message: '标题不超过 40 个字' },
    }),
    body: textSchema({
      min: { length: 1, message: '请填写正文' },
      max: { length: 5000, message: '正文不超过 5000 个字' },
      multiline: true,
    }),
    images: v.pipe(
      v.array(NoticeFileIdSchema, '图片格式不正确'),
      v.maxLength(MAX_NOTICE_IMAGES, `图片不超过 ${MAX_NOTICE_IMAGES} 张`),
      v.check((ids) => distinct(ids), '图片重复'),
    ),
    attachments: v.pipe(
      v.array(AttachmentSchema, '附件格式不正确'),
      v.maxLength(MAX_NOTICE_ATTACHMENTS, `附件不超过 ${MAX_NOTICE_ATTACHMENTS} 个`),
      v.check((items) => distinctFiles(items), '附件重复'),
    ),
    audio: v.pipe(
      v.array(AudioSchema, '语音格式不正确'),
      v.maxLength(MAX_NOTICE_AUDIO, `语音不超过 ${MAX_NOTICE_AUDIO} 段`),
      v.check((items) => distinctFiles(items), '语音重复'),
    ),
    audience: v.picklist(NOTICE_AUDIENCES, '请选择发布对象'),
    pinned: v.boolean('置顶格式不正确'),
    /** null: shown until withdrawn. */
    expiresDay: v.nullable(ExpiryDaySchema),
  },
  '通知内容格式不正确',
);
export type NoticeContent = v.InferOutput<typeof NoticeContentSchema>;

export const NOTICE_SCHEMAS = {
  /**
   * A new draft under a node the caller leads (the command centre: anywhere). `key` is chosen by
   * the form: sending it again finds the same draft.
   */
  createDraft: inputObject({
    gridId: GridIdSchema,
    key: idSchema('提交编号'),
    content: NoticeContentSchema,
  }),
  /** Edits a draft (a published notice is withdrawn and published anew); `rev` is the version read. */
  saveDraft: inputObject({
    noticeId: NoticeIdSchema,
    rev: v.pipe(
      v.number('版本格式不正确'),
      v.integer('版本格式不正确'),
      v.minValue(0, '版本格式不正确'),
    ),
    content: NoticeContentSchema,
  }),
  /** Where the caller may upload a file for a notice: a fresh name in their own folder. */
  uploadTarget: inputObject({
    noticeId: NoticeIdSchema,
    kind: v.picklist(NOTICE_FILE_KINDS, '文件类型不正确'),
    extension: v.picklist(NOTICE_EXTENSIONS, '文件格式应为 jpg、png、webp、pdf、mp3、aac 或 m4a'),
  }),
  publish: inputObject({ noticeId: NoticeIdSchema, confirm: Confirmed }),
  /** Takes a published notice off residents' lists; it stays for the audit. */
  withdraw: inputObject({
    noticeId: NoticeIdSchema,
    confirm: Confirmed,
    reason: textSchema({
      min: { length: 2, message: '请填写撤回原因' },
      max: { length: 100, message: '撤回原因不超过 100 个字' },
    }),
  }),
  /** Notices published on or under a node, and drafts, for those who lead it: newest first. */
  managed: inputObject({ gridId: GridIdSchema, page: PageSchema }),
  /** The caller's notices (their household's nodes, their own nodes and above): pinned first. */
  feed: inputObject({ page: PageSchema }),
  /** How many of the caller's notices they have not opened: the mark on home. */
  unread: inputObject({}),
  /** One notice, in full; the first open by a reader leaves their receipt. */
  open: inputObject({ noticeId: NoticeIdSchema }),
  /** Reached households of a node and each of its children, for a notice above or on it. */
  reach: inputObject({ noticeId: NoticeIdSchema, gridId: GridIdSchema, page: PageSchema }),
  /** Households under a node the notice has not reached yet, by address: who to visit or call. */
  unreached: inputObject({ noticeId: NoticeIdSchema, gridId: GridIdSchema, page: PageSchema }),
  /**
   * One subscribe message to each resident on WeChat under the node whose household the notice
   * has not reached, within their consent, once per notice; a batch at a time (`remaining`).
   */
  remindUnread: inputObject({ noticeId: NoticeIdSchema, gridId: GridIdSchema }),
  /** A member of staff told a household in person or by phone. */
  markReached: inputObject({
    noticeId: NoticeIdSchema,
    householdId: HouseholdIdSchema,
    way: v.picklist(TOLD_WAYS, '请选择告知方式'),
  }),
} as const;

export interface NoticeAudioView {
  fileId: string;
  label: string;
  seconds: number;
}

export interface NoticeRow {
  id: string;
  title: string;
  gridId: string;
  gridName: string;
  audience: NoticeAudience;
  pinned: boolean;
  status: NoticeStatus;
  publishedAt: string | null;
  expiresDay: string | null;
  /** Languages of its recordings, for the row's 🔊 marks. */
  audioLabels: string[];
  author: string;
  /** The caller opened it (feed), or null where that is not the question (managed). */
  read: boolean | null;
}

/**
 * A row of 通知管理: a published notice for households carries its reach on the node asked about
 * (a notice from above counted there, one published below on its own node); others null.
 */
export interface ManagedNoticeRow extends NoticeRow {
  reach: ReachFigures | null;
}

export interface NoticeView extends NoticeRow {
  body: string;
  images: string[];
  attachments: { fileId: string; name: string }[];
  audio: NoticeAudioView[];
  rev: number;
  withdrawn: { reason: string; by: string; at: string } | null;
  /** What the caller may do with it. */
  may: { edit: boolean; publish: boolean; withdraw: boolean; reach: boolean };
}

export interface ReachFigures {
  reached: number;
  households: number;
  /** By how each was reached. */
  read: number;
  told: number;
}

export interface ReachRow extends ReachFigures {
  gridId: string;
  name: string;
  leaf: boolean;
}

export interface ReachView {
  noticeId: string;
  title: string;
  node: ReachRow;
  children: Page<ReachRow>;
}

export interface UnreachedRow {
  householdId: string;
  address: string;
  /** Who lives there (names masked as lists mask them), first the one to call. */
  people: { personId: string; name: string; phoneMasked: string | null }[];
}

export interface NoticeOutputs {
  createDraft: NoticeView;
  saveDraft: NoticeView;
  uploadTarget: { cloudPath: string };
  publish: NoticeView;
  withdraw: NoticeView;
  managed: Page<ManagedNoticeRow>;
  feed: Page<NoticeRow>;
  unread: { count: number };
  open: NoticeView;
  reach: ReachView;
  unreached: Page<UnreachedRow>;
  markReached: { householdId: string; way: ReachWay; already: boolean };
  remindUnread: { sent: number; noCredit: number; remaining: boolean };
}

/** The page a notice opens on, shared by the server's reminders and the client's routes. */
export const noticePagePath = (noticeId: string) =>
  `pages/notices/detail/index?id=${encodeURIComponent(noticeId)}`;
/** Residents reminded by one press of 提醒未读: the client presses on while more remain. */
export const REMIND_BATCH = 100;

/** Notices' files (images, PDFs, recordings) live in the uploader's own folder under this root. */
export const NOTICE_UPLOAD_ROOT = 'notices';
