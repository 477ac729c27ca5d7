// The Tencent settings of one run, read by precedence through the session: SDKAppID, secret key, admin
// identifier and the API base URL (tencent.baseUrl, else the region's domain). Checking values is keys.ts's job.
import { TENCENT_REGIONS, type TencentRegion } from '../../config/keys.js';
import type { ProviderSettingsReader } from '../../config/resolve.js';

export interface TencentSettings {
  sdkAppId: number;
  secretKey: string;
  identifier: string;
  region: TencentRegion;
  /** No trailing slash. */
  baseUrl: string;
}

/** The default host of a region; every region uses HTTPS (providers.md §2.1). */
export function regionBaseUrl(region: TencentRegion): string {
  return `https://${TENCENT_REGIONS[region]}`;
}

export function loadTencentSettings(settings: ProviderSettingsReader): TencentSettings {
  const sdkAppId = Number(settings.require('tencent.sdkAppId'));
  const secretKey = settings.require('tencent.secretKey');
  const identifier = settings.require('tencent.identifier');
  const region = settings.require('tencent.region') as TencentRegion;
  const baseUrl = settings.get('tencent.baseUrl') ?? regionBaseUrl(region);
  return { sdkAppId, secretKey, identifier, region, baseUrl: baseUrl.replace(/\/+$/, '') };
}
