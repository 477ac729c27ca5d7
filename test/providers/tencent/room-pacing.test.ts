// The rooms pacers on a fake clock: no more than 10 list calls and 100 stats calls start in any one-second
// window (with the margin, none within 1050 ms), and a second's worth leaves at once.
import { describe, expect, it } from 'vitest';
import { createRoomListLimiter, createRoomStatsLimiter } from '../../../src/providers/tencent/room-pacing.js';
import { FakeClock } from './harness.js';

async function startTimes(make: typeof createRoomListLimiter, calls: number): Promise<number[]> {
  const clock = new FakeClock(0);
  const pacer = make({ now: clock.now, sleep: clock.sleep, signal: new AbortController().signal });
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    await pacer.acquire();
    times.push(clock.now());
  }
  return times;
}

/** The most starts within any window of `ms` (a start and one exactly `ms` later are in different windows). */
function busiest(times: readonly number[], ms: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] as number) - (times[j] as number) >= ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('rooms pacing', () => {
  it.each([
    ['get_room_list', createRoomListLimiter, 10],
    ['get_room_stats', createRoomStatsLimiter, 100],
  ] as const)('%s: at most its limit in any window (1 s plus the margin), the first second at once', async (_, make, limit) => {
    const times = await startTimes(make, limit * 3 + 1);
    expect(busiest(times, 1050)).toBe(limit);
    expect(times.slice(0, limit).every((t) => t === 0)).toBe(true);
    expect(times[limit]).toBe(1050);
  });
});
