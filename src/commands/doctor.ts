// `livestats doctor`: for each provider, whether it is configured and whether one harmless authenticated
// call succeeds. Reported as rows (provider, status, detail) through the normal sinks; the exit code is the
// worst finding: 4 rejected credentials, 3 missing or malformed settings, 6 unreachable, 5 other failures; the
// final error line names every provider that is not working and why.
import { Command } from 'commander';
import { examples, type ActionBinder, type CommandInput } from '../cli/command.js';
import type { ProviderName } from '../config/keys.js';
import type { Context } from '../context.js';
import { CliError, ExitCode, UsageError, type ExitCodeValue } from '../errors.js';
import type { Column } from '../output/columns.js';
import { pageOfEach, runExport } from '../export/runner.js';
import { openSession, type ProviderSession } from '../session/provider-session.js';

interface DoctorRow {
  provider: ProviderName;
  status: 'ok' | 'not configured' | 'misconfigured' | 'rejected' | 'unreachable' | 'error';
  detail: string;
}

const PROVIDERS: readonly ProviderName[] = ['wecom', 'tencent', 'polyv', 'livecount'];

/** The settings without which a provider is "not configured" (the rest have defaults). */
const REQUIRED: Record<ProviderName, readonly string[]> = {
  wecom: ['wecom.corpId', 'wecom.corpSecret'],
  tencent: ['tencent.sdkAppId', 'tencent.secretKey'],
  polyv: ['polyv.appId', 'polyv.appSecret'],
  livecount: ['livecount.domain'],
};

const CHECKS: Record<ProviderName, (session: ProviderSession) => Promise<string>> = {
  wecom: async (s) => (await import('../providers/wecom/check.js')).checkWecom(s),
  tencent: async (s) => (await import('../providers/tencent/check.js')).checkTencent(s),
  polyv: async (s) => (await import('../providers/polyv/check.js')).checkPolyv(s),
  livecount: async (s) => (await import('../providers/livecount/check.js')).checkLivecount(s),
};

export const COLUMNS: readonly Column<DoctorRow>[] = [
  { key: 'provider', value: (r) => r.provider },
  { key: 'status', value: (r) => r.status },
  { key: 'detail', value: (r) => r.detail },
];

const STATUS_EXIT: Record<DoctorRow['status'], ExitCodeValue> = {
  ok: ExitCode.ok,
  'not configured': ExitCode.ok,
  misconfigured: ExitCode.config,
  rejected: ExitCode.auth,
  unreachable: ExitCode.network,
  error: ExitCode.provider,
};

const HINTS: Partial<Record<ExitCodeValue, string>> = {
  [ExitCode.auth]: 'Fix the rejected credentials with `livestats config set`.',
  [ExitCode.config]: 'The detail column names each missing or malformed setting; set it with `livestats config set`.',
  [ExitCode.network]: 'Check the network and the base URL in the detail column, then run `livestats doctor` again.',
  [ExitCode.provider]: 'The detail column has the provider\'s answer; run `livestats doctor --verbose` for the requests.',
};

/** Why a provider is not working, as the final error line says it. */
const REASONS: Partial<Record<DoctorRow['status'], string>> = {
  rejected: 'rejected the credentials',
  misconfigured: 'is misconfigured',
  unreachable: 'is unreachable',
  error: 'answered with an error',
};

/** Worst first: what a cron job most needs to know. */
const SEVERITY: readonly ExitCodeValue[] = [ExitCode.auth, ExitCode.config, ExitCode.network, ExitCode.provider];

function parseProviders(args: readonly string[]): ProviderName[] {
  const chosen: ProviderName[] = [];
  for (const arg of args) {
    const name = arg.trim().toLowerCase();
    if (!PROVIDERS.includes(name as ProviderName)) {
      throw new UsageError(`unknown provider "${arg}"`, { hint: `Choose from ${PROVIDERS.join(', ')}.` });
    }
    if (!chosen.includes(name as ProviderName)) chosen.push(name as ProviderName);
  }
  return chosen;
}

async function checkOne(session: ProviderSession, provider: ProviderName, requested: boolean): Promise<DoctorRow> {
  try {
    const required = REQUIRED[provider];
    const missing = required.filter((key) => session.settings.get(key) === undefined);
    if (missing.length > 0) {
      // Half a set of credentials is a mistake to report (exit 3), not a provider the user does not use.
      const untouched = missing.length === required.length;
      return {
        provider,
        status: requested || !untouched ? 'misconfigured' : 'not configured',
        detail: `missing ${missing.join(', ')} (livestats config set ${missing[0]})`,
      };
    }
    return { provider, status: 'ok', detail: await CHECKS[provider](session) };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    if (error.exitCode === ExitCode.interrupted) throw error;
    const status: DoctorRow['status'] =
      error.exitCode === ExitCode.auth
        ? 'rejected'
        : error.exitCode === ExitCode.config || error.exitCode === ExitCode.usage
          ? 'misconfigured'
          : error.exitCode === ExitCode.network
            ? 'unreachable'
            : 'error';
    return { provider, status, detail: session.redactor.text(error.message) };
  }
}

export function doctorCommand(bind: ActionBinder): Command {
  return new Command('doctor')
    .description('check each configured provider with one harmless authenticated call')
    .argument('[provider...]', 'only these: wecom, tencent, polyv, livecount')
    .addHelpText('after', examples(['livestats doctor', 'livestats doctor wecom --verbose']))
    .action(bind('doctor', run));
}

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const requested = parseProviders(input.args);
  const providers = requested.length > 0 ? requested : PROVIDERS;
  const session = await openSession(ctx, input.global);
  const findings: DoctorRow[] = [];
  try {
    async function* rows(): AsyncGenerator<DoctorRow> {
      for (const provider of providers) {
        const row = await checkOne(session, provider, requested.length > 0);
        findings.push(row);
        yield row;
      }
    }
    await runExport(ctx, { ...input.global, summary: false }, { command: 'doctor', columns: COLUMNS, pages: pageOfEach(rows()), totals: false });
  } finally {
    await session.close();
  }
  const failed = SEVERITY.flatMap((code) => findings.filter((f) => STATUS_EXIT[f.status] === code));
  const worst = failed[0];
  if (worst !== undefined) {
    // Every failing provider and why, worst first; the exit code is the worst one's.
    const reasons = failed.map((f) => `${f.provider} ${REASONS[f.status] ?? f.status}`);
    const hints = [...new Set(failed.map((f) => HINTS[STATUS_EXIT[f.status]]))].filter((h) => h !== undefined);
    throw new CliError(`doctor: ${reasons.join(', ')}`, STATUS_EXIT[worst.status], { hint: hints.join(' ') });
  }
}
