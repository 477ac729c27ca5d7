// One signed Polyv GET: a fresh timestamp and sign for every attempt, the shared rate limiter, retries for
// busy answers, one re-sign on `invalid timestamp.`, and Polyv's refusals as AuthError (4) or ProviderError (5).
// What a page contains and how pages are walked is left to the endpoint modules.
import type { ProviderSession } from '../../session/provider-session.js';
import { AuthError, ProviderError, type ProviderDetail } from '../../errors.js';
import type { HttpRequest, Pacer } from '../../http/client.js';
import { parseResponse } from '../../http/validate.js';
import type * as z from '../../util/zod.js';
import { createPolyvLimiter, retryVerdict } from './pacing.js';
import { classifyFailure, envelopeSchema, failureText, isSuccess, PROVIDER, type PolyvEnvelope } from './schemas.js';
import { polyvSign, sendableParams, type ParamValue } from './sign.js';

export interface PolyvEndpoint {
  /** Short name for messages and logs. */
  name: string;
  path: string;
}

export const RED_PACK_STATS: PolyvEndpoint = {
  name: 'red-pack/statistics/list',
  path: '/live/v4/channel/red-pack/statistics/list',
};

const AUTH_HINT =
  'Check polyv.appId and polyv.appSecret (`livestats config set polyv.appSecret`), then run `livestats doctor polyv`.';
const CLOCK_HINT = "Polyv accepts a timestamp only within 3 minutes of its own clock: synchronise this computer's clock (NTP) and run again.";

export class PolyvApi {
  /** Warnings already given: concurrent pages hitting the same condition say it once. */
  private readonly warned = new Set<string>();

  constructor(
    private readonly session: ProviderSession,
    readonly appId: string,
    private readonly appSecret: string,
    readonly baseUrl: string,
    private readonly pacer: Pacer,
  ) {}

  /** Reads the settings (a missing one is exit 3) and makes the run's one rate limiter. */
  static open(session: ProviderSession, pacer: Pacer = createPolyvLimiter(session.ctx)): PolyvApi {
    const appId = session.settings.require('polyv.appId');
    const appSecret = session.settings.require('polyv.appSecret');
    const baseUrl = session.settings.require('polyv.baseUrl').replace(/\/+$/, '');
    return new PolyvApi(session, appId, appSecret, baseUrl, pacer);
  }

  /** The request as it would be sent now: a 13-digit ms timestamp and its sign, registered as a secret. */
  request(endpoint: PolyvEndpoint, params: Readonly<Record<string, ParamValue>>): HttpRequest {
    const all = { ...params, appId: this.appId, timestamp: String(Math.trunc(this.session.ctx.now())) };
    const sign = polyvSign(all, this.appSecret);
    this.session.redactor.add(sign);
    const url = new URL(`${this.baseUrl}${endpoint.path}`);
    for (const [name, value] of sendableParams(all)) url.searchParams.set(name, value);
    url.searchParams.set('sign', sign);
    return { method: 'GET', url };
  }

  /** Sends the call and returns the body of a successful answer, validated by `schema`. */
  async get<S extends z.core.$ZodType>(
    endpoint: PolyvEndpoint,
    params: Readonly<Record<string, ParamValue>>,
    schema: S,
  ): Promise<z.output<S>> {
    for (let resigned = false; ; resigned = true) {
      const response = await this.session.http.requestJson({
        provider: PROVIDER,
        endpoint: endpoint.name,
        // build() runs again for every attempt, so each retry carries a new timestamp and sign.
        build: () => this.request(endpoint, params),
        acceptStatus: (status) => status >= 400 && status < 600,
        retryOn: (res) => retryVerdict(res, (line) => this.warnOnce(line)),
        pacer: this.pacer,
      });
      const where = { provider: PROVIDER, endpoint: endpoint.name };
      const envelope = parseResponse(envelopeSchema, response.body, where);
      if (isSuccess(envelope)) {
        const page = parseResponse(schema, response.body, { ...where, requestId: envelope.requestId });
        this.session.http.countPage();
        return page;
      }
      if (!resigned && classifyFailure(failureText(envelope)) === 'timestamp') {
        this.warnOnce("Polyv rejected the request timestamp; this computer's clock may be off. Retrying once with a fresh one.");
        continue;
      }
      throw failure(endpoint, envelope, response.status);
    }
  }

  private warnOnce(line: string): void {
    if (this.warned.has(line)) return;
    this.warned.add(line);
    this.session.warn(line);
  }
}

function failure(endpoint: PolyvEndpoint, envelope: PolyvEnvelope, httpStatus: number): AuthError | ProviderError {
  const desc = failureText(envelope);
  const code = envelope.error?.code ?? (typeof envelope.code === 'number' ? envelope.code : undefined);
  const detail: ProviderDetail = {
    provider: PROVIDER,
    endpoint: endpoint.name,
    code: code ?? undefined,
    providerMessage: desc ?? envelope.status ?? undefined,
    requestId: envelope.requestId,
    httpStatus,
  };
  const where = `${PROVIDER} ${endpoint.name}`;
  switch (classifyFailure(desc)) {
    case 'auth':
      return new AuthError(`${where} refused the credentials`, detail, { hint: AUTH_HINT });
    case 'timestamp':
      return new ProviderError(`${where} rejected the timestamp twice`, detail, { hint: CLOCK_HINT });
    case 'bad-channel':
      return new ProviderError(`${where} refused the channel id`, detail, {
        hint: 'Check the --channel value: it must be a channel of this Polyv account (polyv.appId).',
      });
    default:
      return new ProviderError(`${where} answered with an error`, detail);
  }
}
