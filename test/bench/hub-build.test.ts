import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { productionFlags, staleness } from '../../bench/lib/hub-build';
import pkg from '../../package.json';

describe('the hub the bench runs', () => {
  test("start:prod's node flags, ${VAR:-default} expanded as the shell would", () => {
    const script = 'exec node --max-old-space-size=${HUB_MAX_HEAP_MB:-512} dist/main.js';
    expect(productionFlags(script, {})).toEqual(['--max-old-space-size=512']);
    expect(productionFlags(script, { HUB_MAX_HEAP_MB: '1024' })).toEqual(['--max-old-space-size=1024']);
    expect(productionFlags('exec node dist/main.js', {})).toEqual([]);
    // the project's own script: the bench's hub gets production's heap limit
    expect(productionFlags(pkg.scripts['start:prod'], {})).toEqual(['--max-old-space-size=512']);
  });

  test('dist/ is rebuilt when missing or older than a source file', () => {
    const repo = mkdtempSync(join(tmpdir(), 'hub-build-'));
    try {
      mkdirSync(join(repo, 'src'));
      writeFileSync(join(repo, 'src', 'main.ts'), '');
      writeFileSync(join(repo, 'package.json'), '{}');
      expect(staleness(repo)).toBe('dist/main.js missing');
      mkdirSync(join(repo, 'dist', 'schema'), { recursive: true });
      writeFileSync(join(repo, 'dist', 'main.js'), '');
      const past = new Date(Date.now() - 60_000);
      utimesSync(join(repo, 'src', 'main.ts'), past, past);
      utimesSync(join(repo, 'package.json'), past, past);
      expect(staleness(repo)).toBeUndefined();
      const later = new Date(Date.now() + 60_000);
      utimesSync(join(repo, 'src', 'main.ts'), later, later);
      expect(staleness(repo)).toBe('src/main.ts is newer than dist/main.js');
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
