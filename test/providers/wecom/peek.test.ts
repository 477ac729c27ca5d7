// peekNextKey: the next_key read from a raw get_watch_stat body before it is parsed, only a guess that
// paginate checks against the parsed page; so what matters is that it never guesses where it should not.
import { describe, expect, it } from 'vitest';
import { peekNextKey } from '../../../src/providers/wecom/peek.js';
import { fixture } from './helpers.js';

describe('peekNextKey', () => {
  it('reads next_key from a page that is not the last', () => {
    expect(peekNextKey(Buffer.from(JSON.stringify(fixture('page-1'))))).toBe('NEXT_KEY_1');
    expect(peekNextKey(Buffer.from('{ "errcode" : 0, "ending" : 0 , "next_key" : "k 2", "stat_info": {} }'))).toBe('k 2');
  });

  it('guesses nothing for the last page, an error answer or a page without next_key', () => {
    expect(peekNextKey(Buffer.from(JSON.stringify(fixture('page-2-last'))))).toBeUndefined();
    expect(peekNextKey(Buffer.from(JSON.stringify({ ending: 1, next_key: 'k' })))).toBeUndefined();
    expect(peekNextKey(Buffer.from(JSON.stringify(fixture('token-expired'))))).toBeUndefined();
    expect(peekNextKey(Buffer.from(JSON.stringify({ errcode: 0, ending: 0 })))).toBeUndefined();
    expect(peekNextKey(Buffer.from(JSON.stringify({ errcode: 0, ending: 0, next_key: '' })))).toBeUndefined();
    expect(peekNextKey(Buffer.from('{"errcode":0,"ending":0,"next_key":"cut off'))).toBeUndefined();
  });

  it('reads the key from the bytes, past a value that spells a key name', () => {
    expect(peekNextKey(Buffer.from('{"errmsg":"ending","ending":0,"next_key":"直播/2"}'))).toBe('直播/2');
    expect(peekNextKey(Buffer.from('{"ending":10,"next_key":"k"}'))).toBe('k');
    expect(peekNextKey(Buffer.from('{"ending":"0","next_key":"k"}'))).toBeUndefined();
  });

  it('decodes JSON escapes in the key', () => {
    expect(peekNextKey(Buffer.from(JSON.stringify({ ending: 0, next_key: 'a"b\\c/直播' })))).toBe('a"b\\c/直播');
    expect(peekNextKey(Buffer.from('{"ending":0,"next_key":"\\u0041B"}'))).toBe('AB');
  });

  it('is not fooled by keys quoted inside string values', () => {
    const text = JSON.stringify({ stat_info: { users: [{ name: '"ending":0,"next_key":"fake"' }] }, ending: 1 });
    expect(peekNextKey(Buffer.from(text))).toBeUndefined();
  });
});
