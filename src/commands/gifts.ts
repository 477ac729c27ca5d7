// `livestats gifts`: Tencent get_gift_count for each account in one room. Checks every option and reads the
// account list before touching config or the network, then hands the rows to the export runner (or prints them).
import { parseInteger } from '../cli/global-options.js';
import type { CommandInput } from '../cli.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { collectAccounts } from '../providers/tencent/accounts.js';
import { TencentApi } from '../providers/tencent/api.js';
import { createGiftLimiter, DEFAULT_GIFT_CONCURRENCY, giftRequests, giftRows } from '../providers/tencent/gift-count.js';
import { GIFT_COLUMNS, giftSummary } from '../providers/tencent/rows.js';
import { MAX_RATE_PER_SECOND } from '../providers/tencent/schemas.js';
import * as z from '../util/zod.js';
import { printDryRun } from './dry-run.js';
import { checkExportOptions, pageOfEach, runExport } from '../export/runner.js';
import { openSession, type ProviderSession } from '../session/provider-session.js';

/** A dry run over a long account list shows this many requests, then a count of the rest. */
export const DRY_RUN_SHOWN = 20;

const optionsSchema = z.object({
  room: z.string({ error: '--room <id> is required' }).check(z.trim(), z.minLength(1, { error: '--room must not be empty' })),
  from: z.optional(z.array(z.string())),
  fromFile: z.optional(z.string().check(z.trim(), z.minLength(1, { error: '--from-file needs a path, or "-" for standard input' }))),
  rate: z.optional(z.string()),
});

export interface GiftOptions {
  room: string;
  from: string[] | undefined;
  fromFile: string | undefined;
  rate: number;
}

export function parseGiftOptions(raw: Record<string, unknown>): GiftOptions {
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'invalid gifts options');
  const { room, from, fromFile, rate } = parsed.data;
  return {
    room,
    from,
    fromFile,
    rate: rate === undefined ? MAX_RATE_PER_SECOND : parseInteger('--rate', rate, 1, MAX_RATE_PER_SECOND),
  };
}

function printGiftDryRun(session: ProviderSession, api: TencentApi, room: string, accounts: readonly string[]): void {
  printDryRun(session, giftRequests(api, room, accounts.slice(0, DRY_RUN_SHOWN)));
  const rest = accounts.length - DRY_RUN_SHOWN;
  if (rest > 0) {
    session.ctx.io.stdout.write(`\n… and ${rest} more request${rest === 1 ? '' : 's'} like these (${accounts.length} in all, one per account)\n`);
  }
}

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const { global } = input;
  const options = parseGiftOptions(input.options);
  const accounts = await collectAccounts(options, { stdin: ctx.io.stdin });
  const summary = giftSummary([options.room]);
  await checkExportOptions({ columns: GIFT_COLUMNS, summary }, global);

  const session = await openSession(ctx, global);
  try {
    const api = TencentApi.open(session);
    if (global.dryRun) {
      printGiftDryRun(session, api, options.room, accounts);
      return;
    }
    const concurrency = global.concurrency ?? DEFAULT_GIFT_CONCURRENCY;
    session.log(`gifts: ${accounts.length} accounts, at most ${options.rate}/s, ${concurrency} in flight`);
    // One row per account: with a detail --limit, accounts past it would be calls whose rows are never written.
    const wanted = global.limit !== undefined && !global.summary ? accounts.slice(0, global.limit) : accounts;
    const rows = giftRows(api, {
      room: options.room,
      accounts: wanted,
      concurrency,
      pacer: createGiftLimiter(ctx, options.rate),
    });
    await runExport(ctx, global, { command: 'gifts', columns: GIFT_COLUMNS, pages: pageOfEach(rows), summary });
  } finally {
    await session.close();
  }
}
