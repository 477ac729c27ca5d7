// The account list of `gifts`: from --from values, then --from-file (a path, or "-" for standard input).
// One account a line, trimmed; blank and `null` lines, a UTF-8 BOM and CR line ends tolerated; duplicates dropped,
// order kept.
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { UsageError } from '../../errors.js';

export interface AccountSources {
  from?: readonly string[] | undefined;
  fromFile?: string | undefined;
}

export interface AccountReaders {
  stdin: Readable;
  readText?: (path: string) => Promise<string>;
}

/**
 * An id piped from another export that had none: an empty CSV cell (a blank line) or `null` as `jq -r` prints it
 * (external viewers of `watch` have no userid).
 */
function isNoAccount(line: string): boolean {
  return line === '' || line === 'null';
}

/** Splits text into accounts: BOM stripped, LF / CRLF / CR line ends, each line trimmed, blanks and nulls skipped. */
export function splitAccountLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => !isNoAccount(line));
}

/** First occurrence wins, so the output follows the order the user gave. */
export function uniqueAccounts(accounts: Iterable<string>): string[] {
  return [...new Set(accounts)];
}

async function readStream(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function readAccountFile(path: string, readers: AccountReaders): Promise<string> {
  if (path === '-') return readStream(readers.stdin);
  try {
    return await (readers.readText ?? ((p) => readFile(p, 'utf8')))(path);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(code ?? error);
    throw new UsageError(`--from-file: cannot read ${JSON.stringify(path)}: ${why}`, {
      hint: 'Give a readable text file with one account per line, or "-" to read standard input.',
    });
  }
}

/** --from and --from-file combine (--from first); no account at all is a usage error. */
export async function collectAccounts(sources: AccountSources, readers: AccountReaders): Promise<string[]> {
  if (sources.from === undefined && sources.fromFile === undefined) {
    throw new UsageError('gifts needs accounts: give --from <account...> or --from-file <path|->');
  }
  const given = (sources.from ?? []).map((a) => a.trim()).filter((a) => a !== '');
  const fromFile = sources.fromFile === undefined ? [] : splitAccountLines(await readAccountFile(sources.fromFile, readers));
  const accounts = uniqueAccounts([...given, ...fromFile]);
  if (accounts.length === 0) {
    const where = sources.fromFile === '-' ? 'standard input' : sources.fromFile ? JSON.stringify(sources.fromFile) : '--from';
    throw new UsageError(`gifts needs at least one account; none found in ${where}`, {
      hint: 'List one account per line; blank lines are skipped.',
    });
  }
  return accounts;
}
