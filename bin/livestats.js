#!/usr/bin/env node
// livestats command-line entry: loads the compiled program and sets the exit code (never process.exit,
// so piped output is flushed first).
import { createRequire } from 'node:module';
import { run } from '../dist/main.js';

const { version } = createRequire(import.meta.url)('../package.json');
process.exitCode = await run(process.argv.slice(2), version);
