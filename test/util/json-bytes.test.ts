// parseJsonBytes must give exactly what JSON.parse of the decoded body gives, or undefined where JSON.parse
// throws (or would read the body differently); never a value JSON.parse would not give.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KnownKeys, parseJsonBytes, readJsonBytes } from '../../src/util/json-bytes.js';
import { seededRandom } from '../helpers/context.js';
import { mutatedJson } from '../helpers/json-mutations.js';

const KEYS = new KnownKeys(['userid', 'users', 'name', 'type', 'watch_time', 'is_mic']);

/** JSON.parse of the body as the HTTP client decodes it, or a marker when it throws. */
function reference(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return THROWS;
  }
}
const THROWS = Symbol('JSON.parse throws');

/** Asserts the contract for one body: the same value (-0 and key order included), or undefined. */
function expectExact(bytes: Buffer): void {
  const quick = parseJsonBytes(bytes, KEYS);
  const expected = reference(bytes);
  if (expected === THROWS) {
    expect(quick, bytes.toString('utf8')).toBeUndefined();
    return;
  }
  if (quick === undefined) return;
  const same = isDeepStrictEqual(quick, expected) && JSON.stringify(quick) === JSON.stringify(expected);
  expect(same, bytes.toString('utf8')).toBe(true);
}

function randomValue(random: () => number, depth: number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const kind = Math.floor(random() * (depth > 3 ? 6 : 8));
  switch (kind) {
    case 0:
      return pick([0, 7, 42, 123456789012345, 1234567890123456, 9007199254740993, -1, -0, 0.5, 1e21, 1.5e-7, 3.14]);
    case 1:
      return pick(['', 'sbx_1', '张伟', 'Zoë', '🐼熊猫', 'a"b', 'back\\slash', 'line\nbreak', '\u001b[31m', 'tab\t', '\u2028', '\ud800']);
    case 2:
      return pick([true, false, null]);
    case 3:
      return Math.floor(random() * 100_000);
    case 4:
      return `u${Math.floor(random() * 1000)}`;
    case 5:
      return pick(['wmdxsg2d3000', 'Smith, John', '=HYPERLINK("x")', 'José Núñez']);
    case 6: {
      const list: unknown[] = [];
      for (let i = Math.floor(random() * 4); i > 0; i--) list.push(randomValue(random, depth + 1));
      return list;
    }
    default: {
      const object: Record<string, unknown> = {};
      for (let i = Math.floor(random() * 5); i > 0; i--) {
        object[pick(['userid', 'users', 'name', 'type', 'watch_time', 'is_mic', 'other', 'user', 'useridx', '键', 'a b'])] = randomValue(
          random,
          depth + 1,
        );
      }
      return object;
    }
  }
}


