// parseGlobalOptions(): the output format decision table, numeric bounds, time zones and profiles.
// Every rejection is a usage error (exit 2) naming the option, except a bad value from the environment (exit 3).
import { describe, expect, it } from 'vitest';
import { parseGlobalOptions, type RawGlobalOptions } from '../../src/cli/global-options.js';
import { ConfigError, ExitCode, UsageError } from '../../src/errors.js';
import { testGlobalOptions } from '../helpers/context.js';

const TTY = true;
const PIPE = false;

function parse(raw: RawGlobalOptions, { tty = PIPE, env = {} }: { tty?: boolean; env?: Record<string, string | undefined> } = {}) {
  return parseGlobalOptions(raw, env, tty);
}

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(ExitCode.usage);
    return error as UsageError;
  }
  throw new Error('expected a usage error');
}

describe('output format', () => {
  it.each<[string, RawGlobalOptions, boolean, string]>([
    ['terminal default', {}, TTY, 'table'],
    ['pipe default', {}, PIPE, 'json'],
    ['--format csv', { format: 'csv' }, TTY, 'csv'],
    ['--format is case-insensitive', { format: 'NDJSON' }, PIPE, 'ndjson'],
    ['--format table on a pipe', { format: 'table' }, PIPE, 'table'],
    ['--json', { json: true }, TTY, 'json'],
    ['--csv', { csv: true }, PIPE, 'csv'],
    ['--excel implies csv', { excel: true }, TTY, 'csv'],
    ['--excel with --csv', { excel: true, csv: true }, PIPE, 'csv'],
    ['--format csv with --excel', { format: 'csv', excel: true }, PIPE, 'csv'],
    ['--json and --format json agree', { json: true, format: 'json' }, PIPE, 'json'],
    ['-o .csv', { output: 'out.csv' }, TTY, 'csv'],
    ['-o .json', { output: 'out.json' }, TTY, 'json'],
    ['-o .ndjson', { output: 'rows.ndjson' }, PIPE, 'ndjson'],
    ['-o .jsonl', { output: 'rows.jsonl' }, TTY, 'ndjson'],
    ['-o extension in capitals', { output: 'OUT.CSV' }, TTY, 'csv'],
    ['-o in a directory with dots', { output: 'data.v2/out.json' }, TTY, 'json'],
    ['--format wins over the -o extension', { output: 'out.csv', format: 'json' }, TTY, 'json'],
    ['--json wins over the -o extension', { output: 'out.csv', json: true }, TTY, 'json'],
    ['--format wins over an unknown extension', { output: 'out.txt', format: 'csv' }, TTY, 'csv'],
  ])('%s', (_name, raw, tty, format) => {
    expect(parse(raw, { tty }).format).toBe(format);
  });

  it.each<[string, RawGlobalOptions]>([
    ['--json with --csv', { json: true, csv: true }],
    ['--format json with --csv', { format: 'json', csv: true }],
    ['--format ndjson with --excel', { format: 'ndjson', excel: true }],
    ['--json with --excel', { json: true, excel: true }],
  ])('rejects conflicting formats: %s', (_name, raw) => {
    const error = usageError(() => parse(raw));
    expect(error.message).toContain('conflicting output formats');
  });

  it.each(['stats.xlsx', 'STATS.XLSX'])('takes xlsx from -o %s', (output) => {
    expect(parse({ output }, { tty: TTY }).format).toBe('xlsx');
  });

  it('refuses xlsx on a terminal and points to -o, but lets a pipe take the workbook', () => {
    const error = usageError(() => parse({ format: 'xlsx' }, { tty: TTY }));
    expect(error.message).toContain('terminal');
    expect(error.hint).toContain('-o');
    expect(usageError(() => parse({ format: 'xlsx', output: '-' }, { tty: TTY })).message).toContain('terminal');
    expect(parse({ format: 'xlsx' }, { tty: PIPE }).format).toBe('xlsx');
  });

  it('rejects an unknown --format and lists the valid ones', () => {
    const error = usageError(() => parse({ format: 'xml' }));
    expect(error.message).toBe('--format must be one of table, csv, json, ndjson, xlsx, got "xml"');
  });

  it.each(['out.txt', 'out', 'report.xls'])('rejects -o %s whose extension names no format', (output) => {
    const error = usageError(() => parse({ output }, { tty: TTY }));
    expect(error.message).toContain(JSON.stringify(output));
    expect(error.hint).toContain('--format');
  });

  it('rejects an empty -o', () => {
    expect(usageError(() => parse({ output: '  ' })).message).toBe('--output needs a file name');
  });

  it('records whether the format was chosen by the user', () => {
    expect(parse({}).formatExplicit).toBe(false);
    expect(parse({ csv: true }).formatExplicit).toBe(true);
    expect(parse({ output: 'a.json' }).formatExplicit).toBe(true);
  });
});

