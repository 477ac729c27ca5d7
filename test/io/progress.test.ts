// Progress: a spinner on stderr only when stdout and stderr are both terminals and --quiet is off;
// otherwise not a single byte anywhere.
import { describe, expect, it } from 'vitest';
import { createProgress, progressEnabled } from '../../src/io/progress.js';
import { testContext } from '../helpers/context.js';

async function exercise(stdoutIsTTY: boolean, stderrIsTTY: boolean, quiet: boolean) {
  const ctx = testContext({ stdoutIsTTY, stderrIsTTY });
  const progress = createProgress(ctx.io, quiet);
  await progress.start('watch: fetching…');
  progress.update('watch: 1,024 rows');
  progress.stop();
  return ctx;
}

describe('progress', () => {
  it.each<[string, boolean, boolean, boolean]>([
    ['stdout piped', false, true, false],
    ['stderr redirected', true, false, false],
    ['neither a terminal', false, false, false],
    ['--quiet on a terminal', true, true, true],
  ])('writes nothing when %s', async (_name, stdoutIsTTY, stderrIsTTY, quiet) => {
    expect(progressEnabled(testContext({ stdoutIsTTY, stderrIsTTY }).io, quiet)).toBe(false);
    const ctx = await exercise(stdoutIsTTY, stderrIsTTY, quiet);
    expect(ctx.err.text).toBe('');
    expect(ctx.out.text).toBe('');
  });

  it('shows a spinner on stderr, never stdout, when both are terminals', async () => {
    expect(progressEnabled(testContext({ stdoutIsTTY: true, stderrIsTTY: true }).io, false)).toBe(true);
    const ctx = await exercise(true, true, false);
    expect(ctx.err.text).toContain('watch: fetching…');
    expect(ctx.out.text).toBe('');
  });

  it('shows nothing when stopped before the spinner finished loading', async () => {
    const ctx = testContext({ stdoutIsTTY: true, stderrIsTTY: true });
    const progress = createProgress(ctx.io, false);
    const starting = progress.start('gifts: fetching…');
    progress.stop();
    await starting;
    expect(ctx.err.text).toBe('');
  });
});
