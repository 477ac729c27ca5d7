// `livestats config set|get|unset|list|profiles|delete-profile|path`: the per-profile settings file. A value is checked with its key's
// own rule before it is stored (a bad one is a usage error); secrets can come from stdin, are never echoed,
// and are masked on output unless --show-secrets. Messages go to stderr; only values and listings to stdout.
import { join } from 'node:path';
import { Command } from 'commander';
import { examples, type ActionBinder, type CommandInput } from '../cli/command.js';
import { checkProfileName } from '../cli/global-options.js';
import { findSetting, settingKeys, type SettingSpec } from '../config/keys.js';
import { resolveSetting, type SettingSources } from '../config/resolve.js';
import { CONFIG_FILE_NAME } from '../config/paths.js';
import type { Context } from '../context.js';
import { checkProfile } from '../config/profiles.js';
import { CliError, ExitCode, UsageError } from '../errors.js';
import { promptHidden, readFirstLine } from '../io/prompt.js';
import { displayValue, secretParts } from './config/display.js';
import { listSettings } from './config/list.js';

function lookup(key: string | undefined): SettingSpec {
  const spec = key === undefined ? undefined : findSetting(key);
  if (spec) return spec;
  throw new UsageError(key === undefined ? 'a config key is required' : `unknown config key "${key}"`, {
    hint: `Valid keys: ${settingKeys().join(', ')}`,
  });
}

function note(ctx: Context, line: string): void {
  ctx.log.info(line);
}

function where(input: CommandInput): string {
  return `profile "${input.global.profile}"`;
}

/** For get and list, which only read: the file is read without loading conf. */
async function sources(ctx: Context, input: CommandInput): Promise<SettingSources> {
  const store = await ctx.openSettings();
  checkProfile(store, input.global.profile);
  return { env: ctx.env, profile: input.global.profile, store };
}

async function readValue(ctx: Context, spec: SettingSpec): Promise<string> {
  if (ctx.io.stdinIsTTY) return promptHidden(ctx.io.stdin, ctx.io.stderr, `${spec.key} (${spec.description}): `);
  return readFirstLine(ctx.io.stdin);
}

/** For a refused secret typed on the command line, the way to give it that keeps it out of shell history. */
function stdinHint(spec: SettingSpec, onArgv: boolean): string | undefined {
  if (!spec.secret || !onArgv) return undefined;
  return `It is now in your shell history; give it on standard input instead: livestats config set ${spec.key} (then type or pipe it).`;
}

async function setValue(ctx: Context, input: CommandInput): Promise<void> {
  const spec = lookup(input.args[0]);
  // A malformed file fails here, before anyone types a secret. Writing goes through conf (atomic write, file mode).
  const store = await ctx.openStore();
  const given = input.args[1];
  const raw = given ?? (await readValue(ctx, spec));
  for (const part of secretParts(spec, raw)) ctx.redactor.add(part);
  if (raw.trim() === '') {
    throw new UsageError(`no value given for ${spec.key}`, { hint: `Give it as an argument or on standard input.` });
  }
  const checked = spec.check(raw);
  // A refused value is reported alone (one line and its hint); the history warning is for a value that is kept.
  if (!checked.ok) throw new UsageError(`${spec.key} ${checked.problem}`, { hint: stdinHint(spec, given !== undefined) });
  if (given !== undefined && spec.secret) {
    ctx.log.warn(`a secret on the command line lands in your shell history; next time pipe it in: printf %s "$SECRET" | livestats config set ${spec.key}`);
  }
  store.set(input.global.profile, spec.key, checked.value);
  // -q drops the confirmation only; warnings and notes above and below still matter.
  if (!input.global.quiet) note(ctx, `saved ${spec.key} in ${where(input)} (${store.path})`);
  if (ctx.env[spec.env]) note(ctx, `note: ${spec.env} is set and takes precedence over the stored value`);
}

async function getValue(ctx: Context, input: CommandInput): Promise<void> {
  const spec = lookup(input.args[0]);
  const { value } = resolveSetting(spec.key, await sources(ctx, input));
  if (value === undefined) {
    // As `git config`: exit 1 and nothing on stdout, so a script can tell unset from empty; a person sees why.
    throw new CliError(`${spec.key} is not set in ${where(input)} nor by ${spec.env}`, ExitCode.internal, { kind: 'not_set' });
  }
  ctx.io.stdout.write(`${displayValue(spec, value, input.options.showSecrets === true)}\n`);
}

