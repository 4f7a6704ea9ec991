import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { DEMO_MODEL_DIR } from './demo-model';

/** A copy of models/demo (files only, no generator) in a temp directory, to change one file at a time. */
export interface ModelCopy {
  dir: string;
  /** Replaces `from` by `to` in `file` (relative to the copy); fails when `from` is not there. */
  edit(file: string, from: string | RegExp, to: string): void;
  write(file: string, text: string): void;
  dispose(): void;
}

export function copyDemoModel(): ModelCopy {
  const dir = join(mkdtempSync(join(tmpdir(), 'indicator-hub-model-')), 'company');
  for (const part of [
    'model.yaml',
    'entities',
    'sources',
    'crosswalks',
    'indicators',
    'targets',
    'policy.yaml',
    'units.yaml',
    'demo-users.yaml',
  ]) {
    cpSync(join(DEMO_MODEL_DIR, part), join(dir, part), { recursive: true });
  }
  return {
    dir,
    edit(file, from, to) {
      const path = join(dir, file);
      const text = readFileSync(path, 'utf8');
      const changed = text.replace(from, to);
      if (changed === text) throw new Error(`model copy: ${file} does not contain ${String(from)}`);
      writeFileSync(path, changed);
    },
    write(file, text) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    },
    dispose: () => rmSync(join(dir, '..'), { recursive: true, force: true }),
  };
}
