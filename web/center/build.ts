/**
 * `npm run build:web`: bundles the indicator center (web/center/src) with esbuild into dist/center — one
 * script and one stylesheet with content hashes (ECharts bundled in: no CDN), index.html naming them, and
 * a .gz beside each for clients that accept gzip. Run by `npm start` (prestart) and before the browser tests.
 */
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const HERE = __dirname;
export const OUT_DIR = resolve(HERE, '..', '..', 'dist', 'center');

export async function buildCenter(
  outDir = OUT_DIR,
): Promise<{ files: Record<string, number>; gzipped: Record<string, number> }> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(HERE, 'src', 'main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome110', 'firefox110', 'safari16'],
    outdir: outDir,
    entryNames: 'center.[hash]',
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
  const script = outputs.find((f) => f.endsWith('.js'))!;
  const style = outputs.find((f) => f.endsWith('.css'));
  const html = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>指标中心 · Indicator center</title>
<link rel="icon" href="data:,">
${style ? `<link rel="stylesheet" href="${style}">` : ''}
</head>
<body>
<div id="app"><p style="padding:20px">Loading the indicator center…</p></div>
<script src="${script}"></script>
</body>
</html>
`;
  writeFileSync(join(outDir, 'index.html'), html);
  const files: Record<string, number> = {};
  const gzipped: Record<string, number> = {};
  for (const f of ['index.html', script, ...(style ? [style] : [])]) {
    const bytes = readFileSync(join(outDir, f));
    const gz = gzipSync(bytes, { level: 9 });
    writeFileSync(join(outDir, `${f}.gz`), gz);
    files[f] = bytes.length;
    gzipped[f] = gz.length;
  }
  return { files, gzipped };
}

if (require.main === module) {
  buildCenter().then(
    ({ files, gzipped }) => {
      const total = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
      process.stdout.write(
        `indicator center built in ${OUT_DIR}: ${Object.entries(files)
          .map(([f, n]) => `${f} ${(n / 1024).toFixed(1)} KiB (gzip ${(gzipped[f]! / 1024).toFixed(1)} KiB)`)
          .join(
            ', ',
          )}; page transfer ${(total(gzipped) / 1024).toFixed(1)} KiB gzip, ${(total(files) / 1024).toFixed(1)} KiB raw\n`,
      );
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
