// `livestats completion`: the scripts printed by the real binary, sourced in a real bash (and zsh and fish where
// installed) and asked what they offer; the hidden profile lister the scripts call; usage errors.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS } from '../../src/config/keys.js';
import { baseEnv, BIN, configDirPool, runCli } from './cli-runner.js';

const { freshDir, cleanupConfigDirs } = configDirPool();
const KEYS = SETTINGS.map((s) => s.key);
let work: string;
const scripts: Record<string, string> = {};

function installed(shell: string): boolean {
  try {
    execFileSync(shell, ['-c', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'livestats-completion-'));
  for (const shell of ['bash', 'zsh', 'fish']) {
    const result = await runCli(['completion', shell], { env: baseEnv(freshDir()) });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    scripts[shell] = join(work, `livestats.${shell}`);
    writeFileSync(scripts[shell], result.stdout);
  }
  // `livestats` on PATH, as the scripts find it when completing --profile.
  mkdirSync(join(work, 'bin'));
  writeFileSync(join(work, 'bin', 'livestats'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`, { mode: 0o755 });
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  cleanupConfigDirs();
});

function env(configDir = freshDir()): Record<string, string> {
  const base = baseEnv(configDir);
  return { ...base, PATH: `${join(work, 'bin')}:${base.PATH ?? ''}` };
}

/** What the bash script offers for `words`, the last one being the word under the cursor. */
function bashOffers(words: readonly string[], configDir?: string): string[] {
  const program = `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _livestats_complete_fn; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = execFileSync('bash', ['-c', program, 'bash', scripts.bash!, ...words], { env: env(configDir), encoding: 'utf8' });
  return out.split('\n').filter((line) => line !== '');
}

describe('bash', () => {
  it('offers the commands for the first word, filtered by what is typed', () => {
    expect(bashOffers(['livestats', 'wa'])).toEqual(['watch']);
    expect(bashOffers(['livestats', ''])).toEqual(
      expect.arrayContaining(['watch', 'gifts', 'redpacks', 'livecount', 'config', 'doctor', 'sandbox', 'demo', 'completion', 'help']),
    );
  });

  it('offers the options of watch, the global ones included', () => {
    const offered = bashOffers(['livestats', 'watch', 'lv_1', '--']);
    expect(offered).toEqual(expect.arrayContaining(['--format', '--limit', '--summary', '--profile', '--help']));
    expect(offered).not.toContain('--room');
    expect(bashOffers(['livestats', 'gifts', '--r'])).toEqual(['--room', '--rate', '--retries']);
  });

  it('offers a command only the global options it honours, as its --help lists them', () => {
    expect(bashOffers(['livestats', 'watch', '--t'])).toEqual(['--tz', '--timeout']);
    expect(bashOffers(['livestats', 'gifts', '--t'])).toEqual(['--timeout']);
    expect(bashOffers(['livestats', 'config', 'path', '--'])).toEqual(['--help', '--verbose', '--quiet', '--no-color', '--log-format']);
  });

  it('offers the formats after --format, also as --format=', () => {
    expect(bashOffers(['livestats', 'watch', '--format', ''])).toEqual(['table', 'csv', 'json', 'ndjson', 'xlsx']);
    expect(bashOffers(['livestats', '-f', 'n'])).toEqual(['ndjson']);
    // bash splits "--format=c" at the "=".
    expect(bashOffers(['livestats', '--format', '=', 'c'])).toEqual(['csv']);
    // An option's value is not a command: "json" after --format does not end the command path.
    expect(bashOffers(['livestats', '--format', 'json', 'wa'])).toEqual(['watch']);
  });

  it('offers the config keys after config set|get|unset, and the regions after tencent.region', () => {
    for (const sub of ['set', 'get', 'unset']) expect(bashOffers(['livestats', 'config', sub, ''])).toEqual(KEYS);
    expect(bashOffers(['livestats', 'config', 'set', 'tencent.r'])).toEqual(['tencent.region']);
    expect(bashOffers(['livestats', 'config', 'set', 'tencent.region', ''])).toEqual(['cn', 'sgp', 'kr', 'jpn', 'ger', 'usa', 'idn', 'ind']);
    expect(bashOffers(['livestats', 'config', 'set', 'wecom.corpId', ''])).toEqual([]);
    expect(bashOffers(['livestats', 'config', ''])).toEqual(['set', 'get', 'unset', 'list', 'profiles', 'delete-profile', 'path', 'help']);
  });

  it('offers provider names to doctor, at every position, and shells to completion', () => {
    expect(bashOffers(['livestats', 'doctor', ''])).toEqual(['wecom', 'tencent', 'polyv', 'livecount']);
    expect(bashOffers(['livestats', 'doctor', 'wecom', 'p'])).toEqual(['polyv']);
    expect(bashOffers(['livestats', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    expect(bashOffers(['livestats', 'help', 'gi'])).toEqual(['gifts']);
  });

  it('offers the profile names of the config file after --profile, and nothing when there is no file', async () => {
    const dir = freshDir();
    expect(bashOffers(['livestats', '--profile', ''], dir)).toEqual([]);
    for (const profile of ['staging', 'prod-cn']) {
      const set = await runCli(['config', 'set', 'wecom.corpId', 'ww1', '-p', profile], { env: baseEnv(dir) });
      expect(set.code).toBe(0);
    }
    expect(bashOffers(['livestats', 'watch', '-p', ''], dir).sort()).toEqual(['prod-cn', 'staging']);
    expect(bashOffers(['livestats', 'watch', '-p', 'st'], dir)).toEqual(['staging']);
  });
});

describe('completion --list-profiles', () => {
  it('prints one profile a line; nothing, exit 0, for a missing or malformed file', async () => {
    const dir = freshDir();
    expect(await runCli(['completion', '--list-profiles'], { env: baseEnv(dir) })).toMatchObject({ code: 0, stdout: '', stderr: '' });
    await runCli(['config', 'set', 'polyv.appId', 'a1', '-p', 'team'], { env: baseEnv(dir) });
    expect(await runCli(['completion', '--list-profiles'], { env: baseEnv(dir) })).toMatchObject({ code: 0, stdout: 'team\n', stderr: '' });
    writeFileSync(join(dir, 'config.json'), '{ not json');
    expect(await runCli(['completion', '--list-profiles'], { env: baseEnv(dir) })).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('is not shown in help', async () => {
    const help = await runCli(['completion', '--help'], { env: baseEnv(freshDir()) });
    expect(help.code).toBe(0);
    expect(help.stdout).not.toContain('--list-profiles');
    expect(help.stdout).toContain('completion fish > ~/.config/fish/completions/livestats.fish');
  });
});

describe('usage errors', () => {
  it.each([[['completion', 'tcsh']], [['completion']]])('%j exits 2 with one message and a hint', async (argv) => {
    const result = await runCli(argv, { env: baseEnv(freshDir()) });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^livestats: .*\n {2}hint: .*\n$/);
  });
});

describe('zsh', () => {
  it('defines the completion function for fpath and for sourcing', () => {
    const text = execFileSync('cat', [scripts.zsh!], { encoding: 'utf8' });
    expect(text.startsWith('#compdef livestats\n')).toBe(true);
    expect(text).toContain('compdef _livestats livestats');
    expect(text).toContain("'tencent.region') _livestats_kind=words; reply=('cn' 'sgp'");
  });

  it.runIf(installed('zsh'))('parses (zsh -n) and offers what bash offers', () => {
    execFileSync('zsh', ['-n', scripts.zsh!]);
    const offers = (words: string[]): string => {
      const program = `source "$1"; shift; words=("$@"); CURRENT=$#; _livestats_candidates; print -r -- "\${(j:,:)\${(@)_livestats_described%%:*}}|\${(j:,:)_livestats_words}|$_livestats_kind"`;
      return execFileSync('zsh', ['-c', program, 'zsh', scripts.zsh!, ...words], { env: env(), encoding: 'utf8' }).trim();
    };
    expect(offers(['livestats', 'wa'])).toMatch(/^watch,livings,gifts,.*,help\|\|$/);
    expect(offers(['livestats', 'watch', '--format', ''])).toBe('|table,csv,json,ndjson,xlsx|words');
    expect(offers(['livestats', '--format=c'])).toBe('|table,csv,json,ndjson,xlsx|words');
    expect(offers(['livestats', 'config', 'set', ''])).toBe(`|${KEYS.join(',')}|words`);
    expect(offers(['livestats', '-p', ''])).toBe('||profiles');
  });
});

describe('fish', () => {
  it('registers one dynamic completion for livestats', () => {
    const text = execFileSync('cat', [scripts.fish!], { encoding: 'utf8' });
    expect(text).toContain("complete -c livestats -f -a '(__livestats_complete)'");
  });

  it.runIf(installed('fish'))('parses (fish -n) and offers what bash offers', () => {
    execFileSync('fish', ['-n', scripts.fish!]);
    const offers = (line: string): string[] =>
      execFileSync('fish', ['-c', `source $argv[1]; complete -C$argv[2]`, scripts.fish!, line], { env: env(), encoding: 'utf8' })
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => l.split('\t')[0]!);
    expect(offers('livestats wa')).toEqual(['watch']);
    expect(offers('livestats watch --format ').sort()).toEqual(['csv', 'json', 'ndjson', 'table', 'xlsx']);
    expect(offers('livestats --format=n')).toEqual(['--format=ndjson']);
    expect(offers('livestats config set ').sort()).toEqual([...KEYS].sort());
    expect(offers('livestats config set tencent.region u')).toEqual(['usa']);
    expect(offers('livestats doctor w')).toEqual(['wecom']);
  });
});
