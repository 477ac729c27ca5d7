// What the server hands a protocol module (the parsed request, the clock, the knobs, the counters) and what
// it gets back (status and body text). Transport concerns (latency, transport faults, sockets) stay in server.ts.
import type { IncomingHttpHeaders } from 'node:http';
import type { ProtocolFault } from './faults.js';
import type { ResolvedOptions } from './options.js';
import { hashHex } from './prng.js';
import type { SandboxStats } from './stats.js';

export type { ProtocolFault };

export interface SandboxRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** The body as UTF-8 text ('' for none). */
  body: string;
}

export interface SandboxReply {
  status: number;
  body: string;
  contentType?: string;
}

export interface ProtocolContext {
  options: ResolvedOptions;
  stats: SandboxStats;
  now(): number;
  /** A fresh deterministic hex id of `length` characters (request ids). */
  nextId(length: number): string;
}

export function jsonReply(status: number, value: unknown): SandboxReply {
  return { status, body: JSON.stringify(value) };
}

/** Parses a JSON object body; undefined when it is not one. */
export function parseJsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Request ids are counters run through a hash, so two runs of one scenario print the same ids. */
export function idSource(seed: number): (length: number) => string {
  let serial = 0;
  return (length) => hashHex(seed ^ 0x5eed, serial++, length);
}
