import { describe, expect, it } from 'vitest';
import { parseResponse } from '../../../src/http/validate.js';
import { externalRow, memberRow, WATCH_COLUMNS, type WatchRow } from '../../../src/providers/wecom/rows.js';
import { watchStatSchema } from '../../../src/providers/wecom/schemas.js';
import { averageSeconds, WATCH_SUMMARY_COLUMNS, watchSummary } from '../../../src/providers/wecom/summary.js';
import { fixture } from './helpers.js';

function rowsOf(livingId: string, name: string): WatchRow[] {
  const page = parseResponse(watchStatSchema, fixture(name), { provider: 'WeCom', endpoint: 'get_watch_stat' });
  return [
    ...(page.stat_info?.users ?? []).map((u) => memberRow(livingId, u)),
    ...(page.stat_info?.external_users ?? []).map((u) => externalRow(livingId, u)),
  ];
}

function summarise(livingIds: string[], rows: WatchRow[]) {
  const spec = watchSummary(livingIds);
  const accs = new Map(livingIds.map((id) => [id, spec.create(id)]));
  for (const row of rows) spec.add(accs.get(spec.keyOf(row))!, row);
  return [...accs.values()].map((acc) => spec.finish(acc));
}

describe('watch rows', () => {
  it('maps the documented example (seed 001) to contract rows with typed values', () => {
    expect(rowsOf('lv_1', 'seed-example')).toEqual([
      {
        living_id: 'lv_1', viewer_type: 'member', userid: 'userid', external_userid: null, name: null, external_type: null,
        watch_time_s: 30, is_comment: true, is_mic: true, invitor_userid: null, invitor_external_userid: null,
      },
      {
        living_id: 'lv_1', viewer_type: 'external', userid: null, external_userid: 'external_userid1', name: 'user name',
        external_type: 'wechat', watch_time_s: 30, is_comment: true, is_mic: true, invitor_userid: null, invitor_external_userid: null,
      },
      {
        living_id: 'lv_1', viewer_type: 'external', userid: null, external_userid: 'external_userid2', name: 'user_name',
        external_type: 'wecom', watch_time_s: 30, is_comment: true, is_mic: true, invitor_userid: null, invitor_external_userid: null,
      },
    ]);
  });

  it('turns 0 into false, empty or absent ids and names into null, and an unknown type into null', () => {
    const [zhangsan, lisi, wangwu, anonymous] = rowsOf('lv_1', 'page-1');
    expect(zhangsan).toMatchObject({ is_comment: true, is_mic: false, invitor_userid: null });
    expect(lisi).toMatchObject({ is_comment: false, is_mic: true, invitor_userid: null, invitor_external_userid: null });
    expect(wangwu).toMatchObject({ name: '王五', invitor_userid: 'zhangsan', invitor_external_userid: null });
    expect(anonymous).toMatchObject({ name: null, watch_time_s: 0, invitor_external_userid: 'wmEXT0001', external_type: 'wecom' });
    const [, unknownType] = rowsOf('lv_1', 'page-2-last');
    expect(unknownType).toMatchObject({ external_type: null, name: null });
  });

  it('reads an absent 0/1 flag as unknown (null), not as false', () => {
    const row = memberRow('lv_1', { userid: 'u1', watch_time: 5 });
    expect(row.is_comment).toBeNull();
    expect(row.is_mic).toBeNull();
  });

  it('has the contract columns in order, with watch_time_s summed in the totals line', () => {
    expect(WATCH_COLUMNS.map((c) => c.key)).toEqual([
      'living_id', 'viewer_type', 'userid', 'external_userid', 'name', 'external_type',
      'watch_time_s', 'is_comment', 'is_mic', 'invitor_userid', 'invitor_external_userid',
    ]);
    expect(WATCH_COLUMNS.filter((c) => c.total === 'sum').map((c) => c.key)).toEqual(['watch_time_s']);
    const [row] = rowsOf('lv_9', 'seed-example');
    expect(WATCH_COLUMNS.map((c) => c.value(row!))).toEqual(['lv_9', 'member', 'userid', null, null, null, 30, true, true, null, null]);
  });
});

describe('watch --summary', () => {
  it('aggregates per living, and gives a living without viewers a zero row', () => {
    const rows = [...rowsOf('lv_1', 'page-1'), ...rowsOf('lv_1', 'page-2-last')];
    expect(summarise(['lv_1', 'lv_empty'], rows)).toEqual([
      {
        living_id: 'lv_1', viewers: 6, members: 3, external_viewers: 3,
        total_watch_time_s: 1800 + 45 + 600 + 0 + 300 + 15, avg_watch_time_s: 460, commenters: 2, mic_users: 1,
      },
      { living_id: 'lv_empty', viewers: 0, members: 0, external_viewers: 0, total_watch_time_s: 0, avg_watch_time_s: 0, commenters: 0, mic_users: 0 },
    ]);
  });

  it('rounds the average to one decimal', () => {
    expect(averageSeconds(100, 3)).toBe(33.3);
    expect(averageSeconds(5, 3)).toBe(1.7);
    expect(averageSeconds(0, 0)).toBe(0);
  });

  it('has the contract summary columns; sums are totalled, the average is not', () => {
    expect(WATCH_SUMMARY_COLUMNS.map((c) => c.key)).toEqual([
      'living_id', 'viewers', 'members', 'external_viewers', 'total_watch_time_s', 'avg_watch_time_s', 'commenters', 'mic_users',
    ]);
    expect(WATCH_SUMMARY_COLUMNS.filter((c) => c.total !== 'sum').map((c) => c.key)).toEqual(['living_id', 'avg_watch_time_s']);
  });
});
