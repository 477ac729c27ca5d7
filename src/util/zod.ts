// The zod every schema in livestats is written with: zod/mini, zod's functional API, of which a bundle keeps only
// the functions called (classic zod's methods keep all of zod in every bundle that uses a few schemas).
// Import it as a namespace, `import * as z from '…/util/zod.js'`, so esbuild sees which functions are used: a `z`
// object, such as the one zod/mini also exports, would keep all of zod/mini.
// zod/mini sets no language, so every issue would read a bare "Invalid input": English, which classic zod sets by
// itself, is set here, before any schema is built. (Classic zod also turns on cycle support for recursive schemas;
// livestats has none.) Nothing else in src/ imports zod: eslint.config.js's no-restricted-imports.
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
