// Test helpers for the sandbox: a server on 127.0.0.1 port 0 with a private undici Agent (never the global
// dispatcher), a settable clock, and request signers written here on node:crypto so they check the sandbox's
// verifiers rather than reuse them.
import { createHash, createHmac } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { Agent, request } from 'undici';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials.js';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/server.js';

export const T0 = 1_700_000_000_000;

export interface Clock {
  now: () => number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function clock(start = T0): Clock {
  let t = start;
  return { now: () => t, set: (ms) => void (t = ms), advance: (ms) => void (t += ms) };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body (undefined when it is not JSON); typed loosely because tests index provider JSON freely. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see the line above
  json: any;
}

export interface CallOptions {
  query?: Record<string, string>;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

export class Harness {
  private constructor(
    readonly sandbox: RunningSandbox,
    readonly agent: Agent,
  ) {}

  static async start(options: SandboxOptions = {}): Promise<Harness> {
    return new Harness(await startSandbox(options), new Agent({ connections: 16 }));
  }

  async call(method: 'GET' | 'POST', path: string, options: CallOptions = {}): Promise<Answer> {
    const url = new URL(path, this.sandbox.url);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
    const body = options.body ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
    const headers = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers };
    const res = await request(url, { method, body, headers, dispatcher: this.agent });
    const text = await res.body.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, headers: res.headers, text, json };
  }

  async token(): Promise<string> {
    const { corpId, corpSecret } = SANDBOX_CREDENTIALS.wecom;
    const answer = await this.call('GET', '/cgi-bin/gettoken', { query: { corpid: corpId, corpsecret: corpSecret } });
    return answer.json.access_token as string;
  }

  watch(token: string, body: unknown): Promise<Answer> {
    return this.call('POST', '/cgi-bin/living/get_watch_stat', { query: { access_token: token }, json: body });
  }

  async close(): Promise<void> {
    await this.agent.close();
    await this.sandbox.close();
  }
}

export interface SigInput {
  sdkAppId: number;
  key: string;
  identifier: string;
  time: number;
  expire: number;
}

/** A UserSig built from the recipe in docs/providers.md §2.2, independently of src/. */
export function makeUserSig(input: SigInput, tamper: (doc: Record<string, unknown>) => void = () => undefined): string {
  const content = `TLS.identifier:${input.identifier}\nTLS.sdkappid:${input.sdkAppId}\nTLS.time:${input.time}\nTLS.expire:${input.expire}\n`;
  const doc: Record<string, unknown> = {
    'TLS.ver': '2.0',
    'TLS.identifier': input.identifier,
    'TLS.sdkappid': input.sdkAppId,
    'TLS.expire': input.expire,
    'TLS.time': input.time,
    'TLS.sig': createHmac('sha256', input.key).update(content).digest('base64'),
  };
  tamper(doc);
  return deflateSync(JSON.stringify(doc)).toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

/** The sandbox app's query for get_gift_count, signed at `nowMs`. */
export function tencentQuery(nowMs: number, overrides: Partial<SigInput> = {}, extra: Record<string, string> = {}): Record<string, string> {
  const app = SANDBOX_CREDENTIALS.tencent;
  const input: SigInput = { sdkAppId: app.sdkAppId, key: app.secretKey, identifier: app.identifier, time: Math.floor(nowMs / 1000), expire: 86400, ...overrides };
  return { sdkappid: String(input.sdkAppId), identifier: input.identifier, usersig: makeUserSig(input), random: '12345', contenttype: 'json', ...extra };
}

/** Polyv query with `sign` computed here: uppercase MD5 of secret + sorted key/value pairs + secret. */
export function polyvQuery(params: Record<string, string>, secret: string = SANDBOX_CREDENTIALS.polyv.appSecret): Record<string, string> {
  const text = Object.keys(params)
    .sort()
    .map((key) => `${key}${params[key]}`)
    .join('');
  return { ...params, sign: createHash('md5').update(`${secret}${text}${secret}`).digest('hex').toUpperCase() };
}

export function polyvParams(nowMs: number, params: Record<string, string>): Record<string, string> {
  return polyvQuery({ appId: SANDBOX_CREDENTIALS.polyv.appId, timestamp: String(nowMs), ...params });
}

export const LIVECOUNT_PATH = `/${SANDBOX_CREDENTIALS.livecount.domain}/Invitation/Api/Actions/LiveCount`;
export const LIVECOUNT_AUTH = { 'X-Sandbox-Auth': SANDBOX_CREDENTIALS.livecount.authToken };
