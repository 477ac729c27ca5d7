// Every column of every export has a Chinese header, the lookup leaves en keys alone, and no two columns of
// one export share a Chinese name (a spreadsheet with two identical headers is ambiguous).
import { describe, expect, it } from 'vitest';
import { headerText, ZH_HEADERS } from '../../src/output/headers-zh.js';
import type { Column } from '../../src/output/columns.js';
import { WATCH_COLUMNS } from '../../src/providers/wecom/rows.js';
import { LIVING_COLUMNS } from '../../src/providers/wecom/living-rows.js';
import { WATCH_SUMMARY_COLUMNS } from '../../src/providers/wecom/summary.js';
import { GIFT_COLUMNS, GIFT_SUMMARY_COLUMNS } from '../../src/providers/tencent/rows.js';
import { ROOM_COLUMNS, ROOM_SUMMARY_COLUMNS } from '../../src/providers/tencent/room-rows.js';
import { RECEIVE_COLUMNS, RED_PACK_COLUMNS, SUMMARY_COLUMNS } from '../../src/providers/polyv/rows.js';
import { LIVECOUNT_COLUMNS } from '../../src/providers/livecount/rows.js';
import { COLUMNS as DOCTOR_COLUMNS } from '../../src/commands/doctor.js';
import { LIST_COLUMNS } from '../../src/commands/config/list.js';

const EXPORTS: Record<string, readonly Column<never>[]> = {
  watch: WATCH_COLUMNS,
  'watch --summary': WATCH_SUMMARY_COLUMNS,
  livings: LIVING_COLUMNS,
  gifts: GIFT_COLUMNS,
  'gifts --summary': GIFT_SUMMARY_COLUMNS,
  rooms: ROOM_COLUMNS,
  'rooms --summary': ROOM_SUMMARY_COLUMNS,
  redpacks: RED_PACK_COLUMNS,
  'redpacks --receipts': RECEIVE_COLUMNS,
  'redpacks --summary': SUMMARY_COLUMNS,
  livecount: LIVECOUNT_COLUMNS,
  doctor: DOCTOR_COLUMNS,
  'config list': LIST_COLUMNS,
};

const CJK = /[\u4e00-\u9fff]/;

describe('Chinese headers', () => {
  for (const [name, columns] of Object.entries(EXPORTS)) {
    it(`${name}: every column has a distinct Chinese header`, () => {
      const keys = columns.map((c) => c.key);
      expect(keys.length).toBeGreaterThan(0);
      const missing = keys.filter((key) => !Object.hasOwn(ZH_HEADERS, key) || !CJK.test(headerText(key, 'zh')));
      expect(missing, `${name} columns with no zh header`).toEqual([]);
      const zh = keys.map((key) => headerText(key, 'zh'));
      expect(new Set(zh).size).toBe(zh.length);
    });
  }

  it('en, and no language given, print the key itself; an unknown key prints as itself in zh', () => {
    expect(headerText('watch_time_s', 'en')).toBe('watch_time_s');
    expect(headerText('watch_time_s', undefined)).toBe('watch_time_s');
    expect(headerText('watch_time_s', 'zh')).toBe('观看时长(秒)');
    expect(headerText('living_id', 'zh')).toBe('直播ID');
    expect(headerText('viewer_type', 'zh')).toBe('观众类型');
    expect(headerText('no_such_column', 'zh')).toBe('no_such_column');
  });
});
