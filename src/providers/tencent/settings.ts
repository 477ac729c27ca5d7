// The Tencent settings: what livestats stores and reads (SDKAppID, secret key, admin identifier, region, base URL),
// the region domains, and the typed settings of one run (tencent.baseUrl, else the region's domain).
// Resolution by precedence is src/config/'s job.
import { bad, checkBaseUrl, nonEmpty, ok, type Checked, type ProviderSettingsReader, type SettingSpec } from '../../config/spec.js';

export const TENCENT_REGIONS = {
  cn: 'console.tim.qq.com',
  sgp: 'adminapisgp.im.qcloud.com',
  kr: 'adminapikr.im.qcloud.com',
  jpn: 'adminapijpn.im.qcloud.com',
  ger: 'adminapiger.im.qcloud.com',
  usa: 'adminapiusa.im.qcloud.com',
  idn: 'adminapiidn.im.qcloud.com',
  // Tencent: Mumbai appears on some API pages but not the overview (docs/providers.md §2.1, probable).
  ind: 'adminapiind.im.qcloud.com',
} as const;
export type TencentRegion = keyof typeof TENCENT_REGIONS;

function checkSdkAppId(raw: string): Checked {
  const value = raw.trim();
  return /^[1-9]\d{0,11}$/.test(value) ? ok(value) : bad('must be the numeric SDKAppID, e.g. 1400000000');
}

function checkRegion(raw: string): Checked {
  const value = raw.trim().toLowerCase();
  return value in TENCENT_REGIONS ? ok(value) : bad(`must be one of ${Object.keys(TENCENT_REGIONS).join(', ')}`);
}

export const TENCENT_SETTINGS: readonly SettingSpec[] = [
  { key: 'tencent.sdkAppId', env: 'LIVESTATS_TENCENT_SDKAPPID', provider: 'tencent', description: 'Tencent Cloud Chat SDKAppID', secret: false, check: checkSdkAppId },
  { key: 'tencent.secretKey', env: 'LIVESTATS_TENCENT_SECRET_KEY', provider: 'tencent', description: 'Tencent Cloud Chat app secret key (signs UserSigs locally)', secret: true, check: nonEmpty },
  { key: 'tencent.identifier', env: 'LIVESTATS_TENCENT_IDENTIFIER', provider: 'tencent', description: 'app admin account', secret: false, default: 'administrator', check: nonEmpty },
  { key: 'tencent.region', env: 'LIVESTATS_TENCENT_REGION', provider: 'tencent', description: 'data centre region', secret: false, default: 'cn', check: checkRegion },
  { key: 'tencent.baseUrl', env: 'LIVESTATS_TENCENT_BASE_URL', provider: 'tencent', description: 'API base URL (default: derived from the region)', secret: false, check: checkBaseUrl },
];

export interface TencentSettings {
  sdkAppId: number;
  secretKey: string;
  identifier: string;
  region: TencentRegion;
  /** No trailing slash. */
  baseUrl: string;
}

/** The default host of a region; every region uses HTTPS (docs/providers.md §2.1). */
export function regionBaseUrl(region: TencentRegion): string {
  return `https://${TENCENT_REGIONS[region]}`;
}

/** The settings checked by TENCENT_SETTINGS, typed for one run. */
export function loadTencentSettings(settings: ProviderSettingsReader): TencentSettings {
  const sdkAppId = Number(settings.require('tencent.sdkAppId'));
  const secretKey = settings.require('tencent.secretKey');
  const identifier = settings.require('tencent.identifier');
  const region = settings.require('tencent.region') as TencentRegion;
  const baseUrl = settings.get('tencent.baseUrl') ?? regionBaseUrl(region);
  return { sdkAppId, secretKey, identifier, region, baseUrl: baseUrl.replace(/\/+$/, '') };
}
