// `livestats doctor` for Polyv: one signed call that reads nothing of interest, to prove appId and appSecret.
// An `illegal channel id` answer for the probe counts as a pass: it assumes Polyv checks the sign before the
// channel [UNCONFIRMED], which its error examples suggest (a bad sign is answered `invalid signature.`).
import type { ProviderSession } from '../../session/provider-session.js';
import { ProviderError } from '../../errors.js';
import { PolyvApi, RED_PACK_STATS } from './api.js';
import { classifyFailure, redPackPageBodySchema } from './schemas.js';

/** A channel id no account owns; Polyv answers it with `illegal channel id` once the sign is good. */
export const PROBE_CHANNEL_ID = '0';

export async function checkPolyv(session: ProviderSession): Promise<string> {
  const api = PolyvApi.open(session);
  const params = { channelId: PROBE_CHANNEL_ID, pageNumber: 1, pageSize: 1 };
  const accepted = `appId ${api.appId}: signed request accepted (${api.baseUrl})`;
  try {
    await api.get(RED_PACK_STATS, params, redPackPageBodySchema);
    return accepted;
  } catch (error) {
    // `invalid signature.` and `application not found.` are AuthErrors and pass through, as does anything else.
    if (error instanceof ProviderError && classifyFailure(error.detail.providerMessage) === 'bad-channel') return accepted;
    throw error;
  }
}
