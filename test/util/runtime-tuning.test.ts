// The V8 tuning of a real run, against fake V8 controls (a test must not retune its own process): which flags
// are set, once, and that the young generation is capped only when it has grown to the cap.
import { describe, expect, it } from 'vitest';
import { RuntimeTuning, YOUNG_GENERATION_CAP_BYTES } from '../../src/util/runtime-tuning.js';

function fakeV8(newSpace: number) {
  const flags: string[] = [];
  const v8 = { size: newSpace, newSpaceBytes: () => v8.size, setFlags: (f: string) => void flags.push(f) };
  return { v8, flags };
}

describe('RuntimeTuning', () => {
  it('keeps llhttp on the baseline tier and gives the old generation a small headroom, once', () => {
    const { v8, flags } = fakeV8(1024 * 1024);
    const tuning = new RuntimeTuning(v8);
    tuning.tuneForExports();
    tuning.tuneForExports();
    expect(flags).toEqual(['--liftoff-only', '--heap-growing-percent=20']);
  });

  it('stops the young generation growing only once it has reached the cap', () => {
    const { v8, flags } = fakeV8(YOUNG_GENERATION_CAP_BYTES / 4);
    const tuning = new RuntimeTuning(v8);
    tuning.tuneForExports();
    tuning.capYoungGenerationOnceGrown();
    expect(flags).not.toContain('--semi-space-growth-factor=1');
    v8.size = YOUNG_GENERATION_CAP_BYTES;
    tuning.capYoungGenerationOnceGrown();
    tuning.capYoungGenerationOnceGrown();
    expect(flags.filter((f) => f === '--semi-space-growth-factor=1')).toHaveLength(1);
  });

  it('caps at once when the run starts with a young generation already at the cap', () => {
    const { v8, flags } = fakeV8(2 * YOUNG_GENERATION_CAP_BYTES);
    new RuntimeTuning(v8).tuneForExports();
    expect(flags).toContain('--semi-space-growth-factor=1');
  });

  it('changes nothing for a client that was never tuned (a test on a MockAgent)', () => {
    const { v8, flags } = fakeV8(4 * YOUNG_GENERATION_CAP_BYTES);
    new RuntimeTuning(v8).capYoungGenerationOnceGrown();
    expect(flags).toEqual([]);
  });
});
