// Wires a provider's rows to a sink: --fields, --limit, --summary, format, -o (atomic), progress and
// broken pipes. It knows columns and rows, never a provider's protocol.
import { isPageFile, type GlobalOptions } from '../cli/global-options.js';
import type { Context } from '../context.js';
import type { RequestStats } from '../http/client.js';
import { InterruptedError, UsageError } from '../errors.js';
import { isBrokenPipe } from '../io/iostreams.js';
import { columnInfo, listText, selectColumns, UnknownFieldError, type CellList, type CellValue, type Column } from '../output/columns.js';
import { formatCount } from '../util/count.js';

/** Aggregates detail rows into one summary row per input (living, room, channel). */
export interface SummarySpec<Row, Acc, SummaryRow> {
  columns: readonly Column<SummaryRow>[];
  /** Every input in order, so an input with no rows still gets its (zero) summary row. */
  inputs: readonly string[];
  keyOf(row: Row): string;
  create(input: string): Acc;
  add(acc: Acc, row: Row): void;
  finish(acc: Acc): SummaryRow;
}

export interface ExportPlan<Row> {
  /** The subcommand, for progress text and the "export everything" hint. */
  command: string;
  columns: readonly Column<Row>[];
  /**
   * The rows, a page at a time as the provider hands them over (a single-row source yields one-row pages, see
   * `pageOfEach`). Each page is written in one piece before the next is asked for.
   */
  pages: AsyncIterable<readonly Row[]>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  summary?: SummarySpec<Row, any, any> | undefined;
  /** A single record reads better as a key/value table on a terminal (livecount). */
  verticalSingle?: boolean;
  /** The table totals line makes sense for this export. */
  totals?: boolean;
  /**
   * The HTTP client's counters (`session.http.stats`): given by the provider exports, which then end a
   * --log-format json run with the `done` line. They cover the whole run from the session's opening, finding
   * the livings or rooms included, not only the pages of rows.
   */
  requestStats?: Readonly<RequestStats> | undefined;
  /** Runs once the output is complete (stdout written, or the -o file in place); never after a failure or a closed pipe. */
  afterCommit?: (() => Promise<void>) | undefined;
}

/** Validates --fields against the columns that will be written; call before any network request. */
export function chooseColumns<Row>(plan: Pick<ExportPlan<Row>, 'columns' | 'summary'>, global: GlobalOptions): Column<unknown>[] {
  const base = (global.summary && plan.summary ? plan.summary.columns : plan.columns) as readonly Column<unknown>[];
  try {
    return selectColumns(base, global.fields);
  } catch (error) {
    if (error instanceof UnknownFieldError) {
      throw new UsageError(`--fields: unknown field "${error.field}"`, { hint: `Valid fields: ${error.valid.join(', ')}` });
    }
    throw error;
  }
}

/**
 * Checks --fields and a -o file before any setting is read or request sent, so that a mistake on the command
 * line is reported as such (exit 2) and costs no gettoken or page.
 */
export async function checkExportOptions<Row>(plan: Pick<ExportPlan<Row>, 'columns' | 'summary'>, global: GlobalOptions): Promise<void> {
  chooseColumns(plan, global);
  if (global.output === undefined) return;
  if (isPageFile(global.output)) {
    throw new UsageError(`cannot tell the format of ${JSON.stringify(global.output)} from its extension: only \`livestats report\` writes .html`, {
      hint: 'Use a .csv, .json, .ndjson, .jsonl or .xlsx file name, or give --format.',
    });
  }
  const { checkDestination } = await import('../output/destination.js');
  await checkDestination(global);
}

/** Hands out single rows (or whatever a source yields one by one) as one-row pages. */
export async function* pageOfEach<Row>(rows: AsyncIterable<Row>): AsyncGenerator<readonly Row[], void, undefined> {
  for await (const row of rows) yield [row];
}

/** Without a limit the provider's pages are used as they are. */
function limitPages<Row>(pages: AsyncIterable<readonly Row[]>, limit: number | undefined): AsyncIterable<readonly Row[]> {
  return limit === undefined ? pages : takeRows(pages, limit);
}

