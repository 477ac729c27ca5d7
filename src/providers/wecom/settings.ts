// The WeCom settings livestats stores and reads: corp ID, the living app's secret and the API base URL.
// How they are resolved (option, environment, profile, default) is src/config/'s job.
import { checkBaseUrl, nonEmpty, type SettingSpec } from '../../config/spec.js';

export const WECOM_SETTINGS: readonly SettingSpec[] = [
  { key: 'wecom.corpId', env: 'LIVESTATS_WECOM_CORP_ID', provider: 'wecom', description: 'WeCom corp ID (企业ID)', secret: false, check: nonEmpty },
  { key: 'wecom.corpSecret', env: 'LIVESTATS_WECOM_CORP_SECRET', provider: 'wecom', description: 'secret of the app allowed to call the living APIs', secret: true, check: nonEmpty },
  { key: 'wecom.baseUrl', env: 'LIVESTATS_WECOM_BASE_URL', provider: 'wecom', description: 'WeCom API base URL', secret: false, default: 'https://qyapi.weixin.qq.com', check: checkBaseUrl },
];
