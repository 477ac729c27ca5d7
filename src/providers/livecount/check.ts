// `livestats doctor` for LiveCount: one call for probe room 0, which changes nothing. Any JSON envelope with
// an errcode proves the URL, domain and headers were accepted, since what a non-zero code means is
// [UNCONFIRMED] (docs/providers.md §4); HTTP 401/403 become an AuthError in the HTTP client.
import type { ProviderSession } from '../../session/provider-session.js';
import { buildLiveCountRequest, callLiveCount, loadLiveCountSettings } from './live-count.js';
import { isSuccess } from './schemas.js';

const PROBE_ROOM = 0;

export async function checkLivecount(session: ProviderSession): Promise<string> {
  const settings = loadLiveCountSettings(session.settings);
  const envelope = await callLiveCount(session, buildLiveCountRequest(settings, { roomId: PROBE_ROOM }));
  const answer = isSuccess(envelope.errcode)
    ? 'errcode 0'
    : `errcode ${envelope.errcode}${envelope.errmsg ? ` (${envelope.errmsg})` : ''}`;
  return `${settings.domain} answered ${answer} for probe room ${PROBE_ROOM}`;
}
