import type { Clock } from '../clock';
import type { FunctionInfo } from '../functions/registry';
import { decodeOpenApiParams, encodeOpenApiReply } from './protobuf';
import type { SubscribeLedger } from './messages';
import { validateSend, type SendParams, type SubscribeTemplate } from './subscribe';

/** Cloud functions must list each openapi they call in config.json permissions.openapi. */
const NO_PERMISSION = -604101;

/**
 * wx.openApi calls. Only subscribeMessage.send is emulated; other APIs answer with an error that
 * says so, rather than pretending to succeed.
 */
export class OpenApiService {
  constructor(
    private readonly ledger: SubscribeLedger,
    private readonly clock: Clock,
    private readonly templates: ReadonlyMap<string, SubscribeTemplate> | undefined,
  ) {}

  handle(apiName: string, requestData: Buffer, caller: FunctionInfo | undefined): Buffer {
    const allowed = caller?.config.permissions?.openapi;
    if (caller && !allowed?.includes(apiName)) {
      return encodeOpenApiReply(
        { errcode: NO_PERMISSION, errmsg: `${caller.name} has no permission for ${apiName}` },
        NO_PERMISSION,
      );
    }
    const params = decodeOpenApiParams(requestData);
    if (apiName === 'subscribeMessage.send') return encodeOpenApiReply(this.send(params, caller));
    return encodeOpenApiReply({
      errcode: -1,
      errmsg: `openapi ${apiName} is not emulated locally`,
    });
  }

  private send(params: SendParams, caller: FunctionInfo | undefined): Record<string, unknown> {
    const invalid = validateSend(params, this.templates);
    if (invalid) return invalid;
    const sent = this.ledger.send({
      sentAt: new Date(this.clock.now()).toISOString(),
      touser: params.touser as string,
      templateId: params.template_id as string,
      page: typeof params.page === 'string' ? params.page : null,
      data: params.data as Record<string, { value: string }>,
      miniprogramState:
        typeof params.miniprogram_state === 'string' ? params.miniprogram_state : null,
      lang: typeof params.lang === 'string' ? params.lang : null,
      sender: caller?.name ?? null,
    });
    if (!sent) return { errcode: 43101, errmsg: 'user refuse to accept the msg' };
    return { errcode: 0, errmsg: 'ok' };
  }
}
