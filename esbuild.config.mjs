#!/usr/bin/env node
// esbuild configuration for livestats, run by `npm run build` after tsc. It writes dist/bundle/:
// livestats.cjs, what every run needs, as one CommonJS file, and lazy/, the rest in shared chunks, loaded when
// a command imports them; they reach the modules of livestats.cjs through it. esbuild splits into chunks only
// as ES modules, so the chunks are then rewritten as CommonJS: no run ever starts Node's ES module loader.
import { build, transform } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { basename, extname, join, relative, sep } from 'node:path';

const root = import.meta.dirname;
const outdir = join(root, 'dist', 'bundle');
const CORE_FILE = 'livestats.cjs';
const analyze = process.argv.includes('--analyze');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  // Whitespace only: less for V8 to parse, while names (and so stack traces under --verbose) stay readable.
  minifyWhitespace: true,
  legalComments: 'eof',
  logLevel: 'warning',
  metafile: true,
};

/** `import … from 'undici'` in src means the Agent only (type imports vanish); the tests keep the real index. */
const undiciAgentOnly = {
  name: 'undici-agent-only',
  setup(b) {
    // A module that exists only in this build: the keep-alive Agent and nothing else of undici's index
    // (fetch, WebSocket, caches and mocks are more than half of its code, loaded on every command otherwise).
    b.onResolve({ filter: /^undici$/ }, () => ({ path: 'undici-agent', namespace: 'livestats-undici' }));
    b.onLoad({ filter: /.*/, namespace: 'livestats-undici' }, () => ({
      contents: "export { default as Agent } from 'undici/lib/dispatcher/agent.js';",
      resolveDir: root,
      loader: 'js',
    }));
  },
};

/**
 * commander requires node:child_process when it loads, for git-style executable subcommands, which livestats
 * has none of; loading it (and node:net and the stream machinery behind it) is a tenth of `--version`.
 */
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      loader: 'js',
      contents: "let loaded;\nmodule.exports = new Proxy({}, { get: (_, key) => (loaded ??= require('node:child_process'))[key] });\n",
    }));
  },
};

/**
 * An ES `import` of a Node built-in builds a module facade that reads every export once, and node:fs's lazy
 * getters then load the whole stream machinery. In the ES module part, built-ins are required instead.
 */
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    const names = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    b.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
      if (!names.has(args.path)) return undefined;
      return args.namespace === 'builtin' ? { path: args.path, external: true } : { path: args.path, namespace: 'builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      loader: 'js',
      contents: `module.exports = require(${JSON.stringify(args.path)});\n`,
    }));
  },
};

/** The name a module has in livestats.cjs's `modules` table: its path under src/, without the extension. */
const moduleKey = (file) => relative(join(root, 'src'), file).split(sep).join('/').replace(/\.[cm]?[jt]s$/, '');
const lazyName = (file) => moduleKey(file).replaceAll('/', '-');

// 1. Which modules a run always needs: src/main.ts and its static imports. Dynamic imports stay outside.
const lazyEntries = new Set();
const discovery = await build({
  ...common,
  entryPoints: ['src/main.ts'],
  write: false,
  format: 'esm',
  plugins: [
    {
      name: 'stop-at-dynamic-imports',
      setup(b) {
        b.onResolve({ filter: /.*/ }, async (args) => {
          if (args.kind !== 'dynamic-import' || args.pluginData === 'resolving') return undefined;
          const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' });
          if (resolved.errors.length > 0) return { errors: resolved.errors };
          lazyEntries.add(resolved.path);
          return { path: args.path, external: true };
        });
      },
    },
  ],
});
const coreFiles = new Set(Object.keys(discovery.metafile.inputs).map((input) => join(root, input)));
const coreSources = [...coreFiles].filter((file) => file.startsWith(join(root, 'src') + sep));
const names = [...lazyEntries].map(lazyName);
if (new Set(names).size !== names.length) throw new Error(`lazily imported modules must have distinct file names: ${names.join(', ')}`);

await rm(outdir, { recursive: true, force: true });

