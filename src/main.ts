// Entry point: builds the context, runs the program, and is the only place that turns an error into an
// exit code and a one-or-two-line message on stderr, or one JSON object with --log-format json (a stack trace
// only with --verbose).
import { CommanderError, type Command, type HelpContext } from 'commander';
import { setMaxListeners } from 'node:events';
import { createProgram, type Runner } from './cli.js';
import { createSystemContext, type Context } from './context.js';
import { AuthError, CliError, ExitCode, NetworkError, ProviderError, UsageError } from './errors.js';
import { isBrokenPipe } from './io/iostreams.js';
import { detectLogFormat, type LogFields } from './io/log.js';

const COMMANDER_OK = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/**
 * Runs livestats with `argv` (without node and the script) and returns the exit code. `signalExit` is the exit
 * code a received signal will turn a failure into (130 or 143), for the error line of --log-format json.
 */
export async function main(argv: readonly string[], ctx: Context, runner?: Runner, signalExit?: () => number | undefined): Promise<number> {
  // Known before parsing, so that a usage error is reported in the chosen format too.
  ctx.log.format = detectLogFormat(argv, ctx.env);
  const program = createProgram(ctx, runner);
  // Subcommands copy the output settings when they are created, so every command needs its own: otherwise
  // `watch --help` and a subcommand's usage error would bypass ctx.io and reach the real terminal.
  configureCommand(program, ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    const verbose = program.opts<{ verbose?: boolean }>().verbose === true || argv.includes('--verbose') || argv.includes('-v');
    return reportError(error, ctx, verbose, signalExit?.());
  }
}

function configureCommand(command: Command, ctx: Context): void {
  command.exitOverride();
  command.configureOutput({
    writeOut: (text) => ctx.io.stdout.write(text),
    writeErr: (text) => ctx.io.stderr.write(text),
    // main prints usage errors itself, in the same shape as every other error.
    outputError: () => undefined,
    getOutHelpWidth: () => (ctx.io.stdoutIsTTY ? (ctx.io.columns ?? 80) : 80),
    getErrHelpWidth: () => (ctx.io.stderrIsTTY ? (ctx.io.columns ?? 80) : 80),
    getOutHasColors: () => false,
    getErrHasColors: () => false,
  });
  if (command.commands.length > 0) helpOnStdout(command);
  for (const sub of command.commands) configureCommand(sub, ctx);
}

/**
 * commander answers a command that needs a subcommand and got none (`livestats`, `livestats config`) with its
 * help on stderr as an error, and `help nosuch` with the same help. The first is a request for help (stdout,
 * exit 0); the second is a usage error (exit 2).
 */
function helpOnStdout(command: Command): void {
  const help = command.help.bind(command);
  command.help = (context?: HelpContext | ((text: string) => string)): never => {
    if (typeof context !== 'object' || context.error !== true) return help(context as HelpContext);
    const [first, name] = command.args;
    if (first === 'help' && name !== undefined) {
      const names = command.commands.map((c) => c.name());
      const where = command.parent ? `livestats ${command.name()}` : 'livestats';
      throw new UsageError(`help: unknown command "${name}"`, { hint: `Commands of ${where}: ${names.join(', ')}.` });
    }
    return help();
  };
}

