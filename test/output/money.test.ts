// Yuan to fen and back: exact sums and rejected non-amounts.
import { describe, expect, it } from 'vitest';
import { fenToYuan, toFen } from '../../src/output/money.js';

describe('toFen', () => {
  it('turns yuan into whole fen without float error', () => {
    expect(toFen(0.57)).toBe(57);
    expect(toFen(1.1)).toBe(110);
    expect(toFen(19.99)).toBe(1999);
    expect(toFen(0)).toBe(0);
    expect(toFen(-3.5)).toBe(-350);
  });

  it('accepts numeric strings', () => {
    expect(toFen('12.3')).toBe(1230);
    expect(toFen(' 0.07 ')).toBe(7);
  });

  it('never returns negative zero', () => {
    expect(Object.is(toFen(-0.001), 0)).toBe(true);
  });

  it('rejects what is not an amount, including a blank string', () => {
    for (const bad of ['', '  ', 'abc', Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => toFen(bad)).toThrow(RangeError);
    }
  });
});

describe('fenToYuan', () => {
  it('gives yuan with at most two decimals', () => {
    expect(fenToYuan(57)).toBe(0.57);
    expect(fenToYuan(1230)).toBe(12.3);
    expect(fenToYuan(12_345_678_901)).toBe(123_456_789.01);
  });

  it('keeps sums exact when added in fen', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(fenToYuan(toFen(0.1) + toFen(0.2))).toBe(0.3);
    let fen = 0;
    for (let i = 0; i < 1_000; i++) fen += toFen(0.01);
    expect(fenToYuan(fen)).toBe(10);
  });
});