async function* takeRows<Row>(pages: AsyncIterable<readonly Row[]>, limit: number): AsyncGenerator<readonly Row[], void, undefined> {
  let left = limit;
  if (left <= 0) return;
  for await (const page of pages) {
    if (page.length < left) {
      left -= page.length;
      yield page;
      continue;
    }
    yield page.length === left ? page : page.slice(0, left);
    return; // returning closes the provider's generator: no further page is fetched
  }
}

async function* summarise<Row>(
  pages: AsyncIterable<readonly Row[]>,
  spec: SummarySpec<Row, unknown, unknown>,
): AsyncGenerator<readonly unknown[], void, undefined> {
  const accs = new Map<string, unknown>();
  for (const input of spec.inputs) accs.set(input, spec.create(input));
  for await (const page of pages) {
    for (const row of page) {
      const key = spec.keyOf(row);
      let acc = accs.get(key);
      if (acc === undefined) {
        acc = spec.create(key);
        accs.set(key, acc);
      }
      spec.add(acc, row);
    }
  }
  yield Array.from(accs.values(), (acc) => spec.finish(acc));
}

export async function runExport<Row>(ctx: Context, global: GlobalOptions, plan: ExportPlan<Row>): Promise<void> {
  const columns = chooseColumns(plan, global);
  const { openDestination } = await import('../output/destination.js');
  const destination = await openDestination(ctx, global);
  const { createProgress, progressOff } = await import('../io/progress.js');
  const progress = createProgress(ctx.io, progressOff(global), ctx.io.colorEnabled && global.color);
  let count = 0;
  // The closing line of --log-format json (nothing in text mode).
  const done = (): void => {
    const stats = plan.requestStats;
    if (!stats) return;
    ctx.log.done({
      command: plan.command,
      rows: count,
      pages: stats.pages,
      requests: stats.requests,
      retries: stats.retries,
      duration_ms: ctx.now() - stats.openedAt,
      output: global.output ?? null,
    });
  };
  try {
    const { createSink } = await import('../output/create-sink.js');
    const sink = await createSink({
      format: global.format,
      stream: destination.stream,
      excel: global.excel,
      // The screen's width matters only when the table goes to it.
      columns: global.output === undefined ? ctx.io.columns : undefined,
      wide: global.wide,
      color: ctx.io.colorEnabled && global.color,
      exportHint: `livestats ${plan.command} … --csv -o ${plan.command}.csv`,
      totals: plan.totals ?? true,
      verticalSingle: plan.verticalSingle ?? false,
      // Only xlsx names the zone; looking it up costs start-up time the other formats need not pay.
      timeZone: global.format === 'xlsx' ? global.tz : undefined,
      headers: global.headers,
    });
    await progress.start(`${plan.command}: fetching…`);
    await sink.begin(columnInfo(columns));
    const detail = limitPages(plan.pages, global.summary ? undefined : global.limit);
    const source: AsyncIterable<readonly unknown[]> =
      global.summary && plan.summary
        ? limitPages(summarise(detail, plan.summary as SummarySpec<Row, unknown, unknown>), global.limit)
        : detail;
    // A list cell (a room's categories) stays an array for json and ndjson; every other sink gets it joined.
    const listAt = global.format === 'json' || global.format === 'ndjson' ? [] : columns.flatMap((c, i) => (c.list ? [i] : []));
    const cellsOf = (row: unknown): CellValue[] => {
      const values = columns.map((column) => column.value(row));
      for (const i of listAt) if (values[i] !== null) values[i] = listText(values[i] as CellList);
      return values;
    };
    for await (const page of source) {
      if (ctx.signal.aborted) throw new InterruptedError();
      // The reader of stdout left (`| head -1`): stop fetching instead of exporting into a closed pipe.
      if (destination.failure !== undefined) throw destination.failure;
      // A promise only when the stream asked to wait: the next page is taken once it has drained.
      const pending = sink.writePage(page.map(cellsOf));
      if (pending) await pending;
      const before = count;
      count += page.length;
      if (progress.shown && count >> 10 !== before >> 10) progress.update(`${plan.command}: ${formatCount(count)} rows`);
    }
    progress.stop();
    await sink.end();
    await destination.commit();
    await plan.afterCommit?.();
  } catch (error) {
    progress.stop();
    await destination.abort();
    // `livestats … | head -1`: the reader has all it wanted; that is a success, not an error.
    if (isBrokenPipe(error) && !destination.isFile) return done();
    throw error;
  }
  done();
}
