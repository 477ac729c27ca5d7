// readWatchStatBody against the general path it stands in for: JSON.parse, envelopeSchema, watchStatSchema,
// then pageRows. Whenever it reads a page into rows, the general path must accept the same body and make the
// same rows of it, -0 and key order included; otherwise it gives what parseJsonBytes gives.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseResponse } from '../../../src/http/validate.js';
import { readWatchStatBody, WatchRowsPage } from '../../../src/providers/wecom/page-bytes.js';
import { pageRows, type WatchRow } from '../../../src/providers/wecom/rows.js';
import { envelopeSchema, watchStatSchema } from '../../../src/providers/wecom/schemas.js';
import { seededRandom } from '../../helpers/context.js';
import { mutatedJson } from '../../helpers/json-mutations.js';

const LIVING = 'lv_1';
const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'wecom');
const WHERE = { provider: 'WeCom', endpoint: 'get_watch_stat' };

interface ReadPage {
  ending: number;
  next_key: string | undefined;
  rows: WatchRow[];
}

/** What the general path makes of a body: a success page's rows, or why it makes none. */
function generalPath(body: Buffer): ReadPage | 'not JSON' | 'error page' | 'refused' {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return 'not JSON';
  }
  try {
    if (parseResponse(envelopeSchema, value, WHERE).errcode !== 0) return 'error page';
    const page = parseResponse(watchStatSchema, value, WHERE);
    return { ending: page.ending, next_key: page.next_key, rows: pageRows(LIVING, page) };
  } catch {
    return 'refused';
  }
}

/** Asserts the promise for one body; returns whether it was read straight into rows. */
function expectSameAsGeneralPath(body: Buffer): boolean {
  const read = readWatchStatBody(body, LIVING);
  const general = generalPath(body);
  const text = body.toString('utf8');
  if (!(read instanceof WatchRowsPage)) {
    // Given up: then it is parseJsonBytes' answer, JSON.parse's value or undefined.
    if (read !== undefined) expect(isDeepStrictEqual(read, JSON.parse(text)), text).toBe(true);
    return false;
  }
  expect(typeof general, `${text}\nread into rows, but the general path says ${String(general)}`).toBe('object');
  const same = isDeepStrictEqual({ ending: read.ending, next_key: read.next_key, rows: read.rows }, general);
  expect(same, text).toBe(true);
  // What fetchPage and busyRetry read of it.
  expect(read.errcode).toBe(0);
  return true;
}

/** A token written as it is, for number spellings JSON.stringify never makes (-0, 1e400, 1E2). */
class Raw {
  constructor(readonly text: string) {}
}

