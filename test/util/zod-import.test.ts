// src/ reaches zod only through src/util/zod.ts, which is zod/mini with English messages: classic zod (`from 'zod'`,
// 'zod/v4', …) would put all of zod back into every export's start-up, and a `z` object instead of a namespace
// import would keep all of zod/mini.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from '../../src/util/zod.js';

const SRC = join(import.meta.dirname, '..', '..', 'src');
const ZOD_MODULE = 'util/zod.ts';
const ALLOWED_IN_ZOD_MODULE = ['zod/mini', 'zod/v4/locales/en.js'];

const sources = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file: relative(SRC, join(SRC, file)).split(sep).join('/'), text: readFileSync(join(SRC, file), 'utf8') }));

/** Every module specifier: import/export … from, bare import, import() and require(). */
function specifiers(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom|\bimport|\bimport\s*\(|\brequire\s*\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

describe('zod in src/', () => {
  it('is imported only by src/util/zod.ts, and only as zod/mini and its English locale', () => {
    expect(sources.length).toBeGreaterThan(50);
    const found = sources.flatMap(({ file, text }) =>
      specifiers(text)
        .filter((spec) => /^zod(\/|$)/.test(spec))
        .map((spec) => `${file}: ${spec}`),
    );
    expect([...new Set(found)].sort()).toEqual(ALLOWED_IN_ZOD_MODULE.map((spec) => `${ZOD_MODULE}: ${spec}`).sort());
  });

  it('is imported from src/util/zod.ts as a namespace', () => {
    const imports = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/^import\s+([^'";]*?)\s+from\s+['"][./]*util\/zod\.js['"]/gm)].map((m) => `${file}: ${m[1]}`),
    );
    expect(imports.length).toBeGreaterThan(5);
    expect(imports.filter((line) => !/: (type )?\* as z$/.test(line))).toEqual([]);
  });

  it('says what is wrong in English', () => {
    expect(z.string().safeParse(1).error?.issues[0]?.message).toBe('Invalid input: expected string, received number');
  });
});
