import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors';
import type { IndicatorDefinition } from './definition';

/**
 * The units an indicator may be in (`unit:` of a definition) and the decimal places its values are shown
 * with: configuration (units.yaml), not code — a company's currency is its own. Values are exact until
 * they leave the hub; they are rounded once, half-up, at the indicator's `precision` or, without one, at
 * its unit's.
 */
const unitSchema = z
  .object({
    /** Decimal places values of this unit are shown with (half-up). */
    precision: z.number().int().min(0).max(12),
    /** Places shown instead when a value is not whole at `precision` (an average of counts: 12.50). */
    fractionalPrecision: z.number().int().min(0).max(12).optional(),
    description: z.string().optional(),
  })
  .strict();

export const UNIT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const unitsSchema = z.record(
  z.string().regex(UNIT_NAME, 'expected a unit name: letters, digits and _ (e.g. EUR, count)'),
  unitSchema,
);

export type UnitSpec = z.infer<typeof unitSchema>;

export class UnitBook {
  constructor(readonly units: Readonly<Record<string, UnitSpec>>) {}

  /** Decimal places an indicator's values are shown with: its own precision, else its unit's (and the
   *  unit's places for values that are not whole at that precision, when it declares them). */
  precisionOf(def: Pick<IndicatorDefinition, 'unit' | 'precision'>): {
    places: number;
    fractional?: number | undefined;
  } {
    if (def.precision !== undefined) return { places: def.precision };
    const unit = this.units[def.unit];
    if (!unit) throw new ConfigError(this.problem(def)!);
    return { places: unit.precision, fractional: unit.fractionalPrecision };
  }

  /** Why `def`'s unit is not acceptable, or undefined. */
  problem(def: Pick<IndicatorDefinition, 'unit'>): string | undefined {
    if (this.units[def.unit]) return undefined;
    const wanted = def.unit.toLowerCase();
    const close = this.names().find((n) => {
      const name = n.toLowerCase();
      return wanted.startsWith(name) || name.startsWith(wanted) || distance(name, wanted) <= 2;
    });
    return `unknown unit "${def.unit}"${close ? ` (did you mean "${close}"?)` : ''}: declare it in the units file (known: ${this.names().join(', ')})`;
  }

  names(): string[] {
    return Object.keys(this.units).sort();
  }
}

/** Reads and validates the units file; a problem names the file, the unit and what is wrong. */
export function loadUnits(file: string): UnitBook {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'does not exist (write it, or name another file in model.yaml paths.units)'
        : `is not valid YAML (${(error as Error).message.split('\n')[0]})`;
    throw new ConfigError(`Units file ${file} ${reason}.`);
  }
  const parsed = unitsSchema.safeParse(doc ?? {});
  if (!parsed.success) {
    throw new ConfigError(
      `Units file ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`,
    );
  }
  return new UnitBook(parsed.data);
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}
