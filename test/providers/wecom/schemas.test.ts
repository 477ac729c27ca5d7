import { describe, expect, it } from 'vitest';
import { watchStatSchema } from '../../../src/providers/wecom/schemas.js';
import { fixture } from './helpers.js';

const VALID = ['seed-example', 'page-1', 'page-2-last', 'empty-page-not-ending', 'empty-last-page', 'last-page-without-next-key', 'extra-fields'];

type Json = Record<string, unknown>;
const clone = (name: string): Json => structuredClone(fixture(name));
const users = (page: Json): Json[] => (page.stat_info as { users: Json[] }).users;
const externals = (page: Json): Json[] => (page.stat_info as { external_users: Json[] }).external_users;

describe('the get_watch_stat schema', () => {
  it.each(VALID)('accepts the valid page %s', (name) => {
    expect(watchStatSchema.safeParse(fixture(name)).success).toBe(true);
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
  it.each(rejected)('rejects %s', (_label, mutate) => {
    const page = clone('seed-example');
    mutate(page);
    expect(watchStatSchema.safeParse(page).success).toBe(false);
  });
});
