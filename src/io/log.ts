// Every line livestats writes to stderr: today's `livestats: …` text, or with --log-format json one JSON object
// per line (time, level, message and fields). Everything passes through the redactor; callers decide what to say.
import type { Writable } from 'node:stream';
import type { Redactor } from '../http/redact.js';

export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A --log-format or LIVESTATS_LOG_FORMAT value, any case and spacing; undefined when it names no format. */
export function logFormatOf(raw: string | undefined): LogFormat | undefined {
  const value = raw?.trim().toLowerCase();
  return LOG_FORMATS.find((format) => format === value);
}

/** Extra keys of a JSON line; undefined ones are left out. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface LogFailure {
  message: string;
  hint?: string | undefined;
  /** A stack trace (--verbose): its own text lines, or a debug object before the error object. */
  stack?: string | undefined;
  fields?: LogFields;
}

export class Logger {
  format: LogFormat = 'text';

  /** `stderr` is a getter so that the system stream is built only when something is written. */
  constructor(
    private readonly stderr: () => Writable,
    private readonly redactor: Redactor,
    private readonly now: () => number,
  ) {}

  get json(): boolean {
    return this.format === 'json';
  }

  /** A note for the user: `livestats: <message>`. */
  info(message: string, fields?: LogFields): void {
    if (this.json) this.object('info', message, fields);
    else this.text(`livestats: ${message}`);
  }

  warn(message: string): void {
    if (this.json) this.object('warn', message);
    else this.text(`livestats: warning: ${message}`);
  }

  /** A --verbose line; in text mode it starts with the ISO time so slow requests show in the log itself. */
  debug(message: string): void {
    if (this.json) this.object('debug', message);
    else this.text(`${new Date(this.now()).toISOString()} livestats: ${message}`);
  }

  /** The run's failure: message and hint lines in text mode, one error object (last) in json mode. */
  error(failure: LogFailure): void {
    if (this.json) {
      if (failure.stack) this.object('debug', failure.stack);
      this.object('error', failure.message, { ...failure.fields, hint: failure.hint });
      return;
    }
    this.text(`livestats: ${failure.message}`);
    if (failure.hint) this.text(`  hint: ${failure.hint}`);
    if (failure.stack) this.text(failure.stack);
  }

  /** The closing summary of a successful export: json mode only (text mode stays as it was). */
  done(fields: LogFields): void {
    if (this.json) this.object('info', 'done', fields);
  }

  private text(line: string): void {
    this.stderr().write(`${this.redactor.text(line)}\n`);
  }

  private object(level: LogLevel, message: string, fields: LogFields = {}): void {
    const entry: Record<string, unknown> = { time: new Date(this.now()).toISOString(), level, message: this.redactor.text(message) };
    // time, level and message come first and cannot be replaced by a field.
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined || key in entry) continue;
      entry[key] = typeof value === 'string' ? this.redactor.text(value) : value;
    }
    this.stderr().write(`${JSON.stringify(entry)}\n`);
  }
}

/**
 * The format before the command line is parsed (main must report a usage error in it too): the last
 * `--log-format json|text` on argv, else LIVESTATS_LOG_FORMAT, else text (a bad value is reported later).
 */
export function detectLogFormat(argv: readonly string[], env: Record<string, string | undefined>): LogFormat {
  let flag: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    if (arg === '--log-format') flag = argv[i + 1];
    else if (arg.startsWith('--log-format=')) flag = arg.slice('--log-format='.length);
  }
  return logFormatOf(flag) ?? logFormatOf(env.LIVESTATS_LOG_FORMAT) ?? 'text';
}
