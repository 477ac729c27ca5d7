// The settings that belong to no provider: `tz`, the default time zone of a profile (an IANA name).
// Where it sits in the precedence of time zones is src/cli/global-options.ts's business.
import { bad, ok, type Checked, type SettingSpec } from './spec.js';

function checkZone(raw: string): Checked {
  const zone = raw.trim();
  try {
    return ok(new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone);
  } catch {
    return bad('must be an IANA time zone such as Asia/Shanghai or UTC');
  }
}

export const GENERAL_SETTINGS: readonly SettingSpec[] = [
  { key: 'tz', env: 'LIVESTATS_TZ', description: 'default IANA time zone for timestamps', secret: false, check: checkZone },
];
