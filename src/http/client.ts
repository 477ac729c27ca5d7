// The one HTTP client: keep-alive agent, per-request timeout, retries (p-retry) with backoff for network errors,
// timeouts, 5xx and 429 (POST included), plus provider-declared retryable answers; verbose logging, redacted.
// It knows nothing about any provider's envelope: providers classify bodies through `retryOn` and their own code.
import pRetry from 'p-retry';
import { Agent, type Dispatcher } from 'undici';
import { AuthError, InterruptedError, NetworkError, ProviderError } from '../errors.js';
import { backoffDelay, DEFAULT_BACKOFF, parseRetryAfter } from './backoff.js';
import { bodyText, exchange, type RawResponse } from './exchange.js';
import type { Redactor } from './redact.js';

export type HttpMethod = 'GET' | 'POST';

export interface HttpRequest {
  method: HttpMethod;
  url: URL | string;
  headers?: Record<string, string>;
  /** Serialised as JSON with content-type application/json. */
  json?: unknown;
}

export interface JsonResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** Attempts used, 1 when the first one succeeded. */
  attempts: number;
}

export type RetryVerdict = { retry: true; reason: string; delayMs?: number | undefined } | { retry: false };

/** Anything that paces requests (a provider's rate limiter). Called before every attempt, retries included. */
export interface Pacer {
  acquire(signal?: AbortSignal): Promise<void>;
  /**
   * Like acquire, but the start is counted from when the request really leaves (a first request may wait for
   * its connection); the client reports that moment, or that nothing left, through the slot. Optional: a
   * pacer without it counts from acquire.
   */
  acquireSlot?(signal?: AbortSignal): Promise<PacerSlot>;
}

/** One start granted by acquireSlot. */
export interface PacerSlot {
  /** The request has been handed to a connected socket: the start counts from now. */
  sent(): void;
  /** The attempt is over (always called, once); if nothing was sent, the start is given back. */
  release(): void;
}

export interface RequestOptions {
  /** Provider name for errors and logs, e.g. "WeCom". */
  provider: string;
  /** Endpoint name for errors and logs, e.g. "get_watch_stat". */
  endpoint: string;
  /** Builds the request; called again for every attempt so timestamps and signatures are fresh. */
  build: () => HttpRequest | Promise<HttpRequest>;
  /** The provider's own retryable answers inside a parsed body (e.g. "system busy" in an HTTP 200). */
  retryOn?: (response: JsonResponse) => RetryVerdict | undefined;
  /**
   * Statuses outside 2xx whose JSON body the provider classifies itself (Polyv answers with HTTP status = code).
   * Without it, 401/403 are auth errors and other 4xx are provider errors.
   */
  acceptStatus?: (status: number) => boolean;
  /** Overrides the client's retry budget for this request (e.g. 0 for WeCom gettoken on a bad secret). */
  retries?: number;
  /**
   * Sees each 2xx body, undecoded, before it is parsed: a paginator can read the next cursor from it and send
   * the next request while this one is parsed. The attempt waits for a returned promise before parsing.
   */
  onBody?: (body: Buffer) => Promise<void> | void;
  pacer?: Pacer | undefined;
}

export interface HttpClientOptions {
  timeoutMs: number;
  retries: number;
  redactor: Redactor;
  /** Receives one line per event when --verbose is on; already redacted. */
  log?: ((line: string) => void) | undefined;
  /** A MockAgent in unit tests; a keep-alive Agent is made otherwise. */
  dispatcher?: Dispatcher | undefined;
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  random?: (() => number) | undefined;
  now?: (() => number) | undefined;
  /** Aborted on SIGINT: in-flight requests stop and no retry starts. */
  signal?: AbortSignal | undefined;
  userAgent?: string | undefined;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new InterruptedError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new InterruptedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** An attempt's answer, or a failure worth another attempt with what to throw once the budget is spent. */
type AttemptOutcome =
  | { kind: 'done'; response: JsonResponse }
  | { kind: 'retry'; reason: string; delayMs?: number | undefined; final: Error };

/** Thrown out of an attempt so that p-retry tries again; every other error ends the request at once. */
class Retryable extends Error {
  constructor(readonly outcome: Extract<AttemptOutcome, { kind: 'retry' }>) {
    super(outcome.reason);
  }
}

export interface RequestStats {
  requests: number;
  retries: number;
  pages: number;
  openedAt: number;
}

export class HttpClient {
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  /** Attempts in flight: one listener on the interrupt signal aborts them all (not one listener each). */
  private readonly inFlight = new Set<AbortController>();
  /**
   * For the closing `done` log line: attempts sent (retries and tokens included), retries made, pages (answers a
   * provider accepted as data, counted by countPage) and when this client, the run's session, was opened.
   */
  readonly stats: RequestStats;

