import { describe, expect, it } from 'vitest';
import { isPlainWatchStatPage, watchStatSchema } from '../../../src/providers/wecom/schemas.js';
import { seededRandom } from '../../helpers/context.js';
import { fixture } from './helpers.js';

const VALID = ['seed-example', 'page-1', 'page-2-last', 'empty-page-not-ending', 'empty-last-page', 'last-page-without-next-key', 'extra-fields'];

type Json = Record<string, unknown>;
const clone = (name: string): Json => structuredClone(fixture(name));
const users = (page: Json): Json[] => (page.stat_info as { users: Json[] }).users;
const externals = (page: Json): Json[] => (page.stat_info as { external_users: Json[] }).external_users;

describe('the get_watch_stat fast check agrees with the zod schema', () => {
  it.each(VALID)('accepts the valid page %s, as zod does', (name) => {
    expect(watchStatSchema.safeParse(fixture(name)).success).toBe(true);
    expect(isPlainWatchStatPage(fixture(name))).toBe(true);
  });

  const rejected: Array<[string, (p: Json) => unknown]> = [
    ['no ending', (p) => delete p.ending],
    ['ending as a string', (p) => (p.ending = '1')],
    ['a fractional ending', (p) => (p.ending = 0.5)],
    ['a numeric next_key', (p) => (p.next_key = 7)],
    ['stat_info as an array', (p) => (p.stat_info = [])],
    ['users as an object', (p) => ((p.stat_info as Json).users = {})],
    ['a null viewer', (p) => (users(p)[0] = null as unknown as Json)],
    ['a member without userid', (p) => delete users(p)[0]!.userid],
    ['a numeric userid', (p) => (users(p)[0]!.userid = 42)],
    ['watch_time as a string', (p) => (users(p)[0]!.watch_time = '30')],
    ['a negative watch_time', (p) => (users(p)[0]!.watch_time = -1)],
    ['is_comment as a string', (p) => (users(p)[0]!.is_comment = '1')],
    ['a fractional is_mic', (p) => (users(p)[0]!.is_mic = 0.5)],
    ['a numeric name', (p) => (externals(p)[0]!.name = 5)],
    ['a numeric invitor_userid', (p) => (externals(p)[0]!.invitor_userid = 7)],
    ['type as a string', (p) => (externals(p)[0]!.type = '1')],
    ['an external user without external_userid', (p) => delete externals(p)[0]!.external_userid],
  ];
  it.each(rejected)('rejects %s, as zod does', (_label, mutate) => {
    const page = clone('seed-example');
    mutate(page);
    expect(watchStatSchema.safeParse(page).success).toBe(false);
    expect(isPlainWatchStatPage(page)).toBe(false);
  });

  it('never accepts a page zod rejects, over many random corruptions', () => {
    const random = seededRandom(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const values: unknown[] = [undefined, null, '', '1', 0, 1, -1, 0.5, 2 ** 60, true, [], {}, [1], { a: 1 }];
    const keys = ['userid', 'external_userid', 'watch_time', 'is_comment', 'is_mic', 'type', 'name', 'invitor_userid', 'invitor_external_userid'];
    let agreedRejections = 0;
    for (let i = 0; i < 2000; i++) {
      const page = clone('page-1');
      const target = random() < 0.15 ? page : pick([...users(page), ...externals(page)]);
      const key = target === page ? pick(['ending', 'next_key', 'stat_info', 'errcode']) : pick(keys);
      const value = pick(values);
      if (value === undefined) delete target[key];
      else target[key] = value;
      const zodOk = watchStatSchema.safeParse(page).success;
      if (isPlainWatchStatPage(page)) expect(zodOk, `${key} = ${JSON.stringify(value)}`).toBe(true);
      else if (!zodOk) agreedRejections++;
    }
    // The corruptions must really exercise rejection, or the loop above proves nothing.
    expect(agreedRejections).toBeGreaterThan(500);
  });
});
