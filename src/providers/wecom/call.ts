// One authenticated WeCom call that answers a JSON object: the run's token, "busy" answers retried, a rejected
// token refreshed once (docs/providers.md §1.6), a non-zero errcode turned into its error. Validating the success
// body is the caller's.
import type { CliError } from '../../errors.js';
import type { HttpRequest, Pacer, RequestOptions } from '../../http/client.js';
import { parseResponse } from '../../http/validate.js';
import { busyRetry, isTokenRejected, wecomFailure, type Failing } from './errcodes.js';
import { envelopeSchema, PROVIDER } from './schemas.js';
import type { WecomApi } from './token.js';

export interface WecomCall {
  endpoint: string;
  /** What the call was about, for the message of an error (e.g. "get_living_info (living lv_1)"). */
  subject: string;
  build(accessToken: string): HttpRequest;
  /** For the error of a non-zero errcode. */
  failing: Failing;
  /** Overrides the error of one errcode (a more useful hint for this endpoint); undefined keeps the usual one. */
  failure?: (errcode: number, errmsg: string | undefined) => CliError | undefined;
  pacer?: Pacer | undefined;
  /** Sees each raw success body before it is parsed (get_watch_stat's next-page lookahead). */
  onBody?: RequestOptions['onBody'];
  /** Hears of each 45033 answer (too many calls of this API at once), retried or not. */
  onConcurrencyLimited?: (() => void) | undefined;
}

/** The raw body of a success answer (errcode 0), not yet validated beyond its envelope. */
export async function callWecom(api: WecomApi, call: WecomCall): Promise<unknown> {
  const where = { provider: PROVIDER, endpoint: call.subject };
  const retryOn = busyRetry(api.session.http.retries, call.onConcurrencyLimited);
  let token = await api.tokens.get();
  let refreshed = false;
  for (;;) {
    const used = token;
    const response = await api.session.http.requestJson({
      provider: PROVIDER,
      endpoint: call.endpoint,
      build: () => call.build(used),
      retryOn,
      pacer: call.pacer,
      onBody: call.onBody,
    });
    const envelope = parseResponse(envelopeSchema, response.body, where);
    if (envelope.errcode === 0) {
      api.session.http.countPage();
      return response.body;
    }
    // WeCom: a token can be invalidated before expires_in (doc 91039): refresh once, retry this same call.
    if (!refreshed && isTokenRejected(envelope.errcode, call.endpoint)) {
      refreshed = true;
      token = await api.tokens.refresh(used, envelope.errcode);
      continue;
    }
    throw call.failure?.(envelope.errcode, envelope.errmsg) ?? wecomFailure(envelope.errcode, envelope.errmsg, call.failing, refreshed);
  }
}
