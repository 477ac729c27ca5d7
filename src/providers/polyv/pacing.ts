// How hard livestats may press Polyv: the run's shared rate limiter, the default number of pages in flight,
// and which answers are worth another attempt (and after how long). Turning failures into errors is api.ts's job.
import type { Context } from '../../context.js';
import type { JsonResponse, Pacer, RetryVerdict } from '../../http/client.js';
import { throttlePacer } from '../../http/throttle.js';
import { classifyFailure, envelopeSchema, failureText } from './schemas.js';

// Polyv: at most 1500 requests per 10 s per client IP across all of api.polyv.net, and going over blocks the
// IP for 5 minutes (polyv-java-sdk docs/live/limit.md, docs/providers.md §3.4). 1400 keeps about 7% in hand for
// the drift between our window and Polyv's and for other tools on the same IP; hitting the block costs far more.
export const RATE_LIMIT = { limit: 1400, windowMs: 10_000 } as const;

/** Pages in flight per channel unless --concurrency says otherwise; enough to hide latency, far below the limit. */
export const DEFAULT_CONCURRENCY = 4;

// Polyv: `qps exceeds number of calls` means the IP is blocked for 5 minutes; retrying sooner only fails
// again, so wait the block out plus a little for the two clocks to disagree.
export const QPS_BLOCK_WAIT_MS = 5 * 60_000 + 5_000;

export function createPolyvLimiter(ctx: Pick<Context, 'signal'>): Pacer {
  return throttlePacer({ limit: RATE_LIMIT.limit, intervalMs: RATE_LIMIT.windowMs, signal: ctx.signal });
}

/**
 * Retries for Polyv answers the client has accepted (any 4xx/5xx carries Polyv's JSON): the rate-limit block,
 * `undefined error`, 429 and any 5xx. The reason names Polyv's message and request id, because it becomes the
 * error text once the retries run out.
 */
export function retryVerdict(response: JsonResponse, warn: (line: string) => void): RetryVerdict | undefined {
  const parsed = envelopeSchema.safeParse(response.body);
  const envelope = parsed.success ? parsed.data : undefined;
  const desc = envelope ? failureText(envelope) : undefined;
  const failure = classifyFailure(desc);
  const said = desc ? JSON.stringify(desc) : `HTTP ${response.status}`;
  const reason = envelope?.requestId ? `${said}, request id ${envelope.requestId}` : said;
  if (failure === 'rate-limit') {
    warn(`Polyv says ${said}: it blocks this IP for 5 minutes; waiting ${QPS_BLOCK_WAIT_MS / 1000} s before retrying.`);
    return { retry: true, reason, delayMs: QPS_BLOCK_WAIT_MS };
  }
  const credentialOrArgument = failure === 'auth' || failure === 'bad-channel' || failure === 'timestamp';
  if (failure === 'transient' || response.status === 429 || (response.status >= 500 && !credentialOrArgument)) {
    return { retry: true, reason };
  }
  return undefined;
}
