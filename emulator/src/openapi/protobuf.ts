import protobuf from 'protobufjs';

/**
 * The wx.openApi messages (cloudbase-wire-protocol.md §8), field numbers as in the SDK's generated
 * code. Only the parts the emulator reads or writes are declared.
 */
const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        appid: { type: 'string', id: 6 },
      },
    },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
      },
    },
  },
});

const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');

interface DecodedPair {
  key: string;
  value: Uint8Array;
}

/** The API's parameters, each pair's value being the UTF-8 JSON of one top-level key. */
export function decodeOpenApiParams(requestData: Buffer): Record<string, unknown> {
  const message = CommApiData.toObject(CommApiData.decode(requestData), { defaults: true }) as {
    openapiData?: { pairs?: DecodedPair[] };
  };
  const params: Record<string, unknown> = {};
  for (const pair of message.openapiData?.pairs ?? []) {
    const text = Buffer.from(pair.value).toString('utf8');
    try {
      params[pair.key] = JSON.parse(text) as unknown;
    } catch {
      params[pair.key] = text;
    }
  }
  return params;
}

/** A reply the SDK accepts: respData is the WeChat API's JSON answer. */
export function encodeOpenApiReply(respData: Record<string, unknown>, errorCode = 0): Buffer {
  const message = CommOpenApiResp.create({
    respData: Buffer.from(JSON.stringify(respData)),
    contentType: 'application/json; charset=UTF-8',
    errorCode,
    httpCode: 200,
  });
  return Buffer.from(CommOpenApiResp.encode(message).finish());
}
