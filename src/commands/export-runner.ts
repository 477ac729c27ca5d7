// Wires a provider's rows to a sink: --fields, --limit, --summary, format, -o (atomic), progress and
// broken pipes. It knows columns and rows, never a provider's protocol.
import type { GlobalOptions } from '../cli/global-options.js';
import type { Context } from '../context.js';
import { InterruptedError, UsageError } from '../errors.js';
import { createProgress } from '../io/progress.js';
import { isBrokenPipe } from '../io/iostreams.js';
import { columnInfo, selectColumns, UnknownFieldError, type CellValue, type Column } from '../output/columns.js';
import type { Sink } from '../output/sink.js';

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
  rows: AsyncIterable<Row>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  summary?: SummarySpec<Row, any, any> | undefined;
  /** A single record reads better as a key/value table on a terminal (livecount). */
  verticalSingle?: boolean;
  /** The table totals line makes sense for this export. */
  totals?: boolean;
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
  const { checkDestination } = await import('../output/destination.js');
  await checkDestination(global);
}

/** Without a limit the provider's iterable is used as it is: every generator layer costs per row. */
function limitRows<Row>(rows: AsyncIterable<Row>, limit: number | undefined): AsyncIterable<Row> {
  return limit === undefined ? rows : takeRows(rows, limit);
}

async function* takeRows<Row>(rows: AsyncIterable<Row>, limit: number): AsyncGenerator<Row> {
  let count = 0;
  if (limit <= 0) return;
  for await (const row of rows) {
    yield row;
    if (++count >= limit) return; // returning closes the provider's generator: no further page is fetched
  }
}

async function* summarise<Row>(rows: AsyncIterable<Row>, spec: SummarySpec<Row, unknown, unknown>): AsyncGenerator<unknown> {
  const accs = new Map<string, unknown>();
  for (const input of spec.inputs) accs.set(input, spec.create(input));
  for await (const row of rows) {
    const key = spec.keyOf(row);
    let acc = accs.get(key);
    if (acc === undefined) {
      acc = spec.create(key);
      accs.set(key, acc);
    }
    spec.add(acc, row);
  }
  for (const acc of accs.values()) yield spec.finish(acc);
}

export async function runExport<Row>(ctx: Context, global: GlobalOptions, plan: ExportPlan<Row>): Promise<void> {
  const columns = chooseColumns(plan, global);
  const { openDestination } = await import('../output/destination.js');
  const destination = await openDestination(ctx, global);
  // Verbose lines and a spinner would overwrite each other on stderr: verbose wins.
  const progress = createProgress(ctx.io, global.quiet || global.verbose, ctx.io.colorEnabled && global.color);
  let sink: Sink | undefined;
  let count = 0;
  try {
    const { createSink } = await import('../output/create-sink.js');
    sink = await createSink({
      format: global.format,
      stream: destination.stream,
      excel: global.excel,
      columns: ctx.io.columns,
      color: ctx.io.colorEnabled && global.color,
      exportHint: `livestats ${plan.command} … --csv -o ${plan.command}.csv`,
      totals: plan.totals ?? true,
      verticalSingle: plan.verticalSingle ?? false,
    });
    await progress.start(`${plan.command}: fetching…`);
    await sink.begin(columnInfo(columns));
    const detail = limitRows(plan.rows, global.summary ? undefined : global.limit);
    const source: AsyncIterable<unknown> =
      global.summary && plan.summary
        ? limitRows(summarise(detail, plan.summary as SummarySpec<Row, unknown, unknown>), global.limit)
        : detail;
    const values: CellValue[] = new Array<CellValue>(columns.length);
    for await (const row of source) {
      if (ctx.signal.aborted) throw new InterruptedError();
      // The reader of stdout left (`| head -1`): stop fetching instead of exporting into a closed pipe.
      if (destination.failure !== undefined) throw destination.failure;
      for (let i = 0; i < columns.length; i++) values[i] = (columns[i] as Column<unknown>).value(row);
      const pending = sink.write(values);
      if (pending) await pending;
      if ((++count & 1023) === 0) progress.update(`${plan.command}: ${count.toLocaleString('en-US')} rows`);
    }
    progress.stop();
    await sink.end();
    await destination.commit();
  } catch (error) {
    progress.stop();
    await destination.abort();
    // `livestats … | head -1`: the reader has all it wanted; that is a success, not an error.
    if (isBrokenPipe(error) && !destination.isFile) return;
    throw error;
  }
}
