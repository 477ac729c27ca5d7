// wecomFailure's words for the errcodes whose hint depends on the answer: the caller IP of 60020, the living
// of 92008, and the fixed retry cap of -1.
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../../src/errors.js';
import { callerIp, wecomFailure } from '../../../src/providers/wecom/errcodes.js';

describe('callerIp', () => {
  it('reads the address after "from ip:", IPv4 or IPv6, and nothing when it is absent', () => {
    expect(callerIp('not allow to access from your ip, hint: [1_d2], from ip: 203.0.113.7, more info at https://x')).toBe('203.0.113.7');
    expect(callerIp('not allow to access from your ip, from ip: 2001:db8::1, more info')).toBe('2001:db8::1');
    expect(callerIp('not allow to access from your ip')).toBeUndefined();
    expect(callerIp(undefined)).toBeUndefined();
  });
});

describe('wecomFailure', () => {
  it('60020 without an IP in errmsg still exits 4 and asks for this machine\'s IP', () => {
    const error = wecomFailure(60020, 'not allow to access from your ip', { endpoint: 'get_watch_stat', livingid: 'lv_9' });
    expect(error.exitCode).toBe(ExitCode.auth);
    expect(error.hint).toContain("add this machine's public IP to the app's trusted IPs (企业可信IP)");
  });

  it('92008 stays exit 5 and its hint names the living', () => {
    const error = wecomFailure(92008, 'no permission to operate this living', { endpoint: 'get_watch_stat', livingid: 'lv_9' });
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.hint).toMatch(/^An app sees only the livings it created, and living lv_9 was not created/);
  });

  it('-1 names the cap of 3 and does not suggest --retries; 45009 does', () => {
    const busy = wecomFailure(-1, 'system busy', { endpoint: 'get_watch_stat', livingid: 'lv_9' });
    expect(busy.hint).toContain('at most 3 retries');
    expect(busy.hint).not.toMatch(/raise --retries/);
    expect(wecomFailure(45009, 'api freq out of limit', { endpoint: 'get_watch_stat' }).hint).toMatch(/raise --retries/);
  });
});