describe('numeric options', () => {
  it('has the documented defaults', () => {
    const options = parse({});
    expect(options).toMatchObject({ limit: undefined, timeoutMs: 15_000, retries: 3, concurrency: undefined });
  });

  it('accepts values within bounds', () => {
    expect(parse({ limit: '5', timeout: '1', retries: '0', concurrency: '64' })).toMatchObject({
      limit: 5,
      timeoutMs: 1,
      retries: 0,
      concurrency: 64,
    });
    expect(parse({ limit: ' 0012 ', timeout: '600000', retries: '20', concurrency: '1' })).toMatchObject({
      limit: 12,
      timeoutMs: 600_000,
      retries: 20,
      concurrency: 1,
    });
  });

  it.each<[keyof RawGlobalOptions, string, string]>([
    ['limit', '0', '--limit must be a whole number at least 1, got "0"'],
    ['limit', '-3', '--limit must be a whole number at least 1, got "-3"'],
    ['limit', '2.5', '--limit must be a whole number at least 1, got "2.5"'],
    ['limit', 'ten', '--limit must be a whole number at least 1, got "ten"'],
    ['limit', '1e3', '--limit must be a whole number at least 1, got "1e3"'],
    ['limit', '99999999999999999999', '--limit must be a whole number at least 1, got "99999999999999999999"'],
    ['timeout', '0', '--timeout must be a whole number from 1 to 600000, got "0"'],
    ['timeout', '600001', '--timeout must be a whole number from 1 to 600000, got "600001"'],
    ['retries', '21', '--retries must be a whole number from 0 to 20, got "21"'],
    ['retries', '', '--retries must be a whole number from 0 to 20, got ""'],
    ['concurrency', '0', '--concurrency must be a whole number from 1 to 100, got "0"'],
    ['concurrency', '101', '--concurrency must be a whole number from 1 to 100, got "101"'],
  ])('rejects --%s %j', (option, value, message) => {
    expect(usageError(() => parse({ [option]: value })).message).toBe(message);
  });
});

describe('--tz', () => {
  it('accepts an IANA zone and normalises its spelling', () => {
    expect(parse({ tz: 'Asia/Shanghai' }).tz).toBe('Asia/Shanghai');
    expect(parse({ tz: 'asia/shanghai' }).tz).toBe('Asia/Shanghai');
    expect(parse({ tz: 'UTC' }).tz).toBe('UTC');
  });

  it.each(['Mars/Olympus', 'GMT+25', ''])('rejects %j as a usage error with a hint', (tz) => {
    const error = usageError(() => parse({ tz }));
    expect(error.message).toBe(`--tz: unknown time zone ${JSON.stringify(tz)}`);
    expect(error.hint).toContain('Asia/Shanghai');
  });

  it('defaults to TZ from the environment (a leading ":" allowed)', () => {
    expect(parse({}, { env: { TZ: 'Europe/Berlin' } }).tz).toBe('Europe/Berlin');
    expect(parse({}, { env: { TZ: ':Asia/Tokyo' } }).tz).toBe('Asia/Tokyo');
  });

  it('takes LIVESTATS_TZ before TZ, and --tz before both', () => {
    const env = { LIVESTATS_TZ: 'America/New_York', TZ: 'Europe/Berlin' };
    expect(parse({}, { env }).tz).toBe('America/New_York');
    expect(parse({ tz: 'UTC' }, { env }).tz).toBe('UTC');
    expect(parse({}, { env: { LIVESTATS_TZ: '', TZ: 'Europe/Berlin' } }).tz).toBe('Europe/Berlin');
  });

  it('reports an unknown zone in LIVESTATS_TZ as a configuration error (exit 3) naming it', () => {
    const options = parse({}, { env: { LIVESTATS_TZ: 'Mars/Olympus', TZ: 'Europe/Berlin' } });
    expect(() => options.tz).toThrow(ConfigError);
    expect(() => options.tz).toThrow(/LIVESTATS_TZ: unknown time zone "Mars\/Olympus"/);
  });

  it('falls back to the system zone when TZ is unusable, without an error', () => {
    const system = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(parse({}, { env: { TZ: 'Not/AZone' } }).tz).toBe(system);
  });
});

describe('--profile', () => {
  it('defaults to "default"', () => {
    expect(parse({}).profile).toBe('default');
  });

  it('comes from LIVESTATS_PROFILE, and --profile wins over it', () => {
    expect(parse({}, { env: { LIVESTATS_PROFILE: 'staging' } }).profile).toBe('staging');
    expect(parse({ profile: 'prod_2' }, { env: { LIVESTATS_PROFILE: 'staging' } }).profile).toBe('prod_2');
  });

  it('treats an empty LIVESTATS_PROFILE as unset', () => {
    expect(parse({}, { env: { LIVESTATS_PROFILE: '' } }).profile).toBe('default');
  });

  it.each(['has space', '../etc', 'a.b', '', 'x'.repeat(65)])('rejects --profile %j as a usage error', (profile) => {
    expect(usageError(() => parse({ profile })).message).toContain('may contain only letters, digits');
  });

  it('rejects a malformed LIVESTATS_PROFILE as a configuration error (exit 3) naming the variable', () => {
    let caught: unknown;
    try {
      parse({}, { env: { LIVESTATS_PROFILE: 'bad/name' } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).exitCode).toBe(ExitCode.config);
    expect((caught as ConfigError).message).toContain('LIVESTATS_PROFILE');
  });
});

describe('flags', () => {
  it('passes booleans and fields through', () => {
    const options = parse({
      fields: ' living_id, ,userid ,name',
      summary: true,
      dryRun: true,
      verbose: true,
      quiet: true,
      sandbox: true,
      color: false,
    });
    expect(options).toMatchObject({
      fields: ['living_id', 'userid', 'name'],
      summary: true,
      dryRun: true,
      verbose: true,
      quiet: true,
      sandbox: true,
      color: false,
    });
    expect(parse({}).color).toBe(true);
    expect(parse({}).fields).toBeUndefined();
  });

  it('rejects --fields with no names', () => {
    expect(usageError(() => parse({ fields: ' , ' })).message).toBe('--fields needs at least one column name');
  });
});

describe('testGlobalOptions helper', () => {
  it('matches what an empty command line on a pipe parses to, with a fixed zone', () => {
    expect(testGlobalOptions()).toEqual({ ...parse({}), tz: 'Asia/Shanghai' });
    expect(testGlobalOptions({ format: 'csv', limit: 2 })).toMatchObject({ format: 'csv', limit: 2, retries: 3 });
  });
});
