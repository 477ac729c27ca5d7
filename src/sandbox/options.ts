// The sandbox's knobs, their defaults and their checks. Bad knob values are programming errors of the
// caller (tests, benchmarks, the sandbox command), so they throw RangeError; the command validates user input.
import { checkFaultRules, type FaultRule } from './faults.js';
import { MIN_ROOM_COUNT, ROOM_COUNT } from './tencent-rooms-data.js';

export type LiveCountCase = 'alternate' | 'camel' | 'snake';

export interface SandboxOptions {
  /** Port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number;
  /** Added before every answer, in milliseconds (real time). */
  latencyMs?: number;
  /** Share (0–1) of data requests answered with a retryable failure (HTTP 503 or the provider's "busy"), seeded. */
  failRate?: number;
  /** Seed of the failRate dice; the same seed fails the same request numbers. */
  seed?: number;
  /** Deterministic faults on chosen data requests; see faults.ts for the kinds and where they apply. */
  faults?: readonly FaultRule[];
  /** Lifetime of WeCom access tokens (`expires_in`). Default 7200. */
  tokenTtlSeconds?: number;
  /** Tencent requests per SDKAppID in any 1-second window before ErrorCode 60018. Default 200. */
  tencentRateLimit?: number;
  /** Tencent live rooms that get_room_list pages through. Default 47; at least 45 (the rooms the README names). */
  tencentRoomCount?: number;
  /** Polyv requests in any `polyvRateWindowMs` before "qps exceeds number of calls". Default 1500. */
  polyvRateLimit?: number;
  /** Default 10000. */
  polyvRateWindowMs?: number;
  /** get_user_all_livingid and get_living_info calls each in any 1-second window before errcode 45009. Default 200. */
  wecomLivingRateLimit?: number;
  /** WeCom viewers per get_watch_stat page. Default 1000. */
  wecomPageSize?: number;
  /** LiveCount field spelling: by room id parity (even camelCase, odd snake_case), or always one. Default 'alternate'. */
  livecountCase?: LiveCountCase;
  /** The sandbox's clock in epoch milliseconds (token expiry, UserSig expiry, Polyv timestamps, rate windows). */
  now?: () => number;
}

export type ResolvedOptions = Required<Omit<SandboxOptions, 'faults'>> & { faults: readonly FaultRule[] };

function check(name: string, value: number, min: number, max: number, integer = true): number {
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new RangeError(`sandbox option ${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${value}`);
  }
  return value;
}

export function resolveOptions(options: SandboxOptions): ResolvedOptions {
  const faults = options.faults ?? [];
  checkFaultRules(faults);
  const livecountCase = options.livecountCase ?? 'alternate';
  if (!['alternate', 'camel', 'snake'].includes(livecountCase)) {
    throw new RangeError(`sandbox option livecountCase must be alternate, camel or snake, got ${String(livecountCase)}`);
  }
  return {
    port: check('port', options.port ?? 0, 0, 65535),
    latencyMs: check('latencyMs', options.latencyMs ?? 0, 0, 600_000),
    failRate: check('failRate', options.failRate ?? 0, 0, 1, false),
    seed: check('seed', options.seed ?? 1, 0, 0xffffffff),
    faults,
    tokenTtlSeconds: check('tokenTtlSeconds', options.tokenTtlSeconds ?? 7200, 1, 86_400 * 365),
    tencentRateLimit: check('tencentRateLimit', options.tencentRateLimit ?? 200, 1, 1_000_000),
    tencentRoomCount: check('tencentRoomCount', options.tencentRoomCount ?? ROOM_COUNT, MIN_ROOM_COUNT, 100_000),
    polyvRateLimit: check('polyvRateLimit', options.polyvRateLimit ?? 1500, 1, 1_000_000),
    polyvRateWindowMs: check('polyvRateWindowMs', options.polyvRateWindowMs ?? 10_000, 1, 3_600_000),
    wecomLivingRateLimit: check('wecomLivingRateLimit', options.wecomLivingRateLimit ?? 200, 1, 1_000_000),
    wecomPageSize: check('wecomPageSize', options.wecomPageSize ?? 1000, 1, 100_000),
    livecountCase,
    now: options.now ?? Date.now,
  };
}
