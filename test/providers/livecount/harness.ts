// Test scaffolding for the LiveCount provider and command: fixtures, settings and a MockAgent that records
// what each request carried (passed as the dispatcher, never installed globally).
import { readFileSync } from 'node:fs';
import type { MockAgent } from 'undici';
import { jsonHeaders, useMockAgent } from '../../helpers/http.js';

export const BASE = 'https://lc.example.com';
export const DOMAIN = 'acme';
export const PATH = `/${DOMAIN}/Invitation/Api/Actions/LiveCount`;
/** Three characters: shorter than the redactor's minimum, so only explicit masking hides it. */
export const SHORT_SECRET = 'k9Z';
export const TOKEN = 'tok-3c9f1e2d7a';
export const HEADERS = { 'X-Token': TOKEN, 'X-Tenant-Key': SHORT_SECRET };

export const SETTINGS = {
  default: {
    'livecount.baseUrl': BASE,
    'livecount.domain': DOMAIN,
    'livecount.headers': JSON.stringify(HEADERS),
  },
};

export function fixtureText(name: string): string {
  return readFileSync(new URL(`../../../fixtures/livecount/${name}.json`, import.meta.url), 'utf8');
}

export interface Seen {
  headers: Record<string, string>;
  body: unknown;
}

/** Intercepts one LiveCount call answering `status` with `body`; what the request carried lands in `seen`. */
export function expectLiveCount(agent: MockAgent, status: number, body: string, seen: Seen[] = []): Seen[] {
  agent
    .get(BASE)
    .intercept({ path: PATH, method: 'POST' })
    .reply((opts) => {
      seen.push({ headers: opts.headers as Record<string, string>, body: JSON.parse(String(opts.body)) as unknown });
      return { statusCode: status, data: body, responseOptions: jsonHeaders() };
    });
  return seen;
}

export { useMockAgent };
