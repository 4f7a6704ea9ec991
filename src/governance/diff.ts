import type { IndicatorDefinition } from '../indicators/definition';
import type { DiffEntry } from './types';

/**
 * A structured diff of two definitions, field by field (nested objects by path, lists and scalars as a
 * whole): what a reviewer reads before approving, and what every published version records against the
 * one before it.
 */
export function diffDefinitions(before: IndicatorDefinition | null, after: IndicatorDefinition | null): DiffEntry[] {
  const out: DiffEntry[] = [];
  // A missing side (a new indicator) diffs field by field against nothing.
  walk('', before ?? {}, after ?? {}, out);
  return out;
}

function walk(path: string, a: unknown, b: unknown, out: DiffEntry[]): void {
  if (isRecord(a) && isRecord(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort())
      walk(path ? `${path}.${key}` : key, a[key], b[key], out);
    return;
  }
  const before = a === undefined ? null : JSON.stringify(a);
  const after = b === undefined ? null : JSON.stringify(b);
  if (before !== after) out.push({ path: path || '(definition)', before, after });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
