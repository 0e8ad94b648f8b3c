import { SUBSCRIBE_TEMPLATES, type TemplateName } from '@gridguard/types';
import type { Cloud } from './cloud';

export type SendOutcome = 'sent' | 'noCredit' | 'failed';

/**
 * Sends one subscribe message. 43101 (the user granted no credit, or used it) is an expected answer
 * for one-time subscriptions, not an error: the caller falls back to a phone call.
 */
export async function sendSubscribe(
  cloud: Cloud,
  message: { touser: string; template: TemplateName; page: string; data: Record<string, string> },
): Promise<SendOutcome> {
  const template = SUBSCRIBE_TEMPLATES[message.template];
  const data = Object.fromEntries(Object.entries(message.data).map(([k, value]) => [k, { value }]));
  try {
    await cloud.openapi['subscribeMessage'].send({
      touser: message.touser,
      templateId: template.id,
      page: message.page,
      data,
      miniprogramState: 'formal',
      lang: 'zh_CN',
    });
    return 'sent';
  } catch (e) {
    const code = (e as { errCode?: number }).errCode;
    if (code === 43101) return 'noCredit';
    // Logged by code only: the message data carries names.
    console.error(
      `subscribeMessage.send ${message.template} failed with ${code ?? 'an unknown error'}`,
    );
    return 'failed';
  }
}

/** The template fields are short: a thing is at most 20 characters. */
export const fitThing = (text: string): string =>
  [...text].length <= 20 ? text : `${[...text].slice(0, 19).join('')}…`;