// 2. livestats.cjs: main's exports, plus every core module by name for the lazy part.
const coreEntry = [
  `export * from ${JSON.stringify(join(root, 'src', 'main.ts'))};`,
  ...coreSources.map((file, i) => `import * as m${i} from ${JSON.stringify(file)};`),
  `export const modules = { ${coreSources.map((file, i) => `${JSON.stringify(moduleKey(file))}: m${i}`).join(', ')} };`,
].join('\n');
const core = await build({
  ...common,
  stdin: { contents: coreEntry, resolveDir: root, sourcefile: 'livestats-core.js', loader: 'js' },
  outfile: join(outdir, CORE_FILE),
  format: 'cjs',
  // import() of a lazy module becomes require(): the lazy part is CommonJS too (step 4).
  supported: { 'dynamic-import': false },
  plugins: [
    lazyChildProcessForCommander,
    {
      name: 'dynamic-imports-to-lazy-part',
      setup(b) {
        b.onResolve({ filter: /.*/ }, async (args) => {
          if (args.kind !== 'dynamic-import' || args.pluginData === 'resolving') return undefined;
          const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' });
          return { path: `./lazy/${lazyName(resolved.path)}.js`, external: true };
        });
      },
    },
  ],
});

// 3. lazy/: the dynamically imported modules with shared chunks (as ES modules for now), core modules taken from livestats.cjs.
const lazy = await build({
  ...common,
  entryPoints: [...lazyEntries].map((file) => ({ in: file, out: lazyName(file) })),
  outdir: join(outdir, 'lazy'),
  chunkNames: '[name]-[hash]',
  splitting: true,
  format: 'esm',
  // Kept in memory: step 4 writes them, as CommonJS (whose require() the bundled CommonJS code then uses).
  write: false,
  plugins: [
    undiciAgentOnly,
    builtinsByRequire,
    {
      name: 'core-from-livestats-cjs',
      setup(b) {
        b.onResolve({ filter: /.*/ }, async (args) => {
          if (args.namespace === 'core') return { path: args.path, external: true };
          if (args.pluginData === 'resolving' || !args.resolveDir) return undefined;
          const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
          if (resolved.errors.length > 0 || !coreFiles.has(resolved.path)) return undefined;
          if (!coreSources.includes(resolved.path)) {
            return { errors: [{ text: `${args.path} is part of livestats.cjs but not one of its modules; import it from src/ code instead` }] };
          }
          return { path: resolved.path, namespace: 'core' };
        });
        b.onLoad({ filter: /.*/, namespace: 'core' }, (args) => ({
          loader: 'js',
          contents: `module.exports = require(${JSON.stringify(`../${CORE_FILE}`)}).modules[${JSON.stringify(moduleKey(args.path))}];\n`,
        }));
      },
    },
  ],
});

// 4. The lazy part as CommonJS: each ES module chunk is rewritten with require() and exports. Node's ES module
// loader costs a run ~1 ms per module (resolution, a module job, linking) on top of compiling, and an export
// loads some 30 chunks; required, the same code loads in a fraction of that.
await mkdir(join(outdir, 'lazy'), { recursive: true });
await writeFile(join(outdir, 'lazy', 'package.json'), '{ "type": "commonjs" }\n');
for (const file of lazy.outputFiles) {
  const { code } = await transform(file.text, {
    format: 'cjs',
    loader: 'js',
    minifyWhitespace: true,
    supported: { 'dynamic-import': false },
    // createRequire(import.meta.url) in src/ (ES modules under tsc) works the same from this file's URL.
    define: { 'import.meta.url': '__livestatsModuleUrl' },
    banner: file.text.includes('import.meta.url') ? "const __livestatsModuleUrl = require('node:url').pathToFileURL(__filename).href;" : '',
    logLevel: 'warning',
  });
  await writeFile(file.path, code);
}

if (analyze) {
  const { analyzeMetafile } = await import('esbuild');
  console.log(await analyzeMetafile(core.metafile), await analyzeMetafile(lazy.metafile));
}
