import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { topSelfTime } from '../../bench/lib/profile';

/**
 * The bench profiles the built hub (dist/*.js): a frame there is named by its TypeScript source and line
 * through the source map the build writes beside it; a frame without a map keeps its own file and line.
 */
const source = [
  'interface Row {', //          1: type only, not in the JS
  '  id: string;', //            2
  '}', //                        3
  'export function hot(rows: Row[]): number {', // 4
  '  return rows.length;', //    5
  '}', //                        6
].join('\n');

test('a frame in built JavaScript is named by its TypeScript line; one without a map by its own', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'profile-'));
  try {
    mkdirSync(path.join(dir, 'dist'));
    mkdirSync(path.join(dir, 'src'));
    const out = ts.transpileModule(source, {
      compilerOptions: { sourceMap: true, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      fileName: '../src/hot.ts',
    });
    writeFileSync(path.join(dir, 'src', 'hot.ts'), source);
    writeFileSync(path.join(dir, 'dist', 'hot.js'), out.outputText);
    // as `tsc -p tsconfig.build.json` writes it: sources relative to dist/
    const map = { ...(JSON.parse(out.sourceMapText!) as object), sources: ['../src/hot.ts'] };
    writeFileSync(path.join(dir, 'dist', 'hot.js.map'), JSON.stringify(map));
    writeFileSync(path.join(dir, 'dist', 'plain.js'), 'function cold() {}\n');
    const jsLines = out.outputText.split('\n');
    const line = jsLines.findIndex((l) => l.includes('function hot'));
    expect(line).toBeGreaterThanOrEqual(0);
    const column = jsLines[line]!.indexOf('function hot');
    const url = (f: string) => pathToFileURL(path.join(dir, 'dist', f)).href;
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 3] },
        { id: 2, callFrame: { functionName: 'hot', url: url('hot.js'), lineNumber: line, columnNumber: column } },
        { id: 3, callFrame: { functionName: 'cold', url: url('plain.js'), lineNumber: 0, columnNumber: 0 } },
      ],
      samples: [2, 2, 2, 3],
      timeDeltas: [1000, 1000, 1000, 1000],
    };
    const profiles = path.join(dir, 'profiles');
    mkdirSync(profiles);
    writeFileSync(path.join(profiles, 'hub.cpuprofile'), JSON.stringify(profile));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const { functions } = topSelfTime(profiles);
      expect(functions).toEqual([
        { function: 'hot', location: path.join('src', 'hot.ts') + ':4', selfMs: 3, selfPercent: 75 },
        {
          function: 'cold',
          location: path.join(dir, 'dist', 'plain.js').replace(`${dir}/`, '') + ':1',
          selfMs: 1,
          selfPercent: 25,
        },
      ]);
    } finally {
      process.chdir(cwd);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