/** JSON text with whitespace of the random's choosing between tokens. */
function toJson(value: unknown, random: () => number): string {
  const space = (): string => ['', '', '', ' ', '\n  ', '\t', '\r\n'][Math.floor(random() * 7)] as string;
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${space()}${value.map((v) => toJson(v, random)).join(`${space()},${space()}`)}${space()}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}${space()}:${space()}${toJson(v, random)}`);
    return `{${space()}${members.join(`${space()},${space()}`)}${space()}}`;
  }
  return JSON.stringify(value);
}

/** Watch times the schema refuses, or that read differently from how they are spelled. */
const ODD_TIMES = [0, new Raw('-0'), 2.5, new Raw('1e400'), -3, '30', null, new Raw('3E2')];

function randomPage(random: () => number): Record<string, unknown> {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const maybe = (p: number): boolean => random() < p;
  const text = (): unknown =>
    pick(['sbx_1', '', '张伟', 'Zoë', '🐼熊猫', 'a"b', 'line\nbreak', '\u001b[31m', 'Smith, John', '=1+1', '\ud800', null, 7, true]);
  const int = (): unknown => pick([0, 1, 2, new Raw('-0'), new Raw('1E0'), 1.5, -1, 9007199254740993, null, '1', true]);
  const viewer = (external: boolean): Record<string, unknown> => {
    const fields: Array<[string, () => unknown]> = [
      [external ? 'external_userid' : 'userid', () => (maybe(0.9) ? pick(['sbx_42', 'wmEXT', '', '用户', 'a\\b']) : text())],
      ['watch_time', () => (maybe(0.8) ? Math.floor(random() * 10_000) : pick(ODD_TIMES))],
      ['is_comment', int],
      ['is_mic', int],
      ['name', text],
      ['invitor_userid', text],
      ['invitor_external_userid', text],
      ['type', int],
      // Keys the schemas let through: WeCom's own additions, and the other kind of viewer's keys.
      [pick(['department', 'avatar', external ? 'userid' : 'external_userid', '__proto__']), () => pick([[1, 2], { a: [] }, 'x', null])],
    ];
    const viewer: Record<string, unknown> = {};
    for (const [key, value] of fields) {
      if (maybe(key === 'watch_time' || key.endsWith('userid') ? 0.95 : 0.5)) viewer[key] = value();
    }
    return viewer;
  };
  const list = (external: boolean): unknown =>
    maybe(0.9) ? Array.from({ length: Math.floor(random() * 4) }, () => viewer(external)) : pick([null, {}, 'x']);
  const statInfo: Record<string, unknown> = {};
  if (maybe(0.8)) statInfo.users = list(false);
  if (maybe(0.8)) statInfo.external_users = list(true);
  if (maybe(0.1)) statInfo.page_size = 100;
  const page: Record<string, unknown> = {};
  const top: Array<[string, () => unknown]> = [
    ['errcode', () => (maybe(0.85) ? 0 : pick([-1, 42001, new Raw('-0'), null, '0']))],
    ['errmsg', () => (maybe(0.9) ? 'ok' : pick([null, 0, 'o\\"k']))],
    ['ending', () => (maybe(0.9) ? pick([0, 1]) : pick([null, '1', 1.5, true]))],
    ['next_key', () => (maybe(0.9) ? pick(['', 'MTAwMC5k', 'k\u00e9y']) : pick([null, 5]))],
    ['stat_info', () => (maybe(0.95) ? statInfo : pick([null, [], 'x']))],
    ['request_trace', () => 't-42'],
  ];
  for (const [key, value] of top) {
    if (maybe(key === 'request_trace' ? 0.1 : 0.93)) page[key] = value();
  }
  return page;
}

/** Object keys in a random order: the reader must not depend on WeCom's order. */
function shuffled(value: unknown, random: () => number): unknown {
  if (value instanceof Raw || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => shuffled(v, random));
  const entries = Object.entries(value).map(([k, v]) => [k, shuffled(v, random)] as const);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return Object.fromEntries(entries);
}

describe('readWatchStatBody', () => {
  it('reads every success page among the fixtures into the general path’s rows, and nothing else', () => {
    const names = readdirSync(FIXTURES).filter((name) => name.endsWith('.json') && !name.startsWith('gettoken'));
    const readIntoRows: string[] = [];
    for (const name of names) {
      if (expectSameAsGeneralPath(readFileSync(join(FIXTURES, name)))) readIntoRows.push(name.replace('.json', ''));
    }
    expect(readIntoRows.sort()).toEqual([
      'empty-last-page',
      'empty-page-not-ending',
      'extra-fields',
      'last-page-without-next-key',
      'page-1',
      'page-2-last',
      'repeated-next-key',
      'seed-example',
    ]);
  });

  it('agrees with the general path on thousands of random pages, key order and whitespace included', () => {
    const random = seededRandom(23);
    let readIntoRows = 0;
    for (let i = 0; i < 4000; i++) {
      const page = i % 2 === 0 ? randomPage(random) : shuffled(randomPage(random), random);
      if (expectSameAsGeneralPath(Buffer.from(toJson(page, random)))) readIntoRows++;
    }
    // Not a test of the generator alone: a good share of the pages must take the quick way.
    expect(readIntoRows).toBeGreaterThan(400);
  });

  it('never reads into rows a body the general path refuses, byte mutations of a real page included', () => {
    const random = seededRandom(5);
    const page = readFileSync(join(FIXTURES, 'page-1.json'), 'utf8').replace(/\s+/g, '');
    for (let i = 0; i < 3000; i++) expectSameAsGeneralPath(Buffer.from(mutatedJson(page, random)));
  });

  it.each([
    ['external users listed before members', '{"errcode":0,"ending":1,"stat_info":{"external_users":[{"external_userid":"e","watch_time":1}],"users":[{"userid":"m","watch_time":2}]}}'],
    ['a repeated stat_info, the last one without members', '{"ending":1,"stat_info":{"users":[{"userid":"m","watch_time":2}]},"stat_info":{"external_users":[]}}'],
    ['a repeated stat_info, the last one without external users', '{"ending":1,"stat_info":{"external_users":[{"external_userid":"e","watch_time":1}]},"stat_info":{}}'],
    ['a repeated field inside a viewer', '{"ending":0,"next_key":"k","stat_info":{"users":[{"userid":"a","watch_time":1,"userid":"b","is_mic":1,"is_mic":0}]}}'],
    ['escapes, null names and -0', '{"ending":1,"stat_info":{"users":[{"userid":"a\\"b\\u00e9","name":null,"watch_time":-0,"is_comment":-0}]}}'],
    ['no errcode at all (a success, as in wechatpy)', '{"ending":1,"stat_info":{"users":[{"userid":"u","watch_time":30}]}}'],
    ['the other kind of viewer’s keys, which the schemas let through', '{"ending":1,"stat_info":{"users":[{"userid":"m","watch_time":2,"type":"x"}],"external_users":[{"external_userid":"e","userid":null,"watch_time":1}]}}'],
    ['fractions of a second', '{"ending":1,"stat_info":{"users":[{"userid":"u","watch_time":12.75}]}}'],
  ])('reads %s as the general path does', (_name, text) => {
    expect(expectSameAsGeneralPath(Buffer.from(text))).toBe(true);
  });

  it.each([
    ['an error page', '{"errcode":42001,"errmsg":"access_token expired"}'],
    ['a busy page', '{"errcode":-1,"errmsg":"system busy","ending":0}'],
    ['a page without ending', '{"errcode":0,"stat_info":{}}'],
    ['a watch_time of 1e400 (Infinity)', '{"ending":1,"stat_info":{"users":[{"userid":"u","watch_time":1e400}]}}'],
    ['a negative watch_time', '{"ending":1,"stat_info":{"users":[{"userid":"u","watch_time":-1}]}}'],
    ['a flag that is not a whole number', '{"ending":1,"stat_info":{"users":[{"userid":"u","watch_time":1,"is_mic":0.5}]}}'],
    ['a viewer without its id', '{"ending":1,"stat_info":{"external_users":[{"watch_time":1}]}}'],
    ['a null next_key', '{"ending":0,"next_key":null}'],
    ['a "__proto__" key', '{"ending":1,"__proto__":{}}'],
  ])('gives up %s, for the general path to decide', (_name, text) => {
    expect(readWatchStatBody(Buffer.from(text), LIVING)).not.toBeInstanceOf(WatchRowsPage);
    expectSameAsGeneralPath(Buffer.from(text));
  });
});
