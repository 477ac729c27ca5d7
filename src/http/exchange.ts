// One HTTP exchange on an undici dispatcher: status, headers and the whole body, gathered from the socket's
// chunks, and the moment the request actually leaves (after any wait for a connection), which the Tencent
// rate limiter dates its starts by and undici's request() does not report. Retries and meaning are client.ts's job.
import type { Dispatcher } from 'undici';

export interface RawRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  headersTimeout: number;
  bodyTimeout: number;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as it came, undecoded: see bodyText. */
  body: Buffer;
}

const BOM = 0xfeff;
const EMPTY = Buffer.alloc(0);

/** The body as UTF-8 text, a leading byte order mark removed. */
export function bodyText(body: Buffer): string {
  const text = body.toString('utf8');
  return text.charCodeAt(0) === BOM ? text.slice(1) : text;
}

function joined(chunks: readonly Buffer[]): Buffer {
  if (chunks.length === 0) return EMPTY;
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

function abortError(): Error {
  return Object.assign(new Error('This operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
}

/**
 * Sends `req` and resolves with the whole response. `signal` abandons it at once, whatever stage it is in;
 * `onSent` is called when the request is handed to a connected socket (never for a request that fails first).
 */
export function exchange(dispatcher: Dispatcher, req: RawRequest, signal: AbortSignal, onSent?: () => void): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let status = 0;
    let headers: Record<string, string | string[] | undefined> = {};
    const chunks: Buffer[] = [];

    const settle = (error: unknown, response?: RawResponse): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (response) resolve(response);
      else reject(error);
    };
    const onAbort = (): void => {
      const error = abortError();
      settle(error);
      // Before the request is connected there is nothing to cut yet: onRequestStart aborts it on arrival.
      controller?.abort(error);
    };
    signal.addEventListener('abort', onAbort, { once: true });

    const url = new URL(req.url);
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(ctrl) {
        controller = ctrl;
        if (settled) return ctrl.abort(abortError());
        onSent?.();
      },
      onResponseStart(_ctrl, statusCode, responseHeaders) {
        status = statusCode;
        headers = responseHeaders as Record<string, string | string[] | undefined>;
      },
      onResponseData(_ctrl, chunk) {
        if (!settled) chunks.push(chunk);
      },
      onResponseEnd() {
        settle(undefined, { status, headers, body: joined(chunks) });
      },
      onResponseError(_ctrl, error) {
        settle(error);
      },
    };
    try {
      dispatcher.dispatch(
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: req.method,
          headers: req.headers,
          body: req.body,
          headersTimeout: req.headersTimeout,
          bodyTimeout: req.bodyTimeout,
        },
        handler,
      );
    } catch (error) {
      settle(error);
    }
  });
}
