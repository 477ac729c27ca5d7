// parseResponse(): a response that matches its schema comes back typed; one that does not is a provider
// error (exit 5) naming the endpoint and the first field that is wrong.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ExitCode, ProviderError } from '../../src/errors.js';
import { parseResponse } from '../../src/http/validate.js';

const schema = z.looseObject({
  errcode: z.number(),
  data: z.object({ list: z.array(z.object({ userid: z.string() })), next_key: z.string().optional() }),
});
const where = { provider: 'WeCom', endpoint: 'get_watch_stat', requestId: 'req-77' };

function failure(body: unknown): ProviderError {
  try {
    parseResponse(schema, body, where);
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  }
  throw new Error('expected a provider error');
}

describe('parseResponse', () => {
  it('returns the parsed body, keeping unknown top-level fields', () => {
    const body = { errcode: 0, extra: 'kept', data: { list: [{ userid: 'u1' }] } };
    const parsed = parseResponse(schema, body, where);
    expect(parsed.data.list[0]?.userid).toBe('u1');
    expect(parsed).toMatchObject({ extra: 'kept' });
  });

  it('names the endpoint and the path of the first bad field, with exit 5 and the request id', () => {
    const error = failure({ errcode: 0, data: { list: [{ userid: 'u1' }, { userid: 42 }] } });
    expect(error.exitCode).toBe(ExitCode.provider);
    expect(error.message).toContain('WeCom get_watch_stat answered with an unexpected shape');
    expect(error.message).toContain('field "data.list.1.userid"');
    expect(error.message).toContain('request id req-77');
    expect(error.detail).toMatchObject({ provider: 'WeCom', endpoint: 'get_watch_stat', requestId: 'req-77' });
    expect(error.hint).toContain('--verbose');
  });

  it('names a missing required field', () => {
    expect(failure({ errcode: 0 }).message).toContain('field "data"');
  });

  it('says (body) when the whole body has the wrong type', () => {
    expect(failure('not an object').message).toContain('field "(body)"');
  });
});
