// FlatRows on its own: the batch asked for ahead (the first at once, the next as soon as one arrives), early
// stops that close the source without losing or repeating a batch, and, on a real kept-alive connection, the
// request for the next page leaving before the rows of the current one are handed out.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlatRows } from '../../../src/providers/wecom/flat-rows.js';
import { testHttpClient } from '../../helpers/http.js';

/** A source of `pages` batches of three numbers that records when each batch was asked for and whether it closed. */
function source(pages: number, fail?: number) {
  const log: string[] = [];
  async function* batches(): AsyncGenerator<number[]> {
    try {
      for (let page = 1; page <= pages; page++) {
        log.push(`ask ${page}`);
        await new Promise((resolve) => setImmediate(resolve));
        if (page === fail) throw new Error(`page ${page} failed`);
        yield [page * 10 + 1, page * 10 + 2, page * 10 + 3];
      }
    } finally {
      log.push('closed');
    }
  }
  return { log, batches: batches() };
}

describe('FlatRows', () => {
  it('asks for the first batch when made and for the next one as soon as a batch arrives', async () => {
    const { log, batches } = source(3);
    const rows = new FlatRows(batches);
    expect(log).toEqual(['ask 1']);
    expect((await rows.next()).value).toBe(11);
    expect(log).toEqual(['ask 1', 'ask 2']);
    const rest: number[] = [];
    for await (const row of rows) rest.push(row);
    expect(rest).toEqual([12, 13, 21, 22, 23, 31, 32, 33]);
    expect(log).toEqual(['ask 1', 'ask 2', 'ask 3', 'closed']);
  });

  it('stops after the batch already asked for when the consumer leaves, handing out nothing twice', async () => {
    const { log, batches } = source(5);
    const rows = new FlatRows(batches);
    const taken: number[] = [];
    for await (const row of rows) {
      taken.push(row);
      if (row === 12) break;
    }
    expect(taken).toEqual([11, 12]);
    expect(log).toEqual(['ask 1', 'ask 2', 'closed']);
    expect(await rows.next()).toEqual({ value: undefined, done: true });
  });

  it('reports a failed batch after the rows before it, and no unhandled rejection meanwhile', async () => {
    const { batches } = source(3, 2);
    const rows = new FlatRows(batches);
    const taken: number[] = [];
    const error = await (async () => {
      for await (const row of rows) {
        taken.push(row);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })().catch((e: unknown) => e);
    expect(taken).toEqual([11, 12, 13]);
    expect((error as Error).message).toBe('page 2 failed');
  });
});

describe('FlatRows over a kept-alive HTTP connection', () => {
  let server: Server;
  let url: string;

  beforeEach(async () => {
    server = createServer((req, res) => res.end(JSON.stringify({ page: Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page')) })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('has the request for page n + 1 written before the first row of page n is handed out', async () => {
    const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
    const { client } = testHttpClient(dispatcher);
    const sent: string[] = [];
    const onSend = (message: unknown): void => {
      sent.push((message as { request: { path: string } }).request.path);
    };
    subscribe('undici:client:sendHeaders', onSend);
    try {
      async function* pages(): AsyncGenerator<number[]> {
        for (let page = 1; page <= 4; page++) {
          const response = await client.requestJson({ provider: 'Test', endpoint: 'page', build: () => ({ method: 'GET', url: `${url}/?page=${page}` }) });
          const n = (response.body as { page: number }).page;
          yield Array.from({ length: 500 }, (_, i) => n * 1000 + i);
        }
      }
      const rows = new FlatRows(pages());
      for (let page = 1; page <= 3; page++) {
        const first = await rows.next();
        expect(first.value).toBe(page * 1000);
        expect(sent.at(-1)).toBe(`/?page=${page + 1}`);
        // The rest of the page comes without a turn of the event loop, as the export runner takes it.
        for (let i = 1; i < 500; i++) await rows.next();
      }
    } finally {
      unsubscribe('undici:client:sendHeaders', onSend);
      await dispatcher.destroy();
    }
  });
});
