// LiveCount for one room: builds the POST from the settings, checks the envelope, yields the one row.
// Auth, paging, rate limits and error codes are all [UNCONFIRMED] (docs/providers.md §4): auth is whatever headers
// the deployment configures, there is no paging, and only network failures and 5xx are retried (client default).
import type { ProviderSession } from '../../session/provider-session.js';
import type { ProviderSettingsReader } from '../../config/resolve.js';
import { AuthError, ProviderError } from '../../errors.js';
import type { HttpRequest } from '../../http/client.js';
import { REDACTED } from '../../http/redact.js';
import { parseResponse } from '../../http/validate.js';
import * as z from '../../util/zod.js';
import { toLiveCountRow, type LiveCountRow } from './rows.js';
import { ENDPOINT_PATH, PROVIDER, isSuccess, liveCountEnvelope, liveCountResult, type LiveCountEnvelope } from './schemas.js';

export interface LiveCountQuery {
  roomId: number;
  leftSelect?: string | undefined;
  rightSelect?: string | undefined;
}

export interface LiveCountSettings {
  baseUrl: string;
  domain: string;
  /** Extra headers from livecount.headers; every value is secret. */
  headers: Record<string, string>;
}

// The endpoint is named by its path: messages read "LiveCount Invitation/Api/Actions/LiveCount …", not the name twice.
const WHERE = { provider: PROVIDER, endpoint: ENDPOINT_PATH };

const HEADERS_HINT =
  'LiveCount takes whatever auth headers the deployment expects: set them with `livestats config set livecount.headers` ' +
  '(a JSON object such as {"Authorization":"Bearer …"}, read from standard input when the value is left out), then run `livestats doctor livecount`.';

export function loadLiveCountSettings(settings: ProviderSettingsReader): LiveCountSettings {
  return {
    baseUrl: settings.require('livecount.baseUrl'),
    domain: settings.require('livecount.domain'),
    // checkHeaders has already normalised the value to a JSON object of strings.
    headers: JSON.parse(settings.get('livecount.headers') ?? '{}') as Record<string, string>,
  };
}

/** room_id is an integer per the seed; an absent or empty filter is left out rather than sent empty. */
export function buildLiveCountRequest(settings: LiveCountSettings, query: LiveCountQuery): HttpRequest {
  const json: Record<string, string | number> = { room_id: query.roomId };
  if (query.leftSelect) json.left_select = query.leftSelect;
  if (query.rightSelect) json.right_select = query.rightSelect;
  return { method: 'POST', url: `${settings.baseUrl}/${settings.domain}/${ENDPOINT_PATH}`, headers: { ...settings.headers }, json };
}

/** The request as --dry-run shows it: every configured header value hidden, however short. */
export function redactConfiguredHeaders(request: HttpRequest): HttpRequest {
  const headers = Object.fromEntries(Object.keys(request.headers ?? {}).map((name) => [name, REDACTED]));
  return { ...request, headers };
}

/** One call, returning the envelope whatever its errcode (doctor only needs to know it answered). */
export async function callLiveCount(session: Pick<ProviderSession, 'http'>, request: HttpRequest): Promise<LiveCountEnvelope> {
  const response = await session.http.requestJson({ ...WHERE, build: () => request }).catch((error: unknown) => {
    // HTTP 401/403: the only credentials LiveCount has are the configured headers, so the hint names that setting.
    const status = error instanceof AuthError ? error.detail.httpStatus : undefined;
    if (error instanceof AuthError && (status === 401 || status === 403)) {
      throw new AuthError(`${PROVIDER} ${ENDPOINT_PATH} refused the credentials`, error.detail, { hint: HEADERS_HINT, cause: error });
    }
    throw error;
  });
  return parseResponse(liveCountEnvelope, response.body, WHERE);
}

const resultBody = z.object({ result: liveCountResult });

export async function fetchLiveCount(
  session: Pick<ProviderSession, 'http'>,
  settings: LiveCountSettings,
  query: LiveCountQuery,
): Promise<LiveCountRow> {
  const envelope = await callLiveCount(session, buildLiveCountRequest(settings, query));
  const detail = { ...WHERE, code: envelope.errcode, providerMessage: envelope.errmsg, requestId: envelope.requestId };
  if (!isSuccess(envelope.errcode)) {
    throw new ProviderError(`LiveCount failed for room ${query.roomId}`, detail, {
      hint: 'LiveCount error codes are undocumented; check --room and the livecount.* settings (`livestats config list`).',
    });
  }
  const { result } = parseResponse(resultBody, { result: envelope.result }, { ...WHERE, requestId: envelope.requestId });
  session.http.countPage();
  return toLiveCountRow(query.roomId, result);
}

/** The export's row source: one room, one call, one row. */
export async function* liveCountRows(
  session: Pick<ProviderSession, 'http'>,
  settings: LiveCountSettings,
  query: LiveCountQuery,
): AsyncGenerator<LiveCountRow> {
  yield await fetchLiveCount(session, settings, query);
}
