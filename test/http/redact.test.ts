// Redactor: secret query parameters by name, registered secrets by value (raw and URL-encoded), headers.
import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from '../../src/http/redact.js';

describe('Redactor.text query parameters', () => {
  it.each(['access_token', 'corpsecret', 'usersig', 'sign'])('redacts %s whatever its case', (name) => {
    const r = new Redactor();
    const upper = name.toUpperCase();
    expect(r.text(`https://h.test/p?${name}=abc123&x=1`)).toBe(`https://h.test/p?${name}=${REDACTED}&x=1`);
    expect(r.text(`https://h.test/p?a=1&${upper}=abc123`)).toBe(`https://h.test/p?a=1&${upper}=${REDACTED}`);
  });

  it('redacts every occurrence and stops at &, #, whitespace and quotes', () => {
    const r = new Redactor();
    const out = r.text(`GET /a?sign=AAA#frag and "/b?access_token=BBB" then /c?usersig=CCC 'x'`);
    expect(out).toBe(`GET /a?sign=${REDACTED}#frag and "/b?access_token=${REDACTED}" then /c?usersig=${REDACTED} 'x'`);
  });

  it('leaves parameters that merely contain a secret name alone', () => {
    const r = new Redactor();
    expect(r.text('/p?signature_type=md5&design=1&my_access_token_id=7')).toBe('/p?signature_type=md5&design=1&my_access_token_id=7');
  });
});

describe('Redactor registered secrets', () => {
  it('replaces a registered secret anywhere in text', () => {
    const r = new Redactor(['s3cr3t-value']);
    expect(r.text('body {"key":"s3cr3t-value"} and again s3cr3t-value.')).toBe(`body {"key":"${REDACTED}"} and again ${REDACTED}.`);
  });

  it('replaces the URL-encoded forms of a secret (encodeURIComponent and form encoding)', () => {
    const secret = 'a b+c/d=e';
    const r = new Redactor();
    r.add(secret);
    const viaComponent = `/p?k=${encodeURIComponent(secret)}`;
    const viaForm = `/p?${new URLSearchParams({ k: secret }).toString()}`;
    expect(r.text(viaComponent)).toBe(`/p?k=${REDACTED}`);
    expect(r.text(viaForm)).toBe(`/p?k=${REDACTED}`);
  });

  it('replaces the longest secret first, so a secret containing another disappears whole', () => {
    const r = new Redactor();
    r.add('abcd');
    r.add('abcdefgh');
    expect(r.text('x abcdefgh y abcd z')).toBe(`x ${REDACTED} y ${REDACTED} z`);
    expect(r.text('abcdefgh')).not.toContain('efgh');
  });

  it('ignores values shorter than 4 characters and non-strings', () => {
    const r = new Redactor(['abc', undefined]);
    r.add(null);
    r.add('');
    expect(r.text('abc 123 abcabc')).toBe('abc 123 abcabc');
  });

  it('url() redacts a URL object like text', () => {
    const r = new Redactor(['tok_12345']);
    expect(r.url(new URL('https://h.test/x?t=tok_12345&sign=zz'))).toBe(`https://h.test/x?t=${REDACTED}&sign=${REDACTED}`);
  });
});

describe('Redactor headers', () => {
  it('redacts well-known credential headers by name, case-insensitively', () => {
    const r = new Redactor();
    const out = r.headers({
      Authorization: 'Bearer abc',
      'proxy-authorization': 'Basic xyz',
      Cookie: 'sid=1',
      'X-Api-Key': 'k',
      'x-auth-token': 't',
      token: 'tt',
      'content-type': 'application/json',
    });
    expect(out).toEqual({
      Authorization: REDACTED,
      'proxy-authorization': REDACTED,
      Cookie: REDACTED,
      'X-Api-Key': REDACTED,
      'x-auth-token': REDACTED,
      token: REDACTED,
      'content-type': 'application/json',
    });
  });

  it('redacts registered secrets in header values, including inside other headers', () => {
    const r = new Redactor();
    r.add('tenant-key-9876');
    expect(r.headers({ 'X-Tenant-Key': 'tenant-key-9876', 'X-Trace': 'id tenant-key-9876' })).toEqual({
      'X-Tenant-Key': REDACTED,
      'X-Trace': `id ${REDACTED}`,
    });
    expect(r.headers(undefined)).toEqual({});
  });
});
