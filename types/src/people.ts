import * as v from 'valibot';
import type { CareMark, Residency } from './register';
import { textSchema } from './text';

export const RELATIONS = [
  '本人',
  '配偶',
  '子女',
  '父母',
  '祖父母',
  '孙子女',
  '兄弟姐妹',
  '其他',
] as const;
export const RelationSchema = v.picklist(RELATIONS, '请选择与户主的关系');
export type Relation = (typeof RELATIONS)[number];

/** Mainland resident ID: 17 digits and a digit or X, with a valid checksum. */
export const IdNumberSchema = v.pipe(
  v.string('身份证号应为 18 位'),
  v.trim(),
  v.toUpperCase(),
  v.regex(/^\d{17}[\dX]$/, '身份证号应为 18 位'),
  v.check(idChecksumHolds, '身份证号校验位不正确'),
);

export const PhoneSchema = v.pipe(
  v.string('手机号应为 11 位数字'),
  v.trim(),
  v.regex(/^1\d{10}$/, '手机号应为 11 位数字'),
);
export const PersonNameSchema = textSchema({
  min: { length: 1, message: '请填写姓名' },
  max: { length: 20, message: '姓名不超过 20 个字' },
});
export const AddressSchema = textSchema({
  min: { length: 2, message: '请填写住址' },
  max: { length: 80, message: '住址不超过 80 个字' },
});

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idChecksumHolds(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17];
}

/** `3301**********1234`: the region and the last four, never the birth date. */
export function maskIdNumber(id: string): string {
  return id.length <= 8
    ? '*'.repeat(id.length)
    : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** `138****5678`. */
export function maskPhone(phone: string): string {
  return phone.length < 7
    ? '*'.repeat(phone.length)
    : `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

export interface PersonView {
  id: string;
  name: string;
  relation: string;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  /** Registered by someone else (a household head or a grid member) on this person's behalf. */
  proxy: { byName: string; at: string } | null;
  hasWechat: boolean;
  /** Which full values the caller may ask for (`people.reveal` checks again and audits each). */
  reveal?: { idNumber: boolean; phone: boolean };
  /** 户籍 / 常住 / 流动 and 重点关爱 marks, once staff have recorded them. */
  residency?: Residency;
  care?: CareMark[];
}

export interface HouseholdView {
  id: string;
  gridId: string;
  gridName: string;
  address: string;
  /** Printed on the door: residents join the household with it. */
  code: string;
  contact: { name: string; party: boolean } | null;
  people: PersonView[];
}

export const RevealFieldSchema = v.picklist(['idNumber', 'phone'], '只能查看身份证号或手机号');
export type RevealField = v.InferOutput<typeof RevealFieldSchema>;
