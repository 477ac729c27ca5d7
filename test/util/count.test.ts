import { describe, expect, it } from 'vitest';
import { formatCount } from '../../src/util/count.js';

describe('formatCount', () => {
  it('writes counts as en-US does, without Intl', () => {
    for (const n of [0, 7, 999, 1000, 12345, 999999, 1000000, 1234567890, -1, -1234]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    }
  });
});