  constructor(private readonly options: HttpClientOptions) {
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher =
      options.dispatcher ??
      new Agent({
        keepAliveTimeout: 10_000,
        // A connection per request in flight: --concurrency and the providers' rate limits set how many
        // that is; this only stops a mistake from opening thousands.
        connections: 256,
        connect: { timeout: options.timeoutMs },
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
    this.sleep = options.sleep ?? abortableSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.stats = { requests: 0, retries: 0, pages: 0, openedAt: this.now() };
    options.signal?.addEventListener(
      'abort',
      () => {
        for (const controller of this.inFlight) controller.abort();
      },
      { once: true },
    );
  }

  get retries(): number {
    return this.options.retries;
  }

  get redactor(): Redactor {
    return this.options.redactor;
  }

  /** A provider took an answer as data (a list page, one account's counts; never a token): one page for `done`. */
  countPage(): void {
    this.stats.pages++;
  }

  /** Logs a line when --verbose is on, secrets removed. */
  log(line: string): void {
    this.options.log?.(this.options.redactor.text(line));
  }

  async requestJson(options: RequestOptions): Promise<JsonResponse> {
    const budget = options.retries ?? this.options.retries;
    const run = async (attempt: number): Promise<JsonResponse> => {
      this.throwIfInterrupted();
      let slot: PacerSlot | undefined;
      if (options.pacer?.acquireSlot) slot = releasedOnce(await options.pacer.acquireSlot(this.options.signal));
      else await options.pacer?.acquire(this.options.signal);
      let outcome: AttemptOutcome;
      try {
        this.throwIfInterrupted();
        outcome = await this.attempt(options, attempt, slot);
      } finally {
        // Already done after a completed exchange; this covers a build() that failed or an interrupt.
        slot?.release();
      }
      if (outcome.kind === 'done') return outcome.response;
      throw new Retryable(outcome);
    };
    try {
      return await pRetry(run, {
        retries: budget,
        // The waits are the client's own (backoff, Retry-After, a provider's verdict), on its interruptible sleep.
        minTimeout: 0,
        shouldRetry: ({ error }) => error instanceof Retryable,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (!(error instanceof Retryable) || retriesLeft === 0) return;
          const { reason, delayMs } = error.outcome;
          const delay = delayMs ?? backoffDelay(attemptNumber, { ...DEFAULT_BACKOFF, random: this.random });
          this.stats.retries++;
          if (this.options.log) this.log(`retry ${attemptNumber}/${budget} ${options.provider} ${options.endpoint} in ${delay} ms: ${reason}`);
          await this.sleep(delay, this.options.signal);
          this.throwIfInterrupted();
        },
      });
    } catch (error) {
      // A pacer's wait cut short by the interrupt rejects with the signal's own reason.
      this.throwIfInterrupted();
      throw error instanceof Retryable ? error.outcome.final : error;
    }
  }

  /**
   * Ends the run's connections. Every request has been answered (or abandoned) by now, so sockets are cut
   * rather than closed gracefully: waiting for each server to acknowledge the close only delays the exit.
   */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.destroy();
  }

  private throwIfInterrupted(): void {
    if (this.options.signal?.aborted) throw new InterruptedError();
  }

