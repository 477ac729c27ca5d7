// Control characters replaced before text reaches a terminal, and cutting text by display width.
import { describe, expect, it } from 'vitest';
import { displayWidth, NEWLINE_MARK, REPLACEMENT, terminalSafe, truncateToWidth } from '../../src/output/terminal-text.js';

describe('terminalSafe', () => {
  it('leaves ordinary text, CJK and emoji alone', () => {
    expect(terminalSafe('张三 Zhang, "Jo" 👍')).toBe('张三 Zhang, "Jo" 👍');
  });

  it('replaces ESC so no escape sequence reaches the terminal', () => {
    expect(terminalSafe('a\u001b[2Jb')).toBe(`a${REPLACEMENT}[2Jb`);
    expect(terminalSafe('\u001b]0;title\u0007')).toBe(`${REPLACEMENT}]0;title${REPLACEMENT}`);
  });

  it('replaces BEL, DEL, NUL and the one-byte C1 CSI', () => {
    expect(terminalSafe('\u0007\u007f\u0000\u009b31m')).toBe(`${REPLACEMENT.repeat(3)}${REPLACEMENT}31m`);
  });

  it('replaces bidi overrides, isolates and marks', () => {
    const text = 'x\u202eevil\u202c\u2066y\u2069\u200f\u061c';
    const safe = terminalSafe(text);
    expect(safe).toBe(`x${REPLACEMENT}evil${REPLACEMENT}${REPLACEMENT}y${REPLACEMENT}${REPLACEMENT}${REPLACEMENT}`);
  });

  it('shows every kind of line break as one mark and a tab as a space', () => {
    expect(terminalSafe('a\r\nb\nc\rd\u2028e\tf')).toBe(`a${NEWLINE_MARK}b${NEWLINE_MARK}c${NEWLINE_MARK}d${NEWLINE_MARK}e f`);
  });
});

describe('truncateToWidth', () => {
  it('keeps text that fits', () => {
    expect(truncateToWidth('abc', 3)).toBe('abc');
    expect(truncateToWidth('张三', 4)).toBe('张三');
  });

  it('cuts by display width and never splits a wide character', () => {
    const cut = truncateToWidth('张三李四王五', 6);
    expect(cut).toBe('张三…');
    expect(displayWidth(cut)).toBeLessThanOrEqual(6);
  });

  it('cuts ASCII to exactly the width with the ellipsis', () => {
    expect(truncateToWidth('abcdefghij', 5)).toBe('abcd…');
  });

  it('does not split a grapheme made of several code points', () => {
    const family = '👨‍👩‍👧';
    const cut = truncateToWidth(`a${family}${family}${family}bcdefgh`, 6);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.replace('…', '').replaceAll(family, '')).toBe('a');
  });
});
