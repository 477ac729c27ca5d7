// The global options of the contract, turned from commander's raw values into one typed, validated object.
// Validation errors are usage errors (exit 2) that name the option.
import { extname } from 'node:path';
import { ConfigError, UsageError } from '../errors.js';
import { LOG_FORMATS, logFormatOf, type LogFormat } from '../io/log.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../output/sink.js';

export interface GlobalOptions {
  /** The format to write; decided from --format, --json/--csv/--excel, the -o extension, then the terminal. */
  format: OutputFormat;
  /** True when the user chose the format (--format, --json, --csv, --excel or an -o extension). */
  formatExplicit: boolean;
  output: string | undefined;
  fields: string[] | undefined;
  limit: number | undefined;
  summary: boolean;
  excel: boolean;
  tz: string;
  profile: string;
  timeoutMs: number;
  retries: number;
  concurrency: number | undefined;
  dryRun: boolean;
  verbose: boolean;
  quiet: boolean;
  sandbox: boolean;
  color: boolean;
  /** Language of column headers and report labels (JSON keys never change). */
  headers: HeaderLanguage;
  /** --wide / --no-trunc: tables print every value whole, whatever the terminal's width. */
  wide: boolean;
  /** stderr as text lines or one JSON object per line (--log-format, LIVESTATS_LOG_FORMAT). */
  logFormat: LogFormat;
}

/** What commander hands over (strings and booleans, unvalidated). */
export interface RawGlobalOptions {
  format?: string;
  json?: boolean;
  csv?: boolean;
  ndjson?: boolean;
  output?: string;
  fields?: string;
  limit?: string;
  summary?: boolean;
  excel?: boolean;
  tz?: string;
  profile?: string;
  timeout?: string;
  retries?: string;
  concurrency?: string;
  dryRun?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  sandbox?: boolean;
  color?: boolean;
  headers?: string;
  wide?: boolean;
  /** commander's name for --no-trunc: false when it was given. */
  trunc?: boolean;
  logFormat?: string;
}

export const HEADER_LANGUAGES = ['en', 'zh'] as const;
export type HeaderLanguage = (typeof HEADER_LANGUAGES)[number];

function parseHeaders(raw: string | undefined): HeaderLanguage {
  if (raw === undefined) return 'en';
  const value = raw.trim().toLowerCase();
  if (!HEADER_LANGUAGES.includes(value as HeaderLanguage)) {
    throw new UsageError(`--headers must be one of ${HEADER_LANGUAGES.join(', ')}, got ${JSON.stringify(raw)}`);
  }
  return value as HeaderLanguage;
}

/** --log-format (a usage error when bad), else LIVESTATS_LOG_FORMAT (a configuration error when bad), else text. */
function decideLogFormat(flag: string | undefined, env: Record<string, string | undefined>): LogFormat {
  if (flag !== undefined) {
    const format = logFormatOf(flag);
    if (!format) throw new UsageError(`--log-format must be one of ${LOG_FORMATS.join(', ')}, got ${JSON.stringify(flag)}`);
    return format;
  }
  const fromEnv = env.LIVESTATS_LOG_FORMAT;
  if (fromEnv === undefined || fromEnv === '') return 'text';
  const format = logFormatOf(fromEnv);
  if (!format) {
    throw new ConfigError(`LIVESTATS_LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}, got ${JSON.stringify(fromEnv)}`, { hint: 'Fix or unset LIVESTATS_LOG_FORMAT.' });
  }
  return format;
}

/** `report`'s page: an .html file names no row format (report checks that it is given nothing else). */
export function isPageFile(output: string | undefined): boolean {
  return output !== undefined && /\.html?$/i.test(output);
}

const EXTENSION_FORMATS: Record<string, OutputFormat> = {
  '.csv': 'csv',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.xlsx': 'xlsx',
};

export function parseInteger(option: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = raw.trim();
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`${option} must be a whole number ${range}, got ${JSON.stringify(raw)}`);
  }
  return Number(value);
}

export function checkTimeZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new UsageError(`--tz: unknown time zone ${JSON.stringify(zone)}`, {
      hint: 'Use an IANA zone name such as Asia/Shanghai or UTC.',
    });
  }
}

/** A POSIX TZ with a fixed offset and no daylight rule ("CST-8", "UTC0", "<+0530>-5:30" is refused: Etc/ has whole hours). */
const POSIX_FIXED = /^(?:[A-Za-z]{3,}|<[A-Za-z0-9+-]+>)([+-]?)(\d{1,2})$/;

