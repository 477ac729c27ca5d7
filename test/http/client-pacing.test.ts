// HttpClient and a slot-aware pacer: the slot learns when the request left and when its exchange ended, is
// given back when nothing left, and many requests in flight share one interrupt listener.
import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import type { Pacer, PacerSlot, RequestOptions } from '../../src/http/client.js';
import { testHttpClient, useLoopbackServer, useMockAgent } from '../helpers/http.js';

const ORIGIN = 'https://api.example.test';

function get(extra: Partial<RequestOptions> = {}): RequestOptions {
  return { provider: 'Example', endpoint: 'stats', build: () => ({ method: 'GET', url: `${ORIGIN}/stats` }), ...extra };
}

/** A pacer that hands out slots and records what happened to each, in order. */
function slotPacer(): Pacer & { events: string[] } {
  const events: string[] = [];
  let n = 0;
  return {
    events,
    acquire: async () => {
      events.push('acquire');
    },
    acquireSlot: async (): Promise<PacerSlot> => {
      const id = ++n;
      events.push(`slot ${id}`);
      return { sent: () => events.push(`sent ${id}`), release: () => events.push(`release ${id}`) };
    },
  };
}

describe('HttpClient with a slot-aware pacer', () => {
  const agent = useMockAgent();

  it('reports that the request left before its answer is handled, then ends the slot once', async () => {
    agent().get(ORIGIN).intercept({ path: '/stats' }).reply(200, { ok: true });
    const pacer = slotPacer();
    const { client } = testHttpClient(agent());
    const seen: string[] = [];
    await client.requestJson(
      get({
        pacer,
        retryOn: () => {
          seen.push(...pacer.events);
          return undefined;
        },
      }),
    );
    expect(seen).toEqual(['slot 1', 'sent 1', 'release 1']);
    expect(pacer.events).toEqual(['slot 1', 'sent 1', 'release 1']);
  });

  it('takes a new slot for each attempt and gives back the one whose request was never built', async () => {
    agent().get(ORIGIN).intercept({ path: '/stats' }).reply(503, 'busy');
    agent().get(ORIGIN).intercept({ path: '/stats' }).reply(200, { ok: true });
    const pacer = slotPacer();
    const { client } = testHttpClient(agent());
    await client.requestJson(get({ pacer }));
    expect(pacer.events).toEqual(['slot 1', 'sent 1', 'release 1', 'slot 2', 'sent 2', 'release 2']);

    const broken = slotPacer();
    const error = await client
      .requestJson(
        get({
          pacer: broken,
          build: () => {
            throw new Error('cannot sign');
          },
        }),
      )
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe('cannot sign');
    expect(broken.events).toEqual(['slot 1', 'release 1']);
  });
});

describe('HttpClient with many requests in flight', () => {
  const serverUrl = useLoopbackServer((_req, res) => setTimeout(() => res.end('{"ok":true}'), 20));

  it('listens for the interrupt once, however many requests are in flight', async () => {
    const controller = new AbortController();
    const dispatcher = new Agent();
    try {
      const { client } = testHttpClient(dispatcher, { signal: controller.signal });
      const warnings: Error[] = [];
      const onWarning = (warning: Error): void => {
        warnings.push(warning);
      };
      process.on('warning', onWarning);
      try {
        const answers = await Promise.all(
          Array.from({ length: 40 }, () => client.requestJson({ provider: 'Example', endpoint: 'stats', build: () => ({ method: 'GET', url: `${serverUrl()}/stats` }) })),
        );
        expect(answers.map((a) => a.body)).toEqual(Array.from({ length: 40 }, () => ({ ok: true })));
        await new Promise((resolve) => setImmediate(resolve));
      } finally {
        process.off('warning', onWarning);
      }
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      await dispatcher.destroy();
    }
  });
});
