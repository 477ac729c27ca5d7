// V8 settings for a run that talks to a provider, applied once, before the first request: they trade what a
// long-lived server would want for what a short command-line run needs, which includes a million-row export
// on a small cron box. Each is a V8 flag that V8 reads when it next needs it, so setting it at run time works.
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * The young generation (V8's new space) stops growing once it is this large. A page of rows is alive while it
 * is parsed and written, and V8 grows the young generation to 32 MiB as those pages keep surviving
 * collections. Measured on a 1M-row export (7 runs each): at 8 MiB peak RSS 81-85 MiB, 2.60 s; at 4 MiB
 * 77-78 MiB, 2.78 s; uncapped 125-148 MiB, ~2.45 s. 4 MiB keeps a million rows under 80 MiB.
 */
export const YOUNG_GENERATION_CAP_BYTES = 4 * 1024 * 1024;

/**
 * After a full collection the old generation may grow by this share of what survived before the next one (V8
 * picks up to 300 % on a machine with memory to spare). Page bodies that happen to be alive when the young
 * generation is collected move to the old one; with a small headroom they are freed every few megabytes.
 */
const OLD_GENERATION_HEADROOM_PERCENT = 20;

/** What the tuning reads and changes, replaceable in tests (a test must not retune its own process). */
export interface V8Controls {
  newSpaceBytes(): number;
  setFlags(flags: string): void;
}

const systemV8: V8Controls = {
  newSpaceBytes: () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0,
  setFlags: setFlagsFromString,
};

export class RuntimeTuning {
  private applied = false;
  private youngCapped = false;

  constructor(private readonly v8: V8Controls = systemV8) {}

  /** Idempotent; a no-op after the first call. */
  tuneForExports(): void {
    if (this.applied) return;
    this.applied = true;
    // undici parses HTTP with llhttp compiled to WebAssembly. V8 recompiles hot WebAssembly with its optimising
    // tier in the background, and the process waits for that work at exit: 40–90 ms of CPU for a parser whose
    // baseline code is fast enough for the few hundred responses of a run. Must be set before llhttp compiles.
    this.v8.setFlags('--liftoff-only');
    this.v8.setFlags(`--heap-growing-percent=${OLD_GENERATION_HEADROOM_PERCENT}`);
    this.capYoungGenerationOnceGrown();
  }

  /**
   * Called after each response: once the young generation has grown to the cap, it stops growing. V8 has no
   * run-time setting for its maximum size, only for the factor it grows by, and how large it is when a run
   * starts depends on the command; so the factor is set to 1 when the size is reached, not before. Some later
   * V8 versions raise a factor below 2 back to 2 (a minimum-value implication on the flag): there the cap
   * quietly does not apply and memory is what it would be without it; the flag itself exists in every V8 that
   * Node 20-24 ship, so setting it never prints V8's "unrecognized flag" error.
   */
  capYoungGenerationOnceGrown(): void {
    if (!this.applied || this.youngCapped || this.v8.newSpaceBytes() < YOUNG_GENERATION_CAP_BYTES) return;
    this.youngCapped = true;
    this.v8.setFlags('--semi-space-growth-factor=1');
  }
}

/** The process's one tuning, applied by the HTTP client of a real run (never by one on a test's MockAgent). */
export const runtimeTuning = new RuntimeTuning();
