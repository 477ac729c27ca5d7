#!/usr/bin/env node
// `npm run bench`: measures livestats against the embedded sandbox on loopback and prints one table of
// ratios, each measured in the same run. A benchmark, not a test: it asserts nothing and is not in `npm test`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSandbox } from '../../dist/sandbox/server.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'livestats.js');
const FLOOR = join(import.meta.dirname, 'fetch-floor.mjs');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const work = mkdtempSync(join(tmpdir(), 'livestats-bench-'));
const quick = process.argv.includes('--quick');

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

async function medianOf(runs, fn) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await fn());
  return { ms: median(results.map((r) => r.ms)), rssMiB: Math.max(...results.map((r) => r.rssMiB ?? 0)) || undefined };
}

const rows = [];
const row = (measurement, value, target) => rows.push({ measurement, value, target });
const fmt = (n, digits = 2) => n.toFixed(digits);

// 1. Start-up.
{
  const runs = quick ? 5 : 15;
  const env = cleanEnv();
  const bare = await medianOf(runs, () => measure(process.execPath, ['-e', '0'], env));
  const version = await medianOf(runs, () => measure(process.execPath, [BIN, '--version'], env));
  const help = await medianOf(runs, () => measure(process.execPath, [BIN, '--help'], env));
  row('start-up: `--version` ÷ `node -e 0`', `${fmt(version.ms / bare.ms)}× (${fmt(version.ms, 0)} ms vs ${fmt(bare.ms, 0)} ms)`, '≤ 1.3×');
  row('start-up: `--help` ÷ `node -e 0`', `${fmt(help.ms / bare.ms)}× (${fmt(help.ms, 0)} ms)`, '≤ 1.3×');
}

// 2. Export: 200k WeCom viewers over 200 pages to CSV ÷ the fetch-only floor over the same pages.
{
  const sandbox = await startSandbox({ wecomPageSize: 1000 });
  const env = cleanEnv(sandbox.env);
  const runs = quick ? 1 : 3;
  const living = 'sandbox-200000';
  const floor = await medianOf(runs, () => measure(process.execPath, [FLOOR, living], env));
  const out = join(work, 'watch.csv');
  const exportRun = await medianOf(runs, () => measure(process.execPath, [BIN, 'watch', living, '--csv', '-q', '-o', out], env));
  row('export: 200k viewers / 200 pages to CSV ÷ fetch-only floor', `${fmt(exportRun.ms / floor.ms)}× (${fmt(exportRun.ms, 0)} ms vs ${fmt(floor.ms, 0)} ms)`, '≤ 1.3×');

  // 3. Memory and rate: 1M viewers to NDJSON.
  const million = await measure(process.execPath, [BIN, 'watch', 'sandbox-1000000', '--format', 'ndjson', '-q', '-o', join(work, 'watch.ndjson')], env);
  row('1M viewers to NDJSON: peak RSS', million.rssMiB ? `${fmt(million.rssMiB, 1)} MiB` : 'n/a (no /usr/bin/time)', '≤ 80 MiB');
  row('1M viewers to NDJSON: rows per second', `${Math.round(1_000_000 / (million.ms / 1000)).toLocaleString('en-US')} rows/s`, '≥ 300,000');
  const small = await measure(process.execPath, [BIN, 'watch', 'sandbox-100000', '--format', 'ndjson', '-q', '-o', join(work, 'small.ndjson')], env);
  if (small.rssMiB && million.rssMiB) row('peak RSS, 100k rows vs 1M rows (flat memory)', `${fmt(small.rssMiB, 1)} MiB vs ${fmt(million.rssMiB, 1)} MiB`, 'flat');
  await sandbox.close();
}

// 4. Tencent: 1000 accounts at the 200/s limit with 30 ms latency.
{
  const sandbox = await startSandbox({ latencyMs: 30 });
  const env = cleanEnv(sandbox.env);
  const accounts = join(work, 'accounts.txt');
  const n = 1000;
  writeFileSync(accounts, Array.from({ length: n }, (_, i) => `viewer_${i}`).join('\n'));
  const result = await measure(process.execPath, [BIN, 'gifts', '--room', 'sandbox-room', '--from-file', accounts, '--format', 'ndjson', '-q', '-o', join(work, 'gifts.ndjson')], env);
  // Under a sliding window of 200 per second, n calls cannot finish before (ceil(n/200) − 1) s plus one latency.
  const ideal = (Math.ceil(n / 200) - 1) * 1000 + 30;
  const stats = sandbox.stats;
  row('Tencent: 1000 accounts at 200/s, 30 ms latency — share of the limit', `${fmt((ideal / result.ms) * 100, 1)} % (${fmt(result.ms, 0)} ms, ideal ${ideal} ms; max ${stats.tencentMaxPerSecond ?? '?'} in any 1 s)`, '≥ 95 %');
  row('Tencent: rate-limit rejections', String(stats.tencentRateLimited), '0');
  await sandbox.close();
}

// 5. Polyv: 20 pages at 50 ms latency, concurrent ÷ sequential.
{
  const sandbox = await startSandbox({ latencyMs: 50 });
  const env = cleanEnv(sandbox.env);
  const args = ['redpacks', '--channel', 'sandbox-20000', '--format', 'ndjson', '-q', '-o', join(work, 'redpacks.ndjson')];
  const concurrent = await medianOf(quick ? 1 : 3, () => measure(process.execPath, [BIN, ...args], env));
  const sequential = await medianOf(quick ? 1 : 3, () => measure(process.execPath, [BIN, ...args, '--concurrency', '1'], env));
  row('Polyv: 20 pages at 50 ms — sequential ÷ concurrent', `${fmt(sequential.ms / concurrent.ms)}× faster (${fmt(concurrent.ms, 0)} ms vs ${fmt(sequential.ms, 0)} ms)`, '> 1×, within 1500 per 10 s');
  await sandbox.close();
}

rmSync(work, { recursive: true, force: true });
console.log(`\nlivestats benchmark — node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| measurement | result | target |\n|---|---|---|');
for (const r of rows) console.log(`| ${r.measurement} | ${r.value} | ${r.target} |`);
