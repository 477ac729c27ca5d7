// What the report holds while the rows stream: the chart library is not loaded and the time zone not looked up
// (its first lookup loads ICU) until the last page has been read; only the page's drawing loads ECharts.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportPlan } from '../../src/report/build-report.js';
import type { Viewer } from '../../src/report/watch-stats.js';
import type { ProviderSession } from '../../src/session/provider-session.js';
import type { Progress } from '../../src/io/progress.js';

const events = vi.hoisted(() => [] as string[]);

vi.mock('../../src/report/sources/wecom-source.js', () => ({
  async *viewerPages(): AsyncGenerator<readonly Viewer[], void, undefined> {
    const viewer: Viewer = { living_id: 'lv1', external_type: null, invitor_userid: null, invitor_external_userid: null, viewer_type: 'member', userid: 'u1', external_userid: null, name: 'A', watch_time_s: 120, is_comment: true, is_mic: false };
    for (const page of [1, 2]) {
      events.push(`page ${page}`);
      yield [viewer];
    }
    events.push('walk end');
  },
}));

vi.mock('../../src/report/render-charts.js', () => {
  events.push('echarts loaded');
  return { renderChart: () => '<svg></svg>' };
});

const { buildPage, collectReport } = await import('../../src/report/build-report.js');

const silent: Progress = { shown: false, start: async () => undefined, update: () => undefined, stop: () => undefined };

function session(): ProviderSession {
  const global = {
    headers: 'en',
    sandbox: true,
    profile: 'default',
    get tz() {
      events.push('zone read');
      return 'Asia/Shanghai';
    },
  };
  const ctx = { now: () => Date.UTC(2026, 0, 5), signal: new AbortController().signal };
  return { ctx, global } as unknown as ProviderSession;
}

const plan: ReportPlan = {
  options: { livings: ['lv1'], users: undefined, tencent: undefined, polyv: undefined, livecountRoom: undefined, title: undefined },
  accounts: undefined,
  redPacks: undefined,
  livingWindow: undefined,
};

describe('report run order', () => {
  beforeEach(() => {
    events.length = 0;
  });

  it('reads every page before it looks up the zone, and loads no chart code while reading', async () => {
    const model = await collectReport(session(), plan, silent);
    expect(events).toEqual(['page 1', 'page 2', 'walk end', 'zone read']);
    expect(model.zone).toBe('Asia/Shanghai');
    expect(model.wecom?.summary.viewers).toBe(2);
  });

  it('loads the chart library only to draw the page', async () => {
    const model = await collectReport(session(), plan, silent);
    expect(events).not.toContain('echarts loaded');
    const page = await buildPage(model);
    expect(events.at(-1)).toBe('echarts loaded');
    expect(page).toContain('Asia/Shanghai');
  });
});
