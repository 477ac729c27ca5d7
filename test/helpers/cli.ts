// Runs `main` in-process against a test context and returns the exit code and what was printed.
// With `runner`, commands are captured instead of run, so tests see exactly what a command would receive.
import type { MockAgent } from 'undici';
import type { CommandInput, Runner } from '../../src/cli.js';
import type { Context } from '../../src/context.js';
import { main } from '../../src/main.js';
import { testContext, type TestContext, type TestContextOptions } from './context.js';
import { useMockAgent } from './http.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ctx: TestContext;
}

export interface CapturedCall {
  name: string;
  input: CommandInput;
}

/** A runner that records each call and then does what `then` says (nothing by default). */
export function capturingRunner(then?: (name: string, input: CommandInput, ctx: TestContext) => Promise<void> | void): {
  runner: Runner;
  calls: CapturedCall[];
} {
  const calls: CapturedCall[] = [];
  const runner: Runner = async (ctx, name, input) => {
    calls.push({ name, input });
    await then?.(name, input, ctx as TestContext);
  };
  return { runner, calls };
}

/** `ctx` may be a ready TestContext or the options to build one. */
export async function runCli(
  argv: readonly string[],
  ctx: TestContext | TestContextOptions = {},
  runner?: Runner,
): Promise<CliResult> {
  const context = 'out' in ctx ? (ctx as TestContext) : testContext(ctx as TestContextOptions);
  const code = await main(argv, context, runner);
  return { code, stdout: context.out.text, stderr: context.err.text, ctx: context };
}

/**
 * `livestats <command> ...argv` in-process with the command's own `run` behind it, on a fresh MockAgent for each
 * test of the enclosing scope (useMockAgent). `base` gives the context options every call starts from.
 */
export function useCommandCli(
  command: string,
  run: (ctx: Context, input: CommandInput) => Promise<void>,
  base: () => TestContextOptions = () => ({}),
): { agent: () => MockAgent; cli: (argv: readonly string[], options?: TestContextOptions) => Promise<CliResult> } {
  const agent = useMockAgent();
  const runner = capturingRunner((_name, input, ctx) => run(ctx, input)).runner;
  const cli = (argv: readonly string[], options: TestContextOptions = {}) =>
    runCli([command, ...argv], { dispatcher: agent(), ...base(), ...options }, runner);
  return { agent, cli };
}
