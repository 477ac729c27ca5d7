// The sandbox's fixed, obviously fake credentials, and the LIVESTATS_* environment that points livestats
// at a running sandbox with them. The protocol modules check requests against these values.

export const SANDBOX_CREDENTIALS = {
  wecom: { corpId: 'ww-sandbox', corpSecret: 'sandbox-wecom-secret-not-real' },
  // 1400000000 is the placeholder SDKAppID of Tencent's own READMEs; no real app has it.
  tencent: { sdkAppId: 1400000000, secretKey: 'sandbox-tencent-key-not-real', identifier: 'administrator' },
  polyv: { appId: 'sandboxapp', appSecret: 'sandbox-polyv-secret-not-real' },
  livecount: { domain: 'sandbox', authHeader: 'x-sandbox-auth', authToken: 'sandbox-livecount-token-not-real' },
} as const;

/** Every setting livestats needs to talk to the sandbox at `url` (http://127.0.0.1:PORT). */
export function sandboxEnv(url: string): Record<string, string> {
  const c = SANDBOX_CREDENTIALS;
  return {
    LIVESTATS_WECOM_CORP_ID: c.wecom.corpId,
    LIVESTATS_WECOM_CORP_SECRET: c.wecom.corpSecret,
    LIVESTATS_WECOM_BASE_URL: url,
    LIVESTATS_TENCENT_SDKAPPID: String(c.tencent.sdkAppId),
    LIVESTATS_TENCENT_SECRET_KEY: c.tencent.secretKey,
    LIVESTATS_TENCENT_IDENTIFIER: c.tencent.identifier,
    LIVESTATS_TENCENT_BASE_URL: url,
    LIVESTATS_POLYV_APP_ID: c.polyv.appId,
    LIVESTATS_POLYV_APP_SECRET: c.polyv.appSecret,
    LIVESTATS_POLYV_BASE_URL: url,
    LIVESTATS_LIVECOUNT_BASE_URL: url,
    LIVESTATS_LIVECOUNT_DOMAIN: c.livecount.domain,
    LIVESTATS_LIVECOUNT_HEADERS: JSON.stringify({ 'X-Sandbox-Auth': c.livecount.authToken }),
  };
}
