#!/usr/bin/env node
// `npm run bench`: measures livestats against the embedded sandbox on loopback and prints one table of
// ratios, each measured in the same run. A benchmark, not a test: it asserts nothing and is not in `npm test`.
// It runs a private copy of the build, so a rebuild by anyone else meanwhile cannot change what is measured.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = join(import.meta.dirname, '..', '..');
const FLOOR = join(import.meta.dirname, 'fetch-floor.mjs');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const work = mkdtempSync(join(tmpdir(), 'livestats-bench-'));
const quick = process.argv.includes('--quick');

// The build as `npm run build` left it: bin, dist (the bundle) and package.json.
const build = join(work, 'build');
mkdirSync(build);
for (const part of ['bin', 'dist', 'package.json']) cpSync(join(ROOT, part), join(build, part), { recursive: true, preserveTimestamps: true });
symlinkSync(join(ROOT, 'node_modules'), join(build, 'node_modules'), 'dir');
const BIN = join(build, 'bin', 'livestats.js');
const { startSandbox } = await import(join(build, 'dist', 'sandbox', 'server.js'));

function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('LIVESTATS_')) env[k] = v;
  return { ...env, LIVESTATS_CONFIG_DIR: join(work, 'config'), NO_COLOR: '1', ...extra };
}

/** Runs a command; returns wall time in ms and, where /usr/bin/time exists, peak RSS in MiB. */
function measure(command, args, env) {
  return new Promise((resolve, reject) => {
    const wrapped = TIME ? [TIME, ['-f', '__RSS_KB__ %M', command, ...args]] : [command, args];
    const started = performance.now();
    const child = spawn(wrapped[0], wrapped[1], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.slice(-500)}`));
      const rss = /__RSS_KB__ (\d+)/.exec(stderr);
      resolve({ ms, rssMiB: rss ? Number(rss[1]) / 1024 : undefined });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs each command `runs` times, taking turns (a, b, c, a, b, c, …) so that a change in machine load
 * during the measurement weighs on all of them alike; returns, for each, the largest RSS and the median of
 * every other figure.
 */
async function interleaved(runs, commands) {
  const results = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [j, run] of commands.entries()) results[j].push(await run());
  }
  return results.map((r) => {
    const summary = {};
    for (const key of Object.keys(r[0])) {
      const values = r.map((x) => x[key]).filter((v) => v !== undefined);
      summary[key] = values.length === 0 ? undefined : key === 'rssMiB' ? Math.max(...values) : median(values);
      if (key === 'rssMiB' && values.length > 0) summary.rssMedianMiB = median(values);
    }
    return summary;
  });
}

/**
 * Runs a WeCom export against `sandbox` and splits its time as the sandbox saw it: from spawn to the first
 * get_watch_stat (start-up, config, token), the mean gap between pages, and from the last page to exit.
 */
async function measureExport(sandbox, command, args, env) {
  sandbox.resetStats();
  const spawned = Date.now();
  const result = await measure(command, args, env);
  const exited = Date.now();
  const { firstArrivalMs, lastArrivalMs, requests } = sandbox.stats;
  const first = firstArrivalMs.get_watch_stat;
  const last = lastArrivalMs.get_watch_stat;
  return {
    ...result,
    beforeFirstPageMs: first - spawned,
    perPageMs: (last - first) / Math.max(1, requests.get_watch_stat - 1),
    afterLastPageMs: exited - last,
  };
}

const rows = [];
const row = (measurement, value, target) => rows.push({ measurement, value, target });
const fmt = (n, digits = 2) => n.toFixed(digits);
const mib = (r) => (r.rssMiB ? `${fmt(r.rssMiB, 1)} MiB` : 'n/a (no /usr/bin/time)');

// 1. Start-up.
{
  const env = cleanEnv();
  const [bare, version, help] = await interleaved(quick ? 7 : 21, [
    () => measure(process.execPath, ['-e', '0'], env),
    () => measure(process.execPath, [BIN, '--version'], env),
    () => measure(process.execPath, [BIN, '--help'], env),
  ]);
  row('start-up: `--version` ÷ `node -e 0`', `${fmt(version.ms / bare.ms)}× (${fmt(version.ms, 0)} ms vs ${fmt(bare.ms, 0)} ms)`, '≤ 1.6×');
  row('start-up: `--help` ÷ `node -e 0`', `${fmt(help.ms / bare.ms)}× (${fmt(help.ms, 0)} ms)`, '—');
}

/** 200k WeCom viewers over 200 pages to CSV, and the fetch-only floor over the same pages, taking turns. */
function exportAgainstFloor(sandbox, runs) {
  const env = cleanEnv(sandbox.env);
  const living = 'sandbox-200000';
  return interleaved(runs, [
    () => measureExport(sandbox, process.execPath, [FLOOR, living], env),
    () => measureExport(sandbox, process.execPath, [BIN, 'watch', living, '--csv', '-q', '-o', join(work, 'watch.csv')], env),
  ]);
}

// 2. Export at a real network's latency: 20 ms added to every response (a provider in another city at best),
// ÷ the fetch-only floor at the same latency. Seven pairs: single pairs range a few per cent either way.
{
  const sandbox = await startSandbox({ wecomPageSize: 1000, latencyMs: 20 });
  const [floor, exportRun] = await exportAgainstFloor(sandbox, quick ? 1 : 7);
  row('export at 20 ms a response: 200k viewers / 200 pages to CSV ÷ fetch-only floor', `${fmt(exportRun.ms / floor.ms)}× (${fmt(exportRun.ms, 0)} ms vs ${fmt(floor.ms, 0)} ms)`, '≤ 1.05×');
  await sandbox.close();
}

// 3. The same export on loopback, where livestats is bound by its own CPU.
{
  const sandbox = await startSandbox({ wecomPageSize: 1000 });
  const env = cleanEnv(sandbox.env);
  const [floor, exportRun] = await exportAgainstFloor(sandbox, quick ? 3 : 5);
  row('export on loopback: 200k viewers / 200 pages to CSV ÷ fetch-only floor', `${fmt(exportRun.ms / floor.ms)}× (${fmt(exportRun.ms, 0)} ms vs ${fmt(floor.ms, 0)} ms)`, '≤ 2.5×');
  const split = (key, digits = 0) => `${fmt(exportRun[key], digits)} vs ${fmt(floor[key], digits)} ms`;
  row(
    'export split, livestats vs floor (as the sandbox saw it)',
    `before the first page ${split('beforeFirstPageMs')}; per page ${split('perPageMs', 2)}; after the last page ${split('afterLastPageMs')}`,
    '—',
  );

  // 4. Memory and rate: 1M viewers to NDJSON, beside the floor fetching the same million.
  const million = 'sandbox-1000000';
  const [floorMillion, ndjson] = await interleaved(quick ? 1 : 3, [
    () => measure(process.execPath, [FLOOR, million], env),
    () => measure(process.execPath, [BIN, 'watch', million, '--format', 'ndjson', '-q', '-o', join(work, 'watch.ndjson')], env),
  ]);
  row('1M viewers to NDJSON: peak RSS', `${mib(ndjson)} (fetch-only floor: ${mib(floorMillion)})`, '≤ 150 MiB');
  // Not a ratio: the floor's own pace beside it shows how fast the machine was at the time.
  const perSecond = (run) => Math.round(1_000_000 / (run.ms / 1000)).toLocaleString('en-US');
  row('1M viewers to NDJSON: rows per second', `${perSecond(ndjson)} rows/s (fetch-only floor: ${perSecond(floorMillion)} rows/s)`, '—');
  const [small] = await interleaved(quick ? 1 : 3, [
    () => measure(process.execPath, [BIN, 'watch', 'sandbox-100000', '--format', 'ndjson', '-q', '-o', join(work, 'small.ndjson')], env),
  ]);
  const growth = (from, to) => `${fmt(from.rssMiB, 1)} MiB vs ${fmt(to.rssMiB, 1)} MiB (${fmt((to.rssMiB / from.rssMiB - 1) * 100, 1)} %)`;
  if (small.rssMiB && ndjson.rssMiB) row('peak RSS, 100k rows vs 1M rows (flat memory)', growth(small, ndjson), 'within 15 %');
  // Past V8's first full collection of the old generation memory stays level: three times the rows, the same peak.
  if (!quick) {
    const [large] = await interleaved(1, [
      () => measure(process.execPath, [BIN, 'watch', 'sandbox-3000000', '--format', 'ndjson', '-q', '-o', join(work, 'large.ndjson')], env),
    ]);
    rmSync(join(work, 'large.ndjson'), { force: true });
    if (large.rssMiB && ndjson.rssMiB) row('peak RSS, 1M rows vs 3M rows (bounded memory)', growth(ndjson, large), '—');
  }
  // The same growth with nothing but JSON.parse on top of the fetch-only floor: how much of it parsing alone causes.
  const [parseSmall, parseMillion] = await interleaved(quick ? 1 : 3, [
    () => measure(process.execPath, [FLOOR, 'sandbox-100000', '--parse'], env),
    () => measure(process.execPath, [FLOOR, million, '--parse'], env),
  ]);
  if (parseSmall.rssMiB && parseMillion.rssMiB) row('the same with a fetch + JSON.parse floor (no rows, no output)', growth(parseSmall, parseMillion), '—');
  await sandbox.close();
}

// 5. Tencent: 1000 accounts at the 200/s limit with 30 ms latency.
{
  const accounts = join(work, 'accounts.txt');
  const n = 1000;
  writeFileSync(accounts, Array.from({ length: n }, (_, i) => `viewer_${i}`).join('\n'));
  // Under a sliding window of 200 per second, the first and the last of n calls cannot arrive less than
  // (ceil(n/200) − 1) s apart: the share of the limit is that span over the span the sandbox saw. End to end,
  // the run also pays process start-up before its first call and one latency after its last.
  const idealSpan = (Math.ceil(n / 200) - 1) * 1000;
  const idealEndToEnd = idealSpan + 30;
  const runs = [];
  for (let i = 0; i < (quick ? 1 : 3); i++) {
    const sandbox = await startSandbox({ latencyMs: 30 });
    const env = cleanEnv(sandbox.env);
    const spawned = Date.now();
    const result = await measure(process.execPath, [BIN, 'gifts', '--room', 'sandbox-room', '--from-file', accounts, '--format', 'ndjson', '-q', '-o', join(work, 'gifts.ndjson')], env);
    const first = sandbox.stats.firstArrivalMs.get_gift_count;
    const last = sandbox.stats.lastArrivalMs.get_gift_count;
    runs.push({ ms: result.ms, span: last - first, firstCall: first - spawned, max: sandbox.stats.maxPerSecond.get_gift_count ?? 0, rejected: sandbox.stats.tencentRateLimited });
    await sandbox.close();
  }
  const span = median(runs.map((r) => r.span));
  const ms = median(runs.map((r) => r.ms));
  row(
    'Tencent: 1000 accounts at 200/s, 30 ms latency — share of the limit (first to last call)',
    `${fmt((idealSpan / span) * 100, 1)} % (${fmt(span, 0)} ms, ideal ${idealSpan} ms; max ${Math.max(...runs.map((r) => r.max))} in any 1 s)`,
    '≥ 95 %',
  );
  row(
    'Tencent: the same, end to end (process start-up to exit)',
    `${fmt((idealEndToEnd / ms) * 100, 1)} % (${fmt(ms, 0)} ms, ideal ${idealEndToEnd} ms; first call after ${fmt(median(runs.map((r) => r.firstCall)), 0)} ms)`,
    '—',
  );
  row('Tencent: rate-limit rejections', `${runs.map((r) => r.rejected).join(', ')} (${runs.length} run${runs.length === 1 ? '' : 's'})`, '0');
}

// 6. Polyv: 20 pages at 50 ms latency, concurrent ÷ sequential.
{
  const sandbox = await startSandbox({ latencyMs: 50 });
  const env = cleanEnv(sandbox.env);
  const args = ['redpacks', '--channel', 'sandbox-20000', '--format', 'ndjson', '-q', '-o', join(work, 'redpacks.ndjson')];
  const [concurrent, sequential] = await interleaved(quick ? 1 : 3, [
    () => measure(process.execPath, [BIN, ...args], env),
    () => measure(process.execPath, [BIN, ...args, '--concurrency', '1'], env),
  ]);
  row(
    'Polyv: 20 pages at 50 ms — sequential ÷ concurrent',
    `${fmt(sequential.ms / concurrent.ms)}× faster (${fmt(concurrent.ms, 0)} ms vs ${fmt(sequential.ms, 0)} ms; rejected ${sandbox.stats.polyvRateLimited})`,
    '> 1×, within 1500 per 10 s',
  );
  await sandbox.close();
}

// 6b. An export with a time on every row at 20 ms a response: 20k Polyv red packs and their 93k receipts, each row's
// time written in --tz. This is the figure that output/time's quarter-hour offset cache is measured by.
{
  const sandbox = await startSandbox({ latencyMs: 20 });
  const env = cleanEnv(sandbox.env);
  const out = join(work, 'receipts.ndjson');
  const [receipts] = await interleaved(quick ? 1 : 3, [
    () => measure(process.execPath, [BIN, 'redpacks', '--channel', 'sandbox-20000', '--receives', '--tz', 'Asia/Shanghai', '--format', 'ndjson', '-q', '-o', out], env),
  ]);
  const rows = readFileSync(out, 'utf8').split('\n').length - 1;
  row(
    'Polyv at 20 ms: 20k red packs with --receives to NDJSON, a time per row',
    `${fmt(receipts.ms, 0)} ms for ${rows.toLocaleString('en-US')} rows (peak RSS ${mib(receipts)})`,
    '—',
  );
  await sandbox.close();
}

// 7. Report over 1M viewers ÷ the 1M NDJSON export it stands beside: peak RSS and wall time, taking turns.
{
  const sandbox = await startSandbox({ wecomPageSize: 1000 });
  const env = cleanEnv(sandbox.env);
  const million = 'sandbox-1000000';
  // Five rounds: one process's peak RSS moves by several MiB with the moment V8 collects, so the median is shown too.
  const [exportRun, report] = await interleaved(quick ? 1 : 5, [
    () => measure(process.execPath, [BIN, 'watch', million, '--format', 'ndjson', '-q', '-o', join(work, 'report-watch.ndjson')], env),
    () => measure(process.execPath, [BIN, 'report', '--living', million, '-q', '-o', join(work, 'report.html')], env),
  ]);
  if (report.rssMiB && exportRun.rssMiB) {
    const medians = `${fmt(report.rssMedianMiB / exportRun.rssMedianMiB)}× (${fmt(report.rssMedianMiB, 1)} vs ${fmt(exportRun.rssMedianMiB, 1)} MiB)`;
    row(
      'report over 1M viewers ÷ the 1M NDJSON export: peak RSS',
      `largest of each: ${fmt(report.rssMiB / exportRun.rssMiB)}× (${mib(report)} vs ${mib(exportRun)}); medians: ${medians}`,
      '≤ 1×',
    );
  }
  row('report over 1M viewers ÷ the 1M NDJSON export: wall time', `${fmt(report.ms / exportRun.ms)}× (${fmt(report.ms, 0)} ms vs ${fmt(exportRun.ms, 0)} ms)`, '≤ 1.2×');
  await sandbox.close();
}

rmSync(work, { recursive: true, force: true });
console.log(`\nlivestats benchmark — node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| measurement | result | target |\n|---|---|---|');
for (const r of rows) console.log(`| ${r.measurement} | ${r.value} | ${r.target} |`);
