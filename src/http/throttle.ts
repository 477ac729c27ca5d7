// A provider's rate limit as a Pacer: p-throttle's strict (sliding-window) mode, so a run fills each window at
// once and never starts more than `limit` requests in any `intervalMs`. Retries and interrupts are the client's.
import pThrottle from 'p-throttle';
import type { Pacer } from './client.js';

export interface ThrottleOptions {
  limit: number;
  intervalMs: number;
  /** The run's interrupt: waiting starts are rejected at once (the client turns that into InterruptedError). */
  signal?: AbortSignal | undefined;
}

export function throttlePacer({ limit, intervalMs, signal }: ThrottleOptions): Pacer {
  if (!(limit >= 1)) throw new RangeError('rate limit must be at least 1');
  const start = pThrottle({ limit, interval: intervalMs, strict: true, signal })(() => undefined);
  return {
    async acquire() {
      await start();
    },
  };
}
