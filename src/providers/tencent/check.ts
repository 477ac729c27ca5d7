// `livestats doctor` for Tencent: one harmless signed call whose answer shows whether the UserSig was accepted.
// A business refusal (no such room, bad parameter) still proves the signature; a 700xx answer does not (exit 4).
import type { ProviderSession } from '../../session/provider-session.js';
import { ProviderError } from '../../errors.js';
import { TencentApi } from './api.js';
import { BAD_PARAMETER, GIFT_COUNT_COMMAND, GIFT_COUNT_ENDPOINT, PROVIDER, ROOM_NOT_FOUND } from './schemas.js';

/** A room id no one creates, so the call reads nothing real; only the signature check matters. */
export const PROBE_ROOM = 'livestats-doctor-probe';

/** Codes that come after the signature was verified (the request reached the live service). */
const SIGNATURE_ACCEPTED = new Set([0, ROOM_NOT_FOUND, BAD_PARAMETER]);

export async function checkTencent(session: ProviderSession): Promise<string> {
  const api = TencentApi.open(session);
  const { sdkAppId, identifier, baseUrl } = api.settings;
  const { envelope, detail } = await api.call(
    GIFT_COUNT_COMMAND,
    { RoomId: PROBE_ROOM, From_Account: identifier },
    { subject: `the probe room ${JSON.stringify(PROBE_ROOM)}` },
  );
  const host = new URL(baseUrl).host;
  if (SIGNATURE_ACCEPTED.has(envelope.ErrorCode)) {
    return `SDKAppID ${sdkAppId} as ${identifier} on ${host}: UserSig accepted`;
  }
  throw new ProviderError(
    `${PROVIDER} ${GIFT_COUNT_ENDPOINT} answered the check with an unexpected error`,
    detail,
    { hint: `The UserSig may be fine, but ${host} refused the call; run with --verbose for details.` },
  );
}