/** TZ as Node reads it: an IANA name, a POSIX fixed offset (as the Etc/GMT zone Node's clock uses), or a file path. */
function zoneFromTZ(raw: string): string {
  const value = raw.replace(/^:/, '');
  try {
    return checkTimeZone(value);
  } catch {
    // Not an IANA name: tried as the other forms Node accepts below.
  }
  const fixed = POSIX_FIXED.exec(value);
  if (fixed && Number(fixed[2]) <= 14) {
    const hours = Number(fixed[2]);
    // POSIX counts west of Greenwich as positive, as the Etc/GMT names do: CST-8 is Etc/GMT-8, UTC+8.
    return hours === 0 ? 'UTC' : `Etc/GMT${fixed[1] === '-' ? '-' : '+'}${hours}`;
  }
  const system = value.startsWith('/') ? Intl.DateTimeFormat().resolvedOptions().timeZone : undefined;
  if (system) return system;
  throw new ConfigError(`TZ=${JSON.stringify(raw)} is not a time zone livestats can use`, {
    hint: 'Set TZ to an IANA zone such as Asia/Shanghai (or a fixed POSIX offset such as CST-8), or give --tz or LIVESTATS_TZ.',
  });
}

/** The zone when --tz is not given: LIVESTATS_TZ, the profile's `tz`, TZ, then the system zone. */
function defaultTimeZone(env: Record<string, string | undefined>, storedZone: StoredZone | undefined): string {
  if (env.LIVESTATS_TZ) {
    try {
      return checkTimeZone(env.LIVESTATS_TZ);
    } catch {
      throw new ConfigError(`LIVESTATS_TZ: unknown time zone ${JSON.stringify(env.LIVESTATS_TZ)}`, { hint: 'Use an IANA zone name such as Asia/Shanghai, or unset LIVESTATS_TZ.' });
    }
  }
  if (storedZone) {
    try {
      return checkTimeZone(storedZone.zone);
    } catch {
      throw new ConfigError(`tz in profile "${storedZone.profile}": unknown time zone ${JSON.stringify(storedZone.zone)}`, {
        hint: 'Fix it with `livestats config set tz <zone>` (an IANA name such as Asia/Shanghai).',
      });
    }
  }
  if (env.TZ) return zoneFromTZ(env.TZ);
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The `tz` setting of the run's profile, read from the settings file before the command runs (src/cli.ts). */
export interface StoredZone {
  profile: string;
  zone: string;
}

/** Format names that kubectl and aws take as `-o json`; here -o is a file, so the bare word is refused. */
const FORMAT_WORDS = new Set(['json', 'csv', 'table', 'ndjson', 'jsonl', 'xlsx', 'yaml', 'text', 'wide']);

/** -o takes a file name: `-o json` (the kubectl habit) and an extension that contradicts the chosen format are refused. */
function checkOutputName(output: string | undefined, chosen: OutputFormat | undefined): void {
  if (output === undefined || output === '-') return;
  if (FORMAT_WORDS.has(output.toLowerCase())) {
    throw new UsageError(`-o takes a file name, not a format: ${JSON.stringify(output)}`, {
      hint: `For the format give --${output.toLowerCase() === 'jsonl' ? 'ndjson' : output.toLowerCase()} or --format <format>; for a file of that name write ./${output}.`,
    });
  }
  const named = EXTENSION_FORMATS[extname(output).toLowerCase()];
  if (chosen !== undefined && named !== undefined && named !== chosen) {
    throw new UsageError(`conflicting output formats: ${chosen} and a ${named} file (-o ${output})`, {
      hint: `Give a file name ending in the format's extension, or leave out the format option and let the extension decide.`,
    });
  }
}

function decideFormat(raw: RawGlobalOptions, stdoutIsTTY: boolean): OutputFormat {
  const explicit: OutputFormat[] = [];
  if (raw.format !== undefined) {
    const format = raw.format.trim().toLowerCase();
    if (!OUTPUT_FORMATS.includes(format as OutputFormat)) {
      throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, got ${JSON.stringify(raw.format)}`);
    }
    explicit.push(format as OutputFormat);
  }
  if (raw.json) explicit.push('json');
  if (raw.csv) explicit.push('csv');
  if (raw.ndjson) explicit.push('ndjson');
  if (raw.excel) explicit.push('csv');
  const distinct = [...new Set(explicit)];
  if (distinct.length > 1) {
    throw new UsageError(`conflicting output formats: ${distinct.join(' and ')}`, {
      hint: 'Give one of --format, --json, --csv or --ndjson (--excel implies csv).',
    });
  }
  checkOutputName(raw.output, distinct[0]);
  if (distinct[0]) return distinct[0];
  // `-o -` is stdout, as in most Unix tools: the terminal decides the format.
  if (raw.output !== undefined && raw.output !== '-') {
    const byExtension = EXTENSION_FORMATS[extname(raw.output).toLowerCase()];
    if (byExtension) return byExtension;
    if (isPageFile(raw.output)) return stdoutIsTTY ? 'table' : 'json';
    throw new UsageError(`cannot tell the format of ${JSON.stringify(raw.output)} from its extension`, {
      hint: 'Use a .csv, .json, .ndjson, .jsonl or .xlsx file name, or give --format.',
    });
  }
  return stdoutIsTTY ? 'table' : 'json';
}

function parseFields(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const fields = raw
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  if (fields.length === 0) throw new UsageError('--fields needs at least one column name');
  return fields;
}

const PROFILE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The most requests in flight --concurrency allows: enough for Tencent's 200 calls per second to leave in two
 * round trips (its default), while a typo cannot open thousands of connections to a provider.
 */
export const MAX_CONCURRENCY = 100;

const profileProblem = (name: string): string => `profile name ${JSON.stringify(name)} may contain only letters, digits, "-" and "_"`;

/** A profile name given on the command line (--profile, `config delete-profile`); a bad one is a usage error. */
export function checkProfileName(name: string): string {
  if (!PROFILE_NAME.test(name)) throw new UsageError(profileProblem(name));
  return name;
}

/** --profile, else LIVESTATS_PROFILE (an empty one counts as unset), else "default". */
function decideProfile(flag: string | undefined, env: Record<string, string | undefined>): string {
  if (flag !== undefined) return checkProfileName(flag);
  const fromEnv = env.LIVESTATS_PROFILE;
  if (fromEnv === undefined || fromEnv === '') return 'default';
  // A malformed value found in the environment is a configuration error (exit 3), not a usage error.
  if (!PROFILE_NAME.test(fromEnv)) throw new ConfigError(`LIVESTATS_PROFILE: ${profileProblem(fromEnv)}`, { hint: 'Fix or unset LIVESTATS_PROFILE.' });
  return fromEnv;
}

export function parseGlobalOptions(
  raw: RawGlobalOptions,
  env: Record<string, string | undefined>,
  stdoutIsTTY: boolean,
  storedZone?: StoredZone,
): GlobalOptions {
  if (raw.output !== undefined && raw.output.trim() === '') throw new UsageError('--output needs a file name');
  const format = decideFormat(raw, stdoutIsTTY);
  if (raw.excel && format !== 'csv') throw new UsageError('--excel writes CSV; it cannot be combined with --format ' + format);
  // A workbook is binary: on a terminal it would only scramble the screen. A pipe may take it.
  if (format === 'xlsx' && (raw.output === undefined || raw.output === '-') && stdoutIsTTY) {
    throw new UsageError('--format xlsx writes a binary workbook; it cannot be shown on a terminal', {
      hint: 'Give a file with -o, e.g. -o stats.xlsx, or redirect stdout to a file.',
    });
  }
  const profile = decideProfile(raw.profile, env);
  // An explicit --tz is checked now (a usage error before any work); the default zone is looked up on first use
  // (an odd TZ or LIVESTATS_TZ fails only the commands that need a zone): the first Intl time-zone lookup is slow.
  const tz = raw.tz === undefined ? undefined : checkTimeZone(raw.tz);
  let systemZone: string | undefined;
  return {
    format,
    formatExplicit:
      raw.format !== undefined ||
      raw.json === true ||
      raw.csv === true ||
      raw.ndjson === true ||
      raw.excel === true ||
      (raw.output !== undefined && raw.output !== '-' && !isPageFile(raw.output)),
    output: raw.output === '-' ? undefined : raw.output,
    fields: parseFields(raw.fields),
    limit: raw.limit === undefined ? undefined : parseInteger('--limit', raw.limit, 1),
    summary: raw.summary === true,
    excel: raw.excel === true,
    get tz() {
      return tz ?? (systemZone ??= defaultTimeZone(env, this.sandbox ? undefined : storedZone));
    },
    profile,
    timeoutMs: raw.timeout === undefined ? 15_000 : parseInteger('--timeout', raw.timeout, 1, 600_000),
    retries: raw.retries === undefined ? 3 : parseInteger('--retries', raw.retries, 0, 20),
    concurrency: raw.concurrency === undefined ? undefined : parseInteger('--concurrency', raw.concurrency, 1, MAX_CONCURRENCY),
    dryRun: raw.dryRun === true,
    verbose: raw.verbose === true,
    quiet: raw.quiet === true,
    sandbox: raw.sandbox === true,
    color: raw.color !== false,
    headers: parseHeaders(raw.headers),
    wide: raw.wide === true || raw.trunc === false,
    logFormat: decideLogFormat(raw.logFormat, env),
  };
}
