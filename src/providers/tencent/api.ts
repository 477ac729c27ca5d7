// One authenticated Tencent REST call: the common query (sdkappid, identifier, usersig, random, contenttype),
// retries for busy answers, one UserSig renewal on 70001, and credential refusals as AuthError (exit 4).
// What a business ErrorCode means for a given endpoint is left to the caller.
import { AuthError, type ProviderDetail } from '../../errors.js';
import type { HttpRequest, JsonResponse, Pacer, RetryVerdict } from '../../http/client.js';
import { parseResponse } from '../../http/validate.js';
import type { ProviderSession } from '../../session/provider-session.js';
import { authHint, envelopeSchema, PROVIDER, retryableCode, USERSIG_EXPIRED, type TencentEnvelope } from './schemas.js';
import { loadTencentSettings, type TencentSettings } from './settings.js';
import { UserSigKeeper, type IssuedUserSig } from './usersig.js';

export interface CallOptions {
  pacer?: Pacer | undefined;
  /** What the call is about, for messages: e.g. `account "bob" in room "r1"`. */
  subject: string;
}

export interface CallResult {
  envelope: TencentEnvelope;
  /** The whole parsed body, for the endpoint's own schema. */
  body: unknown;
  /** The answer as an error names it: the endpoint, and Tencent's ErrorCode, ErrorInfo and RequestId. */
  detail: ProviderDetail;
}

/** The endpoint of a command path: `live_engine_http_srv/get_room_stats` → `get_room_stats`. */
export function endpointOf(command: string): string {
  return command.slice(command.lastIndexOf('/') + 1);
}

export class TencentApi {
  readonly userSigs: UserSigKeeper;

  constructor(
    private readonly session: ProviderSession,
    readonly settings: TencentSettings,
  ) {
    this.userSigs = new UserSigKeeper({
      sdkAppId: settings.sdkAppId,
      secretKey: settings.secretKey,
      identifier: settings.identifier,
      now: session.ctx.now,
      redactor: session.redactor,
    });
  }

  static open(session: ProviderSession): TencentApi {
    return new TencentApi(session, loadTencentSettings(session.settings));
  }

  /** The request as it would be sent now; `sig` is the UserSig to sign it with (the current one by default). */
  request(command: string, body: Record<string, unknown>, sig: IssuedUserSig = this.userSigs.current()): HttpRequest {
    const url = new URL(`${this.settings.baseUrl}/v4/${command}`);
    url.searchParams.set('sdkappid', String(this.settings.sdkAppId));
    url.searchParams.set('identifier', this.settings.identifier);
    url.searchParams.set('usersig', sig.value);
    // Tencent: random is a 32-bit unsigned integer, 0–4294967295, fresh for every request (doc 1047/34620).
    url.searchParams.set('random', String(Math.floor(this.session.ctx.random() * 2 ** 32) >>> 0));
    url.searchParams.set('contenttype', 'json');
    return { method: 'POST', url, json: body };
  }

  async call(command: string, body: Record<string, unknown>, options: CallOptions): Promise<CallResult> {
    const endpoint = endpointOf(command);
    for (;;) {
      let used = this.userSigs.current();
      const response = await this.session.http.requestJson({
        provider: PROVIDER,
        endpoint,
        build: () => this.request(command, body, (used = this.userSigs.current())),
        retryOn: (res) => retryVerdict(res, options.subject),
        pacer: options.pacer,
      });
      const envelope = parseResponse(envelopeSchema, response.body, { provider: PROVIDER, endpoint });
      const code = envelope.ErrorCode;
      if (code === USERSIG_EXPIRED && this.userSigs.renew(used)) {
        this.session.log(`${PROVIDER} ${endpoint}: UserSig expired (70001), retrying with a new one`);
        continue;
      }
      const detail = { provider: PROVIDER, endpoint, code, providerMessage: envelope.ErrorInfo, requestId: envelope.RequestId };
      const hint = authHint(code);
      if (hint !== undefined) throw new AuthError(`${PROVIDER} ${endpoint} refused the credentials`, detail, { hint });
      // A code other than 0 is the caller's to judge (a destroyed room is skipped), and is no page of data.
      if (code === 0) this.session.http.countPage();
      return { envelope, body: response.body, detail };
    }
  }
}

/** Busy and throttling codes come back in an HTTP 200 body; the client retries them with backoff. */
function retryVerdict(response: JsonResponse, subject: string): RetryVerdict | undefined {
  const code = (response.body as { ErrorCode?: unknown } | null)?.ErrorCode;
  if (typeof code !== 'number') return undefined;
  const retryable = retryableCode(code);
  if (!retryable) return undefined;
  const body = response.body as { ErrorInfo?: unknown; RequestId?: unknown };
  const info = typeof body.ErrorInfo === 'string' && body.ErrorInfo !== '' ? ` ${JSON.stringify(body.ErrorInfo)}` : '';
  const id = typeof body.RequestId === 'string' && body.RequestId !== '' ? `, request id ${body.RequestId}` : '';
  return {
    retry: true,
    reason: `ErrorCode ${code} (${retryable.reason})${info} for ${subject}${id}`,
    delayMs: retryable.delayMs,
  };
}
