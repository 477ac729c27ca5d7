// --dry-run: prints the requests a command would send, secrets redacted, and sends nothing.
import type { HttpRequest } from '../http/client.js';
import type { ProviderSession } from '../session/provider-session.js';

export function formatRequest(request: HttpRequest, session: Pick<ProviderSession, 'redactor'>): string {
  const lines = [`${request.method} ${session.redactor.url(request.url)}`];
  for (const [name, value] of Object.entries(session.redactor.headers(request.headers))) lines.push(`${name}: ${value}`);
  if (request.json !== undefined) lines.push(session.redactor.text(JSON.stringify(request.json, null, 2)));
  return lines.join('\n');
}

export function printDryRun(session: Pick<ProviderSession, 'redactor' | 'ctx'>, requests: readonly HttpRequest[]): void {
  session.ctx.io.stdout.write(`${requests.map((r) => formatRequest(r, session)).join('\n\n')}\n`);
}
