// --dry-run: prints the requests a command would send, secrets redacted, and sends nothing.
import type { HttpRequest } from '../http/client.js';
import type { ProviderSession } from './provider-session.js';

/** Of a run of alike requests (one per account, one per room), how many --dry-run prints. */
const DRY_RUN_SHOWN = 20;

/** The first DRY_RUN_SHOWN of `total` alike requests, one per `per`: 10,000 accounts need not fill the screen. */
export interface AlikeRequests {
  first: readonly HttpRequest[];
  total: number;
  per: string;
}

/** The requests for the first DRY_RUN_SHOWN `items`, built by `requestsFor`, and how many there are in all. */
export function alikeRequests<T>(items: readonly T[], per: string, requestsFor: (first: readonly T[]) => readonly HttpRequest[]): AlikeRequests {
  return { first: requestsFor(items.slice(0, DRY_RUN_SHOWN)), total: items.length, per };
}

export function formatRequest(request: HttpRequest, session: Pick<ProviderSession, 'redactor'>): string {
  const lines = [`${request.method} ${session.redactor.url(request.url)}`];
  for (const [name, value] of Object.entries(session.redactor.headers(request.headers))) lines.push(`${name}: ${value}`);
  if (request.json !== undefined) lines.push(session.redactor.text(JSON.stringify(request.json, null, 2)));
  return lines.join('\n');
}

/** Each request in the order it would leave; a run of alike ones is cut after its first few, with a count. */
export function printDryRun(session: Pick<ProviderSession, 'redactor' | 'ctx'>, requests: readonly (HttpRequest | AlikeRequests)[]): void {
  const blocks: string[] = [];
  for (const item of requests) {
    if (!('first' in item)) {
      blocks.push(formatRequest(item, session));
      continue;
    }
    blocks.push(...item.first.map((r) => formatRequest(r, session)));
    const rest = item.total - item.first.length;
    if (rest > 0) blocks.push(`… and ${rest} more request${rest === 1 ? '' : 's'} like these (${item.total} in all, one per ${item.per})`);
  }
  session.ctx.io.stdout.write(`${blocks.join('\n\n')}\n`);
}