describe('parseJsonBytes', () => {
  it('reads a get_watch_stat page exactly as JSON.parse does', () => {
    const page = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'wecom', 'page-1.json'));
    expect(parseJsonBytes(page, KEYS)).toStrictEqual(JSON.parse(page.toString('utf8')));
  });

  it('gives the same values as JSON.parse for thousands of random documents', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 3000; i++) {
      // Compact, or laid out with line breaks and indentation (JSON's whitespace between tokens).
      const text = JSON.stringify(randomValue(random, 0), null, ['', ' ', '\t'][i % 3]);
      const bytes = Buffer.from(i % 4 === 3 ? ` \r\n${text}\n` : text);
      // Every one of these is valid JSON: the quick reader must take it, not only decline it.
      expect(parseJsonBytes(bytes, KEYS), text).not.toBeUndefined();
      expectExact(bytes);
    }
  });

  it('never accepts what JSON.parse refuses, byte mutations of valid documents included', () => {
    const random = seededRandom(11);
    for (let i = 0; i < 4000; i++) expectExact(Buffer.from(mutatedJson(JSON.stringify(randomValue(random, 0)), random)));
  });

  it.each([
    ['an empty body', ''],
    ['a trailing comma in an object', '{"a":1,}'],
    ['a trailing comma in an array', '[1,]'],
    ['a missing colon', '{"a" 1}'],
    ['a missing comma', '[1 2]'],
    ['leading zeros', '{"a":007}'],
    ['a lone minus', '-'],
    ['a plus sign', '+1'],
    ['a truncated literal', '[tru]'],
    ['an unterminated string', '{"a":"b'],
    ['a raw control character in a string', '"a\u0001b"'],
    ['an unknown escape', '"\\x41"'],
    ['text after the value', '{} {}'],
    ['single quotes', "{'a':1}"],
    ['a byte order mark (JSON.parse of the decoded text refuses it too)', '\uFEFF{}'],
  ])('leaves %s to JSON.parse', (_name, text) => {
    expect(parseJsonBytes(Buffer.from(text), KEYS)).toBeUndefined();
  });

  it('reads numbers of every form as JSON.parse does, -0 and the 16th digit included', () => {
    for (const text of ['0', '-0', '12', '-12', '1.5', '1e3', '1E-3', '2.5e+2', '123456789012345', '1234567890123456', '9007199254740993', '1e400']) {
      const value = parseJsonBytes(Buffer.from(`[${text}]`), KEYS) as number[];
      expect(Object.is(value[0], JSON.parse(text)), text).toBe(true);
    }
  });

  it('decodes escapes and UTF-8 as JSON.parse does, invalid UTF-8 included', () => {
    for (const text of ['"\\u0041\\n\\"\\\\\\/"', '"\\ud83d\\udc3c"', '"\\ud800"', '"直播 🐼"']) {
      expect(parseJsonBytes(Buffer.from(text), KEYS)).toBe(JSON.parse(text));
    }
    const invalid = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe7, 0x9b, 0x22, 0x7d]); // {"a":"<cut-off 直>"}
    expect(parseJsonBytes(invalid, KEYS)).toEqual(JSON.parse(invalid.toString('utf8')));
    expect(parseJsonBytes(Buffer.from([0x5b, 0xff, 0x5d]), KEYS)).toBeUndefined();
  });

  it('leaves deep nesting to JSON.parse instead of running out of stack', () => {
    const deep = Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(parseJsonBytes(deep, KEYS)).toBeUndefined();
    const nested = Buffer.from(`${'{"a":'.repeat(64)}1${'}'.repeat(64)}`);
    expect(parseJsonBytes(nested, KEYS)).toEqual(JSON.parse(nested.toString()));
  });

  it('keeps the first place and the last value of a repeated key', () => {
    const text = '{"name":1,"other":2,"name":3}';
    const value = parseJsonBytes(Buffer.from(text), KEYS);
    expect(JSON.stringify(value)).toBe(JSON.stringify(JSON.parse(text)));
  });

  it('makes "__proto__" no prototype: such a body is left to JSON.parse', () => {
    const text = '{"__proto__":{"polluted":true}}';
    expect(parseJsonBytes(Buffer.from(text), KEYS)).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives a known key as the one shared string, and a key spelled with an escape equal to it', () => {
    const value = parseJsonBytes(Buffer.from('[{"userid":"a"},{"user\\u0069d":"b"},{"users":[]}]'), KEYS) as object[];
    expect(value.map((v) => Object.keys(v)[0])).toEqual(['userid', 'userid', 'users']);
  });

  it('refuses a known key that is not plain ASCII', () => {
    expect(() => new KnownKeys(['名'])).toThrow(/plain ASCII/);
    expect(() => new KnownKeys(['a"b'])).toThrow(/plain ASCII/);
  });
});

describe('readJsonBytes', () => {
  it('walks a document token by token, whitespace anywhere between them', () => {
    const body = Buffer.from(' { "users" : [ { "userid" : "a" , "watch_time" : 5 } , { "name" : null } ] } \n');
    const seen = readJsonBytes(body, KEYS, (reader) => {
      const out: unknown[] = [];
      if (reader.openObject()) {
        do {
          out.push(reader.memberKey());
          if (reader.openArray()) {
            do {
              if (reader.openObject()) {
                do out.push(reader.memberKey(), reader.value());
                while (reader.nextMember());
              }
            } while (reader.nextElement());
          }
        } while (reader.nextMember());
      }
      reader.end();
      return out;
    });
    expect(seen).toEqual(['users', 'userid', 'a', 'watch_time', 5, 'name', null]);
  });

  it('gives undefined when the reader gives up or meets a token of another kind', () => {
    expect(readJsonBytes(Buffer.from('{}'), KEYS, (reader) => reader.giveUp())).toBeUndefined();
    expect(readJsonBytes(Buffer.from('[1]'), KEYS, (reader) => reader.openObject())).toBeUndefined();
    expect(readJsonBytes(Buffer.from('"a"'), KEYS, (reader) => reader.number())).toBeUndefined();
    expect(readJsonBytes(Buffer.from('5'), KEYS, (reader) => reader.stringOrNull())).toBeUndefined();
    // Anything after the value: end() refuses it, as JSON.parse does.
    expect(readJsonBytes(Buffer.from('5 5'), KEYS, (reader) => [reader.number(), reader.end()])).toBeUndefined();
  });

  it('lets any other error through: a bug in a reader is not a body to give up', () => {
    expect(() =>
      readJsonBytes(Buffer.from('{}'), KEYS, () => {
        throw new TypeError('a bug');
      }),
    ).toThrow(TypeError);
  });
});
