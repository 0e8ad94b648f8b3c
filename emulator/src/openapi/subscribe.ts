import { isPlainObject } from '../ejson';
import { SUBSCRIBE_FIELD_LIMITS } from '../limits';

/** A subscribe message template as registered in the WeChat admin console. */
export interface SubscribeTemplate {
  id: string;
  title: string;
  /** The data keys the template has, e.g. thing1, time2. */
  keys: string[];
}

export interface SendParams {
  touser?: unknown;
  template_id?: unknown;
  page?: unknown;
  data?: unknown;
  miniprogram_state?: unknown;
  lang?: unknown;
}

export type WxApiError = {
  errcode: number;
  errmsg: string;
};

const DATE_TIME =
  /^\d{4}([-/年])\d{1,2}([-/月])\d{1,2}日?( \d{1,2}:\d{2}(:\d{2})?)?$|^\d{1,2}:\d{2}(:\d{2})?$/;

/** Rules per field type, from the key's prefix (thing1 → thing). Lengths count characters. */
const RULES: Record<string, (v: string) => string | undefined> = {
  thing: (v) => maxChars(v, SUBSCRIBE_FIELD_LIMITS.thing),
  number: (v) =>
    /^[+-]?\d+(\.\d+)?$/.test(v) ? maxChars(v, SUBSCRIBE_FIELD_LIMITS.number) : 'must be a number',
  letter: (v) =>
    /^[A-Za-z]+$/.test(v) ? maxChars(v, SUBSCRIBE_FIELD_LIMITS.letter) : 'must be letters only',
  symbol: (v) => maxChars(v, SUBSCRIBE_FIELD_LIMITS.symbol),
  character_string: (v) =>
    /^[\x21-\x7e]+$/.test(v)
      ? maxChars(v, SUBSCRIBE_FIELD_LIMITS.character_string)
      : 'must be letters, digits or symbols',
  phone_number: (v) =>
    /^[\d+\-() ]+$/.test(v)
      ? maxChars(v, SUBSCRIBE_FIELD_LIMITS.phone_number)
      : 'must be a phone number',
  car_number: (v) => maxChars(v, SUBSCRIBE_FIELD_LIMITS.car_number),
  name: (v) => maxChars(v, SUBSCRIBE_FIELD_LIMITS.name),
  phrase: (v) => maxChars(v, SUBSCRIBE_FIELD_LIMITS.phrase),
  time: (v) => (DATE_TIME.test(v) ? undefined : 'must be a time such as 2020-02-01 08:00'),
  date: (v) => (DATE_TIME.test(v) ? undefined : 'must be a date such as 2020-02-01'),
  amount: (v) =>
    /^¥?\d+(\.\d{1,2})?元?$/.test(v) ? undefined : 'must be an amount such as 12.50元',
};

function maxChars(value: string, limit: number): string | undefined {
  return [...value].length > limit ? `exceeds ${limit} characters` : undefined;
}

/**
 * Checks subscribeMessage.send arguments as WeChat does: 40003 for a bad openid, 40037 for an
 * unknown template (when templates are configured), 47003 naming the offending field.
 */
export function validateSend(
  params: SendParams,
  templates: ReadonlyMap<string, SubscribeTemplate> | undefined,
): WxApiError | undefined {
  if (typeof params.touser !== 'string' || params.touser === '') {
    return { errcode: 40003, errmsg: 'invalid openid' };
  }
  if (typeof params.template_id !== 'string' || params.template_id === '') {
    return { errcode: 40037, errmsg: 'invalid template_id' };
  }
  const template = templates?.get(params.template_id);
  if (templates && !template)
    return { errcode: 40037, errmsg: `invalid template_id ${params.template_id}` };
  if (!isPlainObject(params.data))
    return { errcode: 47003, errmsg: 'argument invalid! data is required' };
  for (const [key, field] of Object.entries(params.data)) {
    if (template && !template.keys.includes(key)) {
      return { errcode: 47003, errmsg: `argument invalid! data.${key} is not in the template` };
    }
    const value = isPlainObject(field) ? field['value'] : undefined;
    if ((typeof value !== 'string' && typeof value !== 'number') || String(value) === '') {
      return { errcode: 47003, errmsg: `argument invalid! data.${key}.value is empty` };
    }
    const text = String(value);
    if (/[\r\n]/.test(text))
      return { errcode: 47003, errmsg: `argument invalid! data.${key}.value has a newline` };
    const rule = RULES[key.replace(/\d+$/, '')];
    const problem = rule?.(text);
    if (problem)
      return { errcode: 47003, errmsg: `argument invalid! data.${key}.value ${problem}` };
  }
  if (template) {
    const missing = template.keys.find((k) => !(k in (params.data as object)));
    if (missing)
      return { errcode: 47003, errmsg: `argument invalid! data.${missing}.value is empty` };
  }
  return undefined;
}
