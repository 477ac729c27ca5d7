// V8 settings for a run that talks to a provider, applied once, before the first request: they trade what a
// long-lived server would want for what a short command-line run needs.
import { setFlagsFromString } from 'node:v8';

let applied = false;

/** Idempotent; a no-op after the first call. */
export function tuneRuntimeForExports(): void {
  if (applied) return;
  applied = true;
  // undici parses HTTP with llhttp compiled to WebAssembly. V8 recompiles hot WebAssembly with its optimising
  // tier in the background, and the process waits for that work at exit: 40–90 ms of CPU for a parser whose
  // baseline code is fast enough for the few hundred responses of a run. Must be set before llhttp compiles.
  setFlagsFromString('--liftoff-only');
}
