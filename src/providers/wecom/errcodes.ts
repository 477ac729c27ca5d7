// What a WeCom errcode means for livestats: wait and retry, refresh the token once, or fail with which exit
// code and hint (docs/providers.md §1.4). Token refreshing itself is token.ts's job; the walk is watch-stat.ts's.
import { AuthError, ProviderError, type CliError, type ProviderDetail } from '../../errors.js';
import type { JsonResponse, RetryVerdict } from '../../http/client.js';
import { GETTOKEN, MAX_BUSY_RETRIES, PROVIDER, RATE_LIMIT_WAIT_MS, WecomCode } from './schemas.js';

/** What the failing call was about, for the message. */
export interface Failing {
  endpoint: string;
  livingid?: string | undefined;
}

/** The errcode of a raw body, without validating the rest (retry decisions come before validation). */
function peekErrcode(body: unknown): number | undefined {
  const code = (body as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' ? code : undefined;
}

/**
 * Retries WeCom's "busy" answers inside the client's budget, so that when the budget runs out the answer
 * comes back and is reported with its errcode and the living instead of a generic "still failing".
 * `onConcurrencyLimited` hears of each 45033, so that a caller with calls in parallel can send fewer.
 */
export function busyRetry(budget: number, onConcurrencyLimited?: () => void): (response: JsonResponse) => RetryVerdict | undefined {
  return (response) => {
    const code = peekErrcode(response.body);
    const attempt = response.attempts;
    if (code === WecomCode.busy && attempt <= Math.min(budget, MAX_BUSY_RETRIES)) {
      return { retry: true, reason: 'errcode -1 (system busy)' };
    }
    if (code === WecomCode.rateLimited && attempt <= budget) {
      return { retry: true, reason: 'errcode 45009 (frequency limit)', delayMs: RATE_LIMIT_WAIT_MS };
    }
    if (code === WecomCode.concurrencyLimited) {
      onConcurrencyLimited?.();
      if (attempt <= budget) return { retry: true, reason: 'errcode 45033 (concurrency limit)' };
    }
    return undefined;
  };
}

/** A token that get_watch_stat rejected: drop it, fetch a new one and retry once (docs/providers.md §1.6). */
export function isTokenRejected(code: number, endpoint: string): boolean {
  if (code === WecomCode.invalidToken || code === WecomCode.tokenExpired) return true;
  // WeCom: 40001 on gettoken is a bad secret, never retried; elsewhere SDKs refresh the token once.
  return code === WecomCode.invalidSecret && endpoint !== GETTOKEN;
}

/** WeCom: errmsg ends with "…, from ip: 203.0.113.7, more info at …"; the address the request came from. */
export function callerIp(errmsg: string | undefined): string | undefined {
  return /from ip:\s*([0-9A-Fa-f.:]+[0-9A-Fa-f])/.exec(errmsg ?? '')?.[1];
}

const CHECK_CREDENTIALS =
  'Check wecom.corpId and wecom.corpSecret (the secret of the app allowed to call the living APIs) with `livestats config get`.';

/** The error for a non-zero errcode that is not (or no longer) retried. */
export function wecomFailure(code: number, errmsg: string | undefined, failing: Failing, afterRefresh = false): CliError {
  const detail: ProviderDetail = { provider: PROVIDER, endpoint: failing.endpoint, code, providerMessage: errmsg };
  const subject = `${PROVIDER} ${failing.endpoint}${failing.livingid === undefined ? '' : ` for living ${failing.livingid}`}`;
  if (failing.endpoint === GETTOKEN && (code === WecomCode.invalidSecret || code === WecomCode.invalidCorpId)) {
    return new AuthError(`${subject} rejected the corp ID or secret`, detail, {
      hint: `${CHECK_CREDENTIALS} livestats does not retry this: WeCom blocks an IP after repeated bad secrets.`,
    });
  }
  if (isTokenRejected(code, failing.endpoint) || code === WecomCode.invalidCorpId) {
    return new AuthError(`${subject} rejected the access token${afterRefresh ? ' again after a refresh' : ''}`, detail, {
      hint: CHECK_CREDENTIALS,
    });
  }
  switch (code) {
    case WecomCode.noPermission:
      return new AuthError(`${subject}: the app may not call this API`, detail, {
        hint: 'In the WeCom admin console add the app to 上课直播/直播 → 可调用接口的应用 (or grant it the 直播 permission).',
      });
    case WecomCode.untrustedIp: {
      const ip = callerIp(errmsg);
      const address = ip ?? "this machine's public IP";
      return new AuthError(`${subject}: ${ip === undefined ? "this machine's IP" : `the IP ${ip}`} is not among the app's trusted IPs`, detail, {
        hint: `In the WeCom admin console add ${address} to the app's trusted IPs (企业可信IP); a new entry takes about a minute to apply.`,
      });
    }
    case WecomCode.livingNotPermitted: {
      const living = failing.livingid === undefined ? 'this living' : `living ${failing.livingid}`;
      return new ProviderError(`${subject}: the app may not read this living`, detail, {
        hint: `An app sees only the livings it created, and ${living} was not created by the app whose secret is configured; use the secret (wecom.corpSecret) of the app that created it.`,
      });
    }
    case WecomCode.busy:
      return new ProviderError(`${subject} is still busy after retries`, detail, {
        hint: `WeCom allows at most ${MAX_BUSY_RETRIES} retries of "system busy" (-1), so livestats stops there whatever --retries says; try again in a few minutes.`,
      });
    case WecomCode.rateLimited:
    case WecomCode.concurrencyLimited:
      return new ProviderError(`${subject} is still throttled after retries`, detail, {
        hint: 'Try again later; raise --retries to wait longer.',
      });
    case WecomCode.missingToken:
      return new ProviderError(`${subject} did not receive the access token`, detail, {
        hint: 'This is a bug in livestats; run again with --verbose and report the output.',
      });
    default:
      return new ProviderError(`${subject} failed`, detail, {
        hint: 'Check the living id and the errmsg above (WeCom explains each errcode at developer.work.weixin.qq.com/document/path/90313).',
      });
  }
}
