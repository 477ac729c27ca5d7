#!/usr/bin/env node
// `npm run build`: bundles src/ and its dependencies into dist/ as ES modules with code splitting. dist/main.js
// is what every run loads; each dynamic import() (commands, undici, zod, conf, ora, the sandbox…) becomes its
// own chunk under dist/chunks/, loaded only when used. Type-checking is `npm run lint`'s job, not the build's.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

const root = import.meta.dirname;
const outdir = join(root, 'dist');

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  // main: the CLI; sandbox/server: also an entry so `npm run bench` can start the simulator in-process.
  entryPoints: ['src/main.ts', 'src/sandbox/server.ts'],
  outbase: 'src',
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // Bundled CommonJS dependencies (commander, undici…) call require() for Node built-ins, which ES modules lack.
  banner: { js: "import { createRequire as __livestatsCreateRequire } from 'node:module'; const require = __livestatsCreateRequire(import.meta.url);" },
  legalComments: 'eof',
  logLevel: 'warning',
  metafile: process.argv.includes('--analyze'),
});

if (result.metafile) {
  const { analyzeMetafile } = await import('esbuild');
  console.log(await analyzeMetafile(result.metafile));
}
