// End-to-end tests spawn bin/livestats.js, which runs the built dist/ (tsc output and the esbuild bundle):
// rebuild both when any source file is newer, so `npm test` right after an edit never tests stale code.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  let built = 0;
  try {
    // The bundle is written last by `npm run build`: its age is the age of the whole build.
    built = statSync(join(root, 'dist', 'bundle', 'livestats.cjs')).mtimeMs;
  } catch {
    built = 0;
  }
  if (newestMtime(join(root, 'src')) > built) {
    try {
      execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
        cwd: root,
        stdio: 'pipe',
      });
      execFileSync(process.execPath, [join(root, 'esbuild.config.mjs')], { cwd: root, stdio: 'pipe' });
    } catch (error) {
      // tsc still emits on type errors; `npm run lint` is where those fail. Say so and let unit tests run.
      const output = String((error as { stdout?: unknown }).stdout ?? '').split('\n').slice(0, 5).join('\n');
      console.warn(`livestats test setup: build reported errors; end-to-end tests may run stale code\n${output}`);
    }
  }
}
