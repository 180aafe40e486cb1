// Bundles the viewer's page (web/view/) into dist/web/: one script (vega and vega-lite included,
// expressions run by vega-interpreter, so the page needs no eval), its stylesheet and its HTML.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(root, 'dist', 'web');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'web', 'view', 'main.ts')],
  outfile: join(out, 'view.js'),
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  legalComments: 'linked',
  logLevel: 'warning',
});
for (const file of ['index.html', 'view.css']) copyFileSync(join(root, 'web', 'view', file), join(out, file));