function reportError(error: unknown, ctx: Context, verbose: boolean, signalExit?: number): number {
  if (error instanceof CommanderError) {
    if (COMMANDER_OK.has(error.code) || error.exitCode === 0) return ExitCode.ok;
    // commander puts "(Did you mean …?)" on a line of its own; the contract allows one line plus the hint.
    const message = error.message
      .replace(/^error:\s*/i, '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .join(' ');
    return reportError(new UsageError(message, { hint: 'Run `livestats --help` (or `livestats <command> --help`) for usage.' }), ctx, verbose, signalExit);
  }
  if (isBrokenPipe(error)) return ExitCode.ok;
  if (error instanceof CliError) {
    const stack = verbose && error.cause instanceof Error ? error.cause.stack : undefined;
    ctx.log.error({ message: error.message, hint: error.hint, stack, fields: errorFields(error, error.exitCode, signalExit) });
    return error.exitCode;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  const stack = verbose ? err.stack : undefined;
  ctx.log.error({
    message: `internal error: ${err.message}`,
    hint: stack ? undefined : 'this is a bug in livestats; run again with --verbose and report the output.',
    stack,
    fields: errorFields(err, ExitCode.internal, signalExit),
  });
  return ExitCode.internal;
}

/** The kind of failure and what the provider said, for the error object of --log-format json. */
function errorFields(error: Error, exitCode: number, signalExit: number | undefined): LogFields {
  // After SIGINT/SIGTERM whatever failed, the process exits as interrupted (see run()).
  if (signalExit !== undefined) return { error: 'interrupted', exit_code: signalExit };
  const detail = error instanceof AuthError || error instanceof ProviderError || error instanceof NetworkError ? error.detail : undefined;
  return {
    error: (error instanceof CliError ? error.kind : undefined) ?? KIND_BY_EXIT[exitCode] ?? 'internal',
    exit_code: exitCode,
    provider: detail?.provider,
    provider_code: detail?.code,
    request_id: detail?.requestId,
  };
}

/** The kind of failure by exit code: each subclass of CliError fixes its code, and doctor throws a bare CliError. */
const KIND_BY_EXIT: Partial<Record<number, string>> = {
  [ExitCode.usage]: 'usage',
  [ExitCode.config]: 'config',
  [ExitCode.auth]: 'credentials',
  [ExitCode.provider]: 'provider',
  [ExitCode.network]: 'network',
  [ExitCode.interrupted]: 'interrupted',
};

/** SIGTERM (a `timeout` or a stopped cron job) is shut down like Ctrl-C, and exits 128 + 15 as shells expect. */
const TERMINATED = 143;

/**
 * conf's atomic writer hooks SIGINT and SIGTERM and sends the signal it saw to the process once more. That
 * echo arrives within milliseconds; only a signal after this long is a person pressing Ctrl-C again.
 */
const SIGNAL_ECHO_MS = 250;

/** Runs the real process: system context, SIGINT/SIGTERM handling, quiet broken pipes. */
export async function run(argv: readonly string[], version: string): Promise<number> {
  const interrupt = new AbortController();
  // Every wait of the run listens to this one signal: with gifts' 100 calls in flight, a burst of throttled
  // answers means dozens of retry waits at once. That is the design, not a leak: no warning on stderr.
  setMaxListeners(0, interrupt.signal);
  let first: { signal: NodeJS.Signals; at: number } | undefined;
  const exitCodeFor = (signal: NodeJS.Signals): number => (signal === 'SIGTERM' ? TERMINATED : ExitCode.interrupted);
  const onSignal = (signal: NodeJS.Signals): void => {
    if (first === undefined) {
      first = { signal, at: Date.now() };
      interrupt.abort();
      return;
    }
    // A second signal means "now": the first one is already cleaning up (an -o temp file is removed on exit too).
    if (Date.now() - first.at >= SIGNAL_ECHO_MS) process.exit(exitCodeFor(first.signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // `livestats … | head -1`: the reader left; any later write error is expected and not worth a word.
  process.stdout.on('error', (error) => {
    if (!isBrokenPipe(error)) throw error;
  });
  const ctx = createSystemContext(version, interrupt.signal);
  try {
    const code = await main(argv, ctx, undefined, () => (first === undefined ? undefined : exitCodeFor(first.signal)));
    return first !== undefined && code !== ExitCode.ok ? exitCodeFor(first.signal) : code;
  } finally {
    // After a signal the listeners stay until the process ends: the echo described above may still be on its
    // way, and with no listener left it would kill the process, a signal death instead of the exit code.
    if (first === undefined) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}

