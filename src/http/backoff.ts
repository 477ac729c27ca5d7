// Retry timing: exponential backoff with full jitter, and Retry-After parsing.
// Kept apart from the client so the timing rules can be tested without HTTP.

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  random: () => number;
}

export const DEFAULT_BACKOFF: Omit<BackoffOptions, 'random'> = { baseMs: 300, maxMs: 10_000 };

/** Delay before retry number `attempt` (1-based): a random point in [base·2^(n−1)/2, base·2^(n−1)], capped. */
export function backoffDelay(attempt: number, { baseMs, maxMs, random }: BackoffOptions): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  // Half fixed, half jitter: spreads concurrent retries without ever retrying immediately.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Upper bound for a server-requested wait, so a hostile Retry-After cannot park a cron job for hours. */
export const MAX_RETRY_AFTER_MS = 120_000;

/** Parses Retry-After (delta seconds or an HTTP date) into milliseconds from `nowMs`. */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === '') return undefined;
  const trimmed = raw.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(trimmed) * 1000));
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - nowMs));
}
