// src/util/zod.ts sets zod/mini's messages to English before any schema is built (which source files may import
// zod, and how, is eslint.config.js's rule).
import { describe, expect, it } from 'vitest';
import * as z from '../../src/util/zod.js';

describe('zod through src/util/zod.ts', () => {
  it('says what is wrong in English', () => {
    expect(z.string().safeParse(1).error?.issues[0]?.message).toBe('Invalid input: expected string, received number');
  });
});
