// `livestats sandbox`: serves the embedded provider simulator on 127.0.0.1 until interrupted, printing its URL
// and the LIVESTATS_* settings as shell `export` lines. The protocols themselves live in src/sandbox/.
import { Command } from 'commander';
import { examples, type ActionBinder, type CommandInput } from '../cli/command.js';
import { parseInteger } from '../cli/global-options.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import type { RunningSandbox } from '../sandbox/server.js';
import { shellQuote } from '../util/shell-quote.js';

export interface SandboxCommandOptions {
  port: number;
  latencyMs: number;
  failRate: number;
}

function text(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

export function parseSandboxOptions(raw: Record<string, unknown>): SandboxCommandOptions {
  const port = text(raw.port);
  const latency = text(raw.latency);
  const failRate = text(raw.failRate)?.trim();
  if (failRate !== undefined && !(/^(\d+\.?\d*|\.\d+)$/.test(failRate) && Number(failRate) <= 1)) {
    throw new UsageError(`--fail-rate must be a number from 0 to 1, got ${JSON.stringify(raw.failRate)}`);
  }
  return {
    port: port === undefined ? 0 : parseInteger('--port', port, 0, 65535),
    latencyMs: latency === undefined ? 0 : parseInteger('--latency', latency, 0, 600_000),
    failRate: failRate === undefined ? 0 : Number(failRate),
  };
}

/** Valid shell: a comment with the URL, then one export per setting. */
export function exportLines(sandbox: Pick<RunningSandbox, 'url' | 'env'>): string {
  const lines = [`# livestats sandbox listening on ${sandbox.url} (stop it with Ctrl-C)`];
  for (const [name, value] of Object.entries(sandbox.env)) lines.push(`export ${name}=${shellQuote(value)}`);
  return `${lines.join('\n')}\n`;
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

export function sandboxCommand(bind: ActionBinder): Command {
  return new Command('sandbox')
    .description('serve the embedded provider simulator on 127.0.0.1 until stopped')
    .option('--port <n>', 'port to listen on (default: any free port)')
    .option('--latency <ms>', 'added latency per response')
    .option('--fail-rate <p>', 'share of requests answered with a retryable failure, 0 to 1')
    .addHelpText('after', examples(['livestats sandbox --port 8080', 'livestats sandbox --latency 50 --fail-rate 0.1']))
    .action(bind('sandbox', run));
}

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const options = parseSandboxOptions(input.options);
  const { startSandbox } = await import('../sandbox/server.js');
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox({ port: options.port, latencyMs: options.latencyMs, failRate: options.failRate, now: ctx.now });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new UsageError(`--port ${options.port}: ${code === 'EADDRINUSE' ? 'the port is already in use' : 'permission denied'}`, {
        hint: 'Choose another --port, or leave it out to get a free one.',
        cause: error,
      });
    }
    throw error;
  }
  try {
    ctx.io.stdout.write(exportLines(sandbox));
    if (ctx.io.stderrIsTTY && !input.global.quiet) {
      ctx.log.info(`sandbox running on ${sandbox.url}; press Ctrl-C to stop`);
    }
    await untilAborted(ctx.signal);
  } finally {
    await sandbox.close();
  }
}
