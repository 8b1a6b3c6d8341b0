// Bundles the CLI into dist/ with esbuild: one entry plus lazily loaded chunks, so start-up reads only
// what the first screen needs (the plain tsc output takes about twice as long to start).
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

await rm('dist', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'source/cli.tsx' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  // Full minification: Node parses less, and the start-up bench showed it (see docs/BENCHMARKS.md).
  minify: true,
  keepNames: false,
  sourcemap: 'linked',
  define: { 'process.env.NODE_ENV': '"production"' },
  // ink imports react-devtools-core only when DEV is set; keep it out of the bundle.
  alias: { 'react-devtools-core': './scripts/empty-module.mjs' },
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
