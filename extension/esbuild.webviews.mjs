// Bundles each webview screen (src/webviews/<screen>/ui/main.ts) into dist/webviews/<screen>.js and .css,
// and copies the codicon font beside them: webviews load nothing from outside the extension.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, 'dist', 'webviews');
const screensDir = join(here, 'src', 'webviews');
const screens = readdirSync(screensDir).filter((name) => existsSync(join(screensDir, name, 'ui', 'main.ts')));

await build({
  entryPoints: Object.fromEntries(screens.map((s) => [s, join(screensDir, s, 'ui', 'main.ts')])),
  outdir,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'chrome120',
  minify: !process.argv.includes('--dev'),
  sourcemap: process.argv.includes('--dev') ? 'linked' : false,
  legalComments: 'none',
  metafile: false,
  logLevel: 'warning',
});

const codicons = dirname(createRequire(import.meta.url).resolve('@vscode/codicons/dist/codicon.css'));
mkdirSync(join(outdir, 'codicons'), { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf'])
  copyFileSync(join(codicons, file), join(outdir, 'codicons', file));