  private async attempt(options: RequestOptions, attempt: number, slot: PacerSlot | undefined): Promise<AttemptOutcome> {
    const req = await options.build();
    // build() may have refreshed a token; an interrupt meanwhile must not let the request go out.
    this.throwIfInterrupted();
    const url = typeof req.url === 'string' ? req.url : req.url.toString();
    const where = `${options.provider} ${options.endpoint}`;
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (this.options.userAgent) headers['user-agent'] = this.options.userAgent;
    let body: string | undefined;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json; charset=utf-8';
    }
    this.stats.requests++;
    if (this.options.log) this.log(`→ ${req.method} ${url}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
    const started = this.now();

    const abandon = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abandon.abort();
    }, this.options.timeoutMs);
    this.inFlight.add(abandon);
    let raw: RawResponse;
    try {
      const { timeoutMs } = this.options;
      raw = await exchange(
        this.dispatcher,
        { method: req.method, url, headers, body, headersTimeout: timeoutMs, bodyTimeout: timeoutMs },
        abandon.signal,
        slot && (() => slot.sent()),
      );
    } catch (error) {
      this.throwIfInterrupted();
      const late = timedOut || isTimeoutError(error);
      const reason = late ? `timed out after ${this.options.timeoutMs} ms` : describeNetworkError(error);
      if (this.options.log) this.log(`✗ ${where}: ${reason}`);
      return {
        kind: 'retry',
        reason,
        final: new NetworkError(`${where}: ${this.options.redactor.text(reason)}`, {
          detail: { provider: options.provider, endpoint: options.endpoint },
          hint: late
            ? 'The provider did not answer in time; raise --timeout or try again later.'
            : 'Check the network and the base URL, then try again.',
        }),
      };
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(abandon);
      // The exchange is over: the pacer dates this start before the body is parsed.
      slot?.release();
    }
    if (this.options.log) this.log(`← ${raw.status} ${where} in ${this.now() - started} ms`);
    if (options.onBody && raw.status >= 200 && raw.status < 300) await options.onBody(raw.body);
    return this.interpret(options, { ...raw, attempt });
  }

  private interpret(
    options: RequestOptions,
    raw: { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; attempt: number },
  ): AttemptOutcome {
    const where = `${options.provider} ${options.endpoint}`;
    const detail = { provider: options.provider, endpoint: options.endpoint, httpStatus: raw.status };
    const retryAfter = parseRetryAfter(raw.headers['retry-after'], this.now());
    const accepted = raw.status >= 200 && raw.status < 300 ? true : (options.acceptStatus?.(raw.status) ?? false);

    let body: unknown;
    let parsed = false;
    try {
      body = JSON.parse(bodyText(raw.body));
      parsed = true;
    } catch {
      parsed = false;
    }

    if (parsed && accepted) {
      const response: JsonResponse = { status: raw.status, headers: raw.headers, body, attempts: raw.attempt };
      const verdict = options.retryOn?.(response);
      if (verdict?.retry) {
        return {
          kind: 'retry',
          reason: verdict.reason,
          delayMs: verdict.delayMs ?? retryAfter,
          final: new ProviderError(`${where} still failing after retries: ${verdict.reason}`, detail, {
            hint: 'The provider is busy or throttling; try again later or lower --concurrency.',
          }),
        };
      }
      return { kind: 'done', response };
    }

    if (raw.status >= 500 || raw.status === 429) {
      return {
        kind: 'retry',
        reason: `HTTP ${raw.status}`,
        delayMs: retryAfter,
        final: new ProviderError(`${where} failed`, detail, { hint: 'The provider is unavailable; try again later.' }),
      };
    }
    if (raw.status === 401 || raw.status === 403) {
      throw new AuthError(`${where} refused the credentials`, detail, {
        hint: 'Check the credentials with `livestats doctor`.',
      });
    }
    if (!accepted) throw new ProviderError(`${where} failed`, detail);
    // A 2xx (or accepted) answer that is not JSON: most likely cut off mid-transfer, so worth another try.
    return {
      kind: 'retry',
      reason: 'response body is not valid JSON',
      final: new ProviderError(`${where} answered with a body that is not valid JSON`, detail, {
        hint: 'The response was cut off or malformed; try again, or report it with --verbose output.',
      }),
    };
  }
}

/** The slot as the pacer expects it: release() once, whichever of the two places that end an attempt comes first. */
function releasedOnce(slot: PacerSlot): PacerSlot {
  let released = false;
  return {
    sent: () => slot.sent(),
    release: () => {
      if (released) return;
      released = true;
      slot.release();
    },
  };
}

function isTimeoutError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    (error as { name?: unknown } | null)?.name === 'TimeoutError'
  );
}

function describeNetworkError(error: unknown): string {
  const err = error as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } } | null;
  const code = err?.cause?.code ?? err?.code;
  const message = err?.cause?.message ?? err?.message ?? String(error);
  return code ? `${String(code)}: ${String(message)}` : String(message);
}