async function unsetValue(ctx: Context, input: CommandInput): Promise<void> {
  if (input.options.all === true) {
    if (input.args[0] !== undefined) throw new UsageError('give either a key or --all, not both');
    return deleteProfile(ctx, input, input.global.profile);
  }
  const spec = lookup(input.args[0]);
  const store = await ctx.openStore();
  checkProfile(store, input.global.profile);
  const removed = store.unset(input.global.profile, spec.key);
  if (!input.global.quiet || !removed) note(ctx, removed ? `removed ${spec.key} from ${where(input)}` : `${spec.key} was not set in ${where(input)}`);
  if (ctx.env[spec.env]) note(ctx, `note: ${spec.env} is still set in the environment`);
}

async function listValues(ctx: Context, input: CommandInput): Promise<void> {
  await listSettings(ctx, input.global, await sources(ctx, input), input.options.showSecrets === true);
}

async function deleteProfile(ctx: Context, input: CommandInput, profile: string): Promise<void> {
  const store = await ctx.openStore();
  if (!store.profiles().includes(profile)) checkProfile(store, profile);
  const removed = store.deleteProfile(profile);
  if (!input.global.quiet || !removed) note(ctx, removed ? `removed profile "${profile}" (${store.path})` : `profile "${profile}" was not stored`);
}

async function deleteNamedProfile(ctx: Context, input: CommandInput): Promise<void> {
  return deleteProfile(ctx, input, checkProfileName(input.args[0] ?? ''));
}

async function listProfiles(ctx: Context): Promise<void> {
  for (const name of (await ctx.openSettings()).profiles()) ctx.io.stdout.write(`${name}\n`);
}

async function printPath(ctx: Context): Promise<void> {
  ctx.io.stdout.write(`${join(ctx.configDir, CONFIG_FILE_NAME)}\n`);
}

export function configCommand(bind: ActionBinder): Command {
  const config = new Command('config').description('manage stored credentials and settings (per profile)').addHelpText(
    'after',
    examples([
      'livestats config set wecom.corpId ww1234567890',
      'livestats config set wecom.corpSecret            # prompts, hidden',
      'printf %s "$SECRET" | livestats config set polyv.appSecret',
      'livestats config list --profile staging',
      'livestats config list --json',
      'livestats config profiles',
      'livestats config delete-profile staging',
    ]),
  );
  config
    .command('set')
    .description('set a value; without one it is read from standard input (hidden prompt on a terminal)')
    .argument('<key>', 'config key, e.g. wecom.corpId')
    .argument('[value]', 'the value (omit it for secrets)')
    .addHelpText(
      'after',
      examples([
        'livestats config set wecom.corpId ww1234567890',
        'livestats config set wecom.corpSecret            # prompts, hidden',
        'printf %s "$SECRET" | livestats config set polyv.appSecret --profile prod',
      ]),
    )
    .action(bind('config set', setValue));
  config
    .command('get')
    .description('print a value (secrets masked)')
    .argument('<key>', 'config key')
    .option('--show-secrets', 'print secrets in full')
    .addHelpText('after', examples(['livestats config get wecom.corpId', 'livestats config get tz --profile staging']))
    .action(bind('config get', getValue));
  config
    .command('unset')
    .description('remove a value, or with --all the whole profile')
    .argument('[key]', 'config key')
    .option('--all', 'remove every value of the profile, and the profile')
    .addHelpText('after', examples(['livestats config unset tencent.region', 'livestats config unset --all --profile staging']))
    .action(bind('config unset', unsetValue));
  config
    .command('list')
    .description('list every setting with where its value comes from (secrets masked): key=value lines on a pipe, a table on a terminal, --json/--csv with a source column')
    .option('--show-secrets', 'print secrets in full')
    .addHelpText('after', examples(['livestats config list', 'livestats config list --profile staging --json']))
    .action(bind('config list', listValues));
  config
    .command('profiles')
    .description('list the stored profiles, one a line')
    .addHelpText('after', examples(['livestats config profiles']))
    .action(bind('config profiles', listProfiles));
  config
    .command('delete-profile')
    .description('remove a stored profile and every value in it')
    .argument('<name>', 'profile name')
    .addHelpText('after', examples(['livestats config delete-profile staging']))
    .action(bind('config delete-profile', deleteNamedProfile));
  config
    .command('path')
    .description('print the config file path')
    .addHelpText('after', examples(['livestats config path', 'LIVESTATS_CONFIG_DIR=/srv/livestats livestats config path']))
    .action(bind('config path', printPath));
  return config;
}
