// `livestats config list`: every known key with its effective value (secrets masked) and where it comes from.
// On a pipe without a chosen format it prints key=value lines; otherwise rows go through the normal sinks.
import type { GlobalOptions } from '../../cli/global-options.js';
import { SETTINGS } from '../../config/keys.js';
import { resolveSetting, type SettingSourceKind, type SettingSources } from '../../config/resolve.js';
import type { Context } from '../../context.js';
import { ConfigError } from '../../errors.js';
import type { Column } from '../../output/columns.js';
import { runExport } from '../../export/runner.js';
import { displayValue } from './display.js';

interface ListRow {
  key: string;
  value: string | null;
  source: SettingSourceKind | 'unset' | 'invalid';
}

export const LIST_COLUMNS: readonly Column<ListRow>[] = [
  { key: 'key', value: (row) => row.key },
  { key: 'value', value: (row) => row.value },
  { key: 'source', value: (row) => row.source },
];

/** Lists every key, unset ones too; a malformed value does not hide the rest, and fails the run (exit 3) after. */
export async function listSettings(ctx: Context, global: GlobalOptions, from: SettingSources, showSecrets: boolean): Promise<void> {
  const problems: string[] = [];
  const rows = SETTINGS.map((spec): ListRow => {
    try {
      const { value, source } = resolveSetting(spec.key, from);
      return { key: spec.key, value: value === undefined ? null : displayValue(spec, value, showSecrets), source: source ?? 'unset' };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(error.message);
      return { key: spec.key, value: null, source: 'invalid' };
    }
  });
  if (!global.formatExplicit && !ctx.io.stdoutIsTTY) {
    // Plain key=value lines, as `git config --list` prints them, for grep; --json gives the sources too.
    ctx.io.stdout.write(rows.map((row) => `${row.key}=${row.value ?? ''}\n`).join(''));
  } else {
    async function* onePage(): AsyncGenerator<readonly ListRow[]> {
      yield rows;
    }
    // A local listing needs no spinner.
    await runExport(ctx, { ...global, summary: false, quiet: true }, { command: 'config list', columns: LIST_COLUMNS, pages: onePage(), totals: false });
  }
  if (problems.length > 0) {
    throw new ConfigError(problems.join('; '), { hint: 'Fix the value with `livestats config set`, or the environment variable.' });
  }
}
