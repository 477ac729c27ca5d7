// Money totals through the whole export path (Polyv rows → runner → sink): amounts that floats cannot add
// exactly (0.57 + 1.13 + 0.29 is 1.9899999999999998 as floats) come out as 1.99 in the summary row and in
// the table's totals line, in every format.
import { describe, expect, it } from 'vitest';
import { parseGlobalOptions, type RawGlobalOptions } from '../../src/cli/global-options.js';
import { runExport, type ExportPlan } from '../../src/export/runner.js';
import { createTimeFormatter } from '../../src/output/time.js';
import { RECEIVE_COLUMNS, RED_PACK_COLUMNS, receiveRows, redPackRow, redPackSummary } from '../../src/providers/polyv/rows.js';
import { redPackPageBodySchema } from '../../src/providers/polyv/schemas.js';
import { testContext } from '../helpers/context.js';
import { fixture } from '../providers/polyv/harness.js';

const CHANNEL = '2812610';
const time = createTimeFormatter('UTC');
// Three red packs of 0.57, 1.13 and 0.29 yuan, each received whole by one viewer.
const packs = redPackPageBodySchema.parse(fixture('money-sum')).data.contents.map((pack) => ({ channel: CHANNEL, pack }));

async function* onePage<Row>(rows: Row[]): AsyncGenerator<readonly Row[]> {
  yield rows;
}

async function exportPacks(raw: RawGlobalOptions, receives = false): Promise<string> {
  const ctx = testContext();
  const global = parseGlobalOptions({ tz: 'UTC', quiet: true, ...raw }, ctx.env, false);
  const plan: ExportPlan<unknown> = receives
    ? { command: 'redpacks', columns: RECEIVE_COLUMNS, pages: onePage(packs.flatMap((p) => [...receiveRows(p, time)])) }
    : { command: 'redpacks', columns: RED_PACK_COLUMNS, pages: onePage(packs.map((p) => redPackRow(p, time))), summary: redPackSummary([CHANNEL]) };
  await runExport(ctx, global, plan as ExportPlan<unknown>);
  return ctx.out.text;
}

describe('money totals', () => {
  it('the fixture holds amounts whose float sum is not 1.99', () => {
    expect(packs.map((p) => p.pack.amount)).toEqual([0.57, 1.13, 0.29]);
    expect(0.57 + 1.13 + 0.29).not.toBe(1.99);
  });

  it('--summary --json prints the totals as 1.99', async () => {
    const text = await exportPacks({ json: true, summary: true });
    expect(text).toBe(
      '[\n{"channel_id":"2812610","red_packs":3,"total_amount":1.99,"total_balance":0,"receives":3,"unique_receivers":3,"received_amount":1.99}\n]\n',
    );
  });

  it('--summary --ndjson prints the totals as 1.99', async () => {
    const text = await exportPacks({ ndjson: true, summary: true, fields: 'total_amount,received_amount' });
    expect(text).toBe('{"total_amount":1.99,"received_amount":1.99}\n');
  });

  it('--summary --csv prints the totals as 1.99, every amount with two decimals', async () => {
    const text = await exportPacks({ csv: true, summary: true });
    expect(text).toBe('channel_id,red_packs,total_amount,total_balance,receives,unique_receivers,received_amount\n2812610,3,1.99,0.00,3,3,1.99\n');
  });

  it('the table totals line of the red packs sums amount and received_amount to 1.99', async () => {
    const text = await exportPacks({ format: 'table', fields: 'red_pack_id,amount,received_amount' });
    const totals = text.split('\n').find((line) => line.includes('total'));
    expect(totals?.split('│').map((cell) => cell.trim())).toEqual(['', 'total', '1.99', '1.99', '']);
    expect(text).not.toContain('1.98');
  });

  it('the table totals line of the receipts sums amount to 1.99', async () => {
    const text = await exportPacks({ format: 'table', fields: 'receiver_nickname,amount' }, true);
    const totals = text.split('\n').find((line) => line.includes('total'));
    expect(totals?.split('│').map((cell) => cell.trim())).toEqual(['', 'total', '1.99', '']);
  });
});
