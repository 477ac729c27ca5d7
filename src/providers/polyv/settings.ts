// The Polyv settings livestats stores and reads: appId, appSecret (signs requests, never sent) and the base URL.
// How they are resolved (option, environment, profile, default) is src/config/'s job.
import { checkBaseUrl, nonEmpty, type SettingSpec } from '../../config/spec.js';

export const POLYV_SETTINGS: readonly SettingSpec[] = [
  { key: 'polyv.appId', env: 'LIVESTATS_POLYV_APP_ID', provider: 'polyv', description: 'Polyv appId', secret: false, check: nonEmpty },
  { key: 'polyv.appSecret', env: 'LIVESTATS_POLYV_APP_SECRET', provider: 'polyv', description: 'Polyv appSecret (signs requests; never sent)', secret: true, check: nonEmpty },
  { key: 'polyv.baseUrl', env: 'LIVESTATS_POLYV_BASE_URL', provider: 'polyv', description: 'Polyv API base URL', secret: false, default: 'https://api.polyv.net', check: checkBaseUrl },
];
