import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { collectAccounts, splitAccountLines } from '../../../src/providers/tencent/accounts.js';

const noStdin = { stdin: Readable.from([]) };

function tempFile(content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'livestats-accounts-')), 'accounts.txt');
  writeFileSync(path, content);
  return path;
}

describe('splitAccountLines', () => {
  it('trims lines, skips blank ones and accepts LF, CRLF and lone CR line ends', () => {
    expect(splitAccountLines('alice\r\n  bob  \n\n\t\ncarol\rdave\r\n')).toEqual(['alice', 'bob', 'carol', 'dave']);
  });

  it('drops a UTF-8 byte order mark so the first account is not "\\uFEFFalice"', () => {
    expect(splitAccountLines('\uFEFFalice\nbob')).toEqual(['alice', 'bob']);
  });

  it('skips the ids a piped export did not have: empty cells and `null` as jq -r prints it', () => {
    expect(splitAccountLines('sbx_0\n\nnull\nsbx_1\n  null  \nnullable\n')).toEqual(['sbx_0', 'sbx_1', 'nullable']);
  });
});

describe('collectAccounts', () => {
  it('drops duplicates and keeps the first-seen order', async () => {
    const accounts = await collectAccounts({ from: ['bob', 'alice', 'bob', ' alice ', 'carol'] }, noStdin);
    expect(accounts).toEqual(['bob', 'alice', 'carol']);
  });

  it('reads a CRLF file with a BOM from disk', async () => {
    const path = tempFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('用户一\r\nuser2\r\n\r\nuser2\r\n')]));
    expect(await collectAccounts({ fromFile: path }, noStdin)).toEqual(['用户一', 'user2']);
  });

  it('reads standard input for "-"', async () => {
    const stdin = Readable.from([Buffer.from('a\nb\n'), Buffer.from('a\nc')]);
    expect(await collectAccounts({ fromFile: '-' }, { stdin })).toEqual(['a', 'b', 'c']);
  });

  it('combines --from (first) with --from-file, without repeating an account', async () => {
    const path = tempFile('carol\nalice\n');
    expect(await collectAccounts({ from: ['alice', 'bob'], fromFile: path }, noStdin)).toEqual(['alice', 'bob', 'carol']);
  });

  it('is a usage error naming the path when the file cannot be read', async () => {
    const missing = join(tmpdir(), 'livestats-no-such-dir', 'accounts.txt');
    const error = await collectAccounts({ fromFile: missing }, noStdin).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toContain(missing);
    expect((error as UsageError).message).toContain('no such file');
  });

  it('is a usage error when no account is given at all', async () => {
    await expect(collectAccounts({}, noStdin)).rejects.toThrow(/--from <account\.\.\.> or --from-file/);
  });

  it('is a usage error when the input holds only blank lines', async () => {
    const stdin = Readable.from([Buffer.from('\n  \r\n\n')]);
    const error = await collectAccounts({ fromFile: '-' }, { stdin }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain('standard input');
  });
});
