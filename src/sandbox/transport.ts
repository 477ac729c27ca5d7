// The HTTP side of the sandbox: reading request bodies, writing replies, and carrying out the faults that
// happen below the provider protocols (gateway errors, reset sockets, cut bodies, requests never answered).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxReply } from './protocol.js';

export const MAX_BODY_BYTES = 1024 * 1024;

/** The body as UTF-8 text, or undefined when it is larger than MAX_BODY_BYTES. */
export async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  // An oversized body is still read to its end (and dropped), so the 413 answer reaches the client.
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8');
}

export function send(res: ServerResponse, reply: SandboxReply): void {
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, {
    'content-type': reply.contentType ?? 'application/json; charset=utf-8',
    'content-length': body.length,
  });
  res.end(body);
}

/** What a gateway in front of the provider answers: not the provider's JSON envelope. */
export function gatewayReply(kind: 'http500' | 'http502' | 'http503'): SandboxReply {
  const status = kind === 'http500' ? 500 : kind === 'http502' ? 502 : 503;
  const text = status === 500 ? 'Internal Server Error' : status === 502 ? 'Bad Gateway' : 'Service Unavailable';
  return { status, body: `<html><body><h1>${status} ${text}</h1></body></html>\n`, contentType: 'text/html; charset=utf-8' };
}

/**
 * Sends `reply` damaged as `kind` says: 'truncate' is a complete HTTP response whose JSON stops halfway;
 * 'abortBody' promises the whole body, sends half and drops the connection.
 */
export function sendDamaged(res: ServerResponse, reply: SandboxReply, kind: 'truncate' | 'abortBody'): void {
  const body = Buffer.from(reply.body, 'utf8');
  const half = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
  const contentType = reply.contentType ?? 'application/json; charset=utf-8';
  if (kind === 'truncate') {
    res.writeHead(reply.status, { 'content-type': contentType, 'content-length': half.length });
    res.end(half);
    return;
  }
  res.writeHead(reply.status, { 'content-type': contentType, 'content-length': body.length });
  res.write(half, () => res.socket?.destroy());
}
