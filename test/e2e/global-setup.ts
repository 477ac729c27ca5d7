// End-to-end tests spawn bin/livestats.js, which runs the built dist/: rebuild with `npm run build`'s script when
// any source file is newer than dist/main.js, so `npm test` right after an edit never tests stale code.
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
    built = statSync(join(root, 'dist', 'main.js')).mtimeMs;
  } catch {
    built = 0;
  }
  const newestInput = Math.max(newestMtime(join(root, 'src')), statSync(join(root, 'esbuild.config.mjs')).mtimeMs);
  if (newestInput > built) {
    try {
      execFileSync(process.execPath, [join(root, 'esbuild.config.mjs')], { cwd: root, stdio: 'pipe' });
    } catch (error) {
      // esbuild refuses only code it cannot parse or resolve; type errors are `npm run lint`'s to report.
      const output = String((error as { stderr?: unknown }).stderr ?? '').split('\n').slice(0, 5).join('\n');
      console.warn(`livestats test setup: the build failed; end-to-end tests may run stale code\n${output}`);
    }
  }
}
