#!/usr/bin/env node
// livestats command-line entry: loads the bundled program (dist/bundle/livestats.cjs, which loads the rest on
// demand) and sets the exit code (never process.exit, so piped output is flushed first). CommonJS (see
// bin/package.json): a run that needs no command, like `--version`, never starts the ES module loader.
'use strict';

const { statSync } = require('node:fs');

const mtime = (path) => {
  try {
    return statSync(require.resolve(path)).mtimeMs;
  } catch {
    return -1;
  }
};
// `npm run build` writes dist/ (tsc) and then dist/bundle/ (esbuild). A bare `tsc` after an edit refreshes only
// dist/*.js; the newer code must win then, or tests would run a stale bundle.
const bundled = mtime('../dist/bundle/livestats.cjs') >= mtime('../dist/main.js');
const { run } = require(bundled ? '../dist/bundle/livestats.cjs' : '../dist/main.js');
const { version } = require('../package.json');

run(process.argv.slice(2), version).then((code) => {
  process.exitCode = code;
});
