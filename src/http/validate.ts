// Validates a provider response against its zod schema; a mismatch names the endpoint and the field (exit 5).
import { ProviderError } from '../errors.js';
import * as z from '../util/zod.js';

export function parseResponse<S extends z.core.$ZodType>(
  schema: S,
  body: unknown,
  where: { provider: string; endpoint: string; requestId?: string | undefined },
): z.output<S> {
  const result = z.safeParse(schema, body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(body)';
  const problem = issue?.message ?? 'unexpected shape';
  throw new ProviderError(
    `${where.provider} ${where.endpoint} answered with an unexpected shape: field "${field}": ${problem}`,
    { provider: where.provider, endpoint: where.endpoint, requestId: where.requestId },
    { hint: 'The provider may have changed its API; run with --verbose and report the response shape.' },
  );
}
