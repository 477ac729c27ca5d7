#!/usr/bin/env node
// livestats command-line entry: runs the built program (dist/main.js) and sets the exit code, never
// process.exit, so piped output is flushed first.
import { readFileSync } from 'node:fs';
import { run } from '../dist/main.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
process.exitCode = await run(process.argv.slice(2), version);
