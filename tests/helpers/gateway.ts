import type { Emulator } from '@gridguard/emulator';

/** Calls a function through the h5 gateway as a logged-in demo user, like the h5 transport does. */
export async function gatewayLogin(emulator: Emulator, openid: string): Promise<string> {
  const response = await fetch(`${emulator.url}/_gateway/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  });
  const body = (await response.json()) as { token?: string; errMsg?: string };
  if (!body.token) throw new Error(`login failed: ${body.errMsg}`);
  return body.token;
}

export interface GatewayReply<T> {
  status: number;
  body: { errMsg: string; errCode?: number; result?: T };
}

export async function gatewayCall<T = unknown>(
  emulator: Emulator,
  token: string | undefined,
  name: string,
  data: unknown = {},
): Promise<GatewayReply<T>> {
  const response = await fetch(`${emulator.url}/_gateway/functions/${name}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(data),
  });
  return { status: response.status, body: (await response.json()) as GatewayReply<T>['body'] };
}

export interface UploadReply {
  status: number;
  body: { errMsg: string; errCode?: number; fileID?: string; statusCode?: number };
}

/** Uploads one picture through the gateway as the h5 transport does: raw bytes, path in the query. */
export async function gatewayUpload(
  emulator: Emulator,
  token: string | undefined,
  cloudPath: string,
  bytes: Buffer,
  contentType = 'image/png',
): Promise<UploadReply> {
  const response = await fetch(
    `${emulator.url}/_gateway/upload?cloudPath=${encodeURIComponent(cloudPath)}`,
    {
      method: 'POST',
      headers: {
        'content-type': contentType,
        ...(token && { authorization: `Bearer ${token}` }),
      },
      body: new Uint8Array(bytes),
    },
  );
  return { status: response.status, body: (await response.json()) as UploadReply['body'] };
}
