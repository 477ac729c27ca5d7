// paginate's lookahead over a real kept-alive connection (loopback): the request for page n + 1 has been
// written to the socket before page n's body is parsed, so WeCom prepares the next page while we parse and
// write this one. A fake fetch cannot show this: undici writes a request from a later turn of the event loop.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { paginate, type CursorPage, type NextCursorHint } from '../../src/http/paginate.js';
import { testHttpClient, useLoopbackServer } from '../helpers/http.js';

describe('paginate lookahead over a kept-alive HTTP connection', () => {
  const serverUrl = useLoopbackServer((req, res) => {
    const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page'));
    res.end(JSON.stringify({ next: page < 4 ? String(page + 1) : null, items: Array.from({ length: 500 }, (_, i) => page * 1000 + i) }));
  });

  it('has the request for page n + 1 written before page n is parsed', async () => {
    const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
    const { client } = testHttpClient(dispatcher);
    const sent: string[] = [];
    const sentBeforeParse: Array<string | undefined> = [];
    const onSend = (message: unknown): void => {
      sent.push((message as { request: { path: string } }).request.path);
    };
    subscribe('undici:client:sendHeaders', onSend);
    try {
      const fetchPage = async (cursor: string | undefined, hint: NextCursorHint): Promise<CursorPage<number[]>> => {
        const response = await client.requestJson({
          provider: 'Test',
          endpoint: 'page',
          build: () => ({ method: 'GET', url: `${serverUrl()}/?page=${cursor ?? '1'}` }),
          onBody: (body) => {
            const next = /"next":"(\d+)"/.exec(body.toString())?.[1];
            return next === undefined ? undefined : hint(next);
          },
        });
        // What had gone out on the wire when this page's body was about to be parsed.
        sentBeforeParse.push(sent.at(-1));
        const body = response.body as { next: string | null; items: number[] };
        return { page: body.items, next: body.next ?? undefined };
      };
      const firsts: number[] = [];
      for await (const page of paginate(fetchPage, undefined, { lookahead: true, onRepeatedCursor: () => { throw new Error('loop'); } })) {
        firsts.push(page[0] as number);
      }
      expect(firsts).toEqual([1000, 2000, 3000, 4000]);
      expect(sentBeforeParse).toEqual(['/?page=2', '/?page=3', '/?page=4', '/?page=4']);
      expect(sent).toEqual(['/?page=1', '/?page=2', '/?page=3', '/?page=4']);
    } finally {
      unsubscribe('undici:client:sendHeaders', onSend);
      await dispatcher.destroy();
    }
  });
});
