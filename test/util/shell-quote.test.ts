// Shell quoting: the always-quoted and the bare-when-safe forms, byte for byte, and read back by a real sh.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellArg, shellQuote } from '../../src/util/shell-quote.js';

describe('shellQuote', () => {
  it('always writes one single-quoted word', () => {
    expect(shellQuote('')).toBe(`''`);
    expect(shellQuote('sandbox-8')).toBe(`'sandbox-8'`);
    expect(shellQuote('lv 1')).toBe(`'lv 1'`);
    expect(shellQuote("it's $HOME")).toBe(`'it'\\''s $HOME'`);
    expect(shellQuote("''")).toBe(`''\\'''\\'''`);
  });
});

describe('shellArg', () => {
  it('leaves a plainly safe word bare', () => {
    expect(shellArg('sandbox-8')).toBe('sandbox-8');
    expect(shellArg('http://127.0.0.1:8080/a_b,c=d+e@f%g')).toBe('http://127.0.0.1:8080/a_b,c=d+e@f%g');
  });

  it('quotes the empty string, spaces, quotes and anything a shell would expand', () => {
    expect(shellArg('')).toBe(`''`);
    expect(shellArg('lv 1')).toBe(`'lv 1'`);
    expect(shellArg("it's $HOME")).toBe(`'it'\\''s $HOME'`);
    expect(shellArg('*.csv')).toBe(`'*.csv'`);
    expect(shellArg('~/x')).toBe(`'~/x'`);
  });
});

describe('a POSIX shell', () => {
  it('reads each quoted value back as the same single word', () => {
    const values = ['', 'plain', 'lv 1', "it's", "''", '$HOME `id` \\n', '*', 'a\nb', '直播 1'];
    for (const quote of [shellQuote, shellArg]) {
      const script = `printf '%s\\0' ${values.map(quote).join(' ')}`;
      expect(execFileSync('sh', ['-c', script], { encoding: 'utf8' }).split('\0').slice(0, -1)).toEqual(values);
    }
  });
});
