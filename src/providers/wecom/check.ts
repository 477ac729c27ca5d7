// `livestats doctor` for WeCom: one real gettoken, bypassing the token cache so the secret is truly checked.
// Failures surface as the usual typed errors (ConfigError for a missing setting, AuthError for a bad secret).
import type { ProviderSession } from '../../session/provider-session.js';
import { loadWecomSettings } from './requests.js';
import { requestToken } from './token.js';

export async function checkWecom(session: ProviderSession): Promise<string> {
  const issued = await requestToken(session, loadWecomSettings(session));
  return `token issued, expires in ${issued.expiresInS} s`;
}
