// `livestats gifts`: Tencent get_gift_count for each account in one room. Checks every option and reads the
// account list before touching config or the network, then hands the rows to the export runner (or prints them).
import { Command } from 'commander';
import { examples, type ActionBinder, type CommandInput } from '../cli/command.js';
import { parseInteger } from '../cli/global-options.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { checkExportOptions, pageOfEach, runExport } from '../export/runner.js';
import { MAX_RATE_PER_SECOND } from '../providers/tencent/limits.js';
import { openSession } from '../session/provider-session.js';
import { alikeRequests, printDryRun } from '../session/dry-run.js';

export function giftsCommand(bind: ActionBinder): Command {
  return new Command('gifts')
    .description('Tencent Cloud Chat: gift counts per account in a live room (one call per account)')
    .requiredOption('--room <id>', 'live room id')
    .option('--from <account...>', 'accounts to query (From_Account); may be combined with --from-file')
    .option('--from-file <path|->', 'read accounts from a file, one per line ("-" for standard input); added after --from, duplicates dropped, order kept')
    .option('--rate <n>', `requests per second, 1–${MAX_RATE_PER_SECOND} (default ${MAX_RATE_PER_SECOND}, Tencent's documented limit)`)
    .addHelpText(
      'after',
      `\nNote: Tencent's documents disagree on From_Account. One copy calls it the gift sender, another the gift\nreceiver (anchor); GiftSenderCount suggests the receiver. livestats passes each account through unchanged;\ncheck against a real room before relying on either reading.\n` +
        examples([
          'livestats gifts --room room_1 --from alice bob',
          'livestats gifts --room room_1 --from-file accounts.txt --csv -o gifts.csv',
          'livestats watch lv_1 --csv --fields userid | tail -n +2 | livestats gifts --room room_1 --from-file -',
        ]),
    )
    .action(bind('gifts', run));
}

export interface GiftOptions {
  room: string;
  from: string[] | undefined;
  fromFile: string | undefined;
  rate: number;
}

/** Trimmed and non-empty, or a usage error saying what is missing. */
function requiredText(value: unknown, problem: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') throw new UsageError(problem);
  return text;
}

export function parseGiftOptions(raw: Record<string, unknown>): GiftOptions {
  const room = requiredText(raw.room, raw.room === undefined ? '--room <id> is required' : '--room must not be empty');
  const from = Array.isArray(raw.from) ? raw.from.filter((a): a is string => typeof a === 'string') : undefined;
  const fromFile = raw.fromFile === undefined ? undefined : requiredText(raw.fromFile, '--from-file needs a path, or "-" for standard input');
  const rate = typeof raw.rate === 'string' ? parseInteger('--rate', raw.rate, 1, MAX_RATE_PER_SECOND) : MAX_RATE_PER_SECOND;
  return { room, from, fromFile, rate };
}

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const { global } = input;
  const options = parseGiftOptions(input.options);
  const { collectAccounts, createGiftLimiter, DEFAULT_GIFT_CONCURRENCY, GIFT_COLUMNS, giftRequests, giftRows, giftSummary, TencentApi } =
    await import('../providers/tencent/index.js');
  const accounts = await collectAccounts(options, { stdin: ctx.io.stdin });
  const summary = giftSummary([options.room]);
  await checkExportOptions({ columns: GIFT_COLUMNS, summary }, global);

  const session = await openSession(ctx, global);
  try {
    const api = TencentApi.open(session);
    if (global.dryRun) {
      printDryRun(session, [alikeRequests(accounts, 'account', (first) => giftRequests(api, options.room, first))]);
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
    await runExport(ctx, global, { command: 'gifts', columns: GIFT_COLUMNS, pages: pageOfEach(rows), summary, requestStats: session.http.stats });
  } finally {
    await session.close();
  }
}
