import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors';
import { Decimal } from '../model/decimal';
import { parsePeriod, type CalendarOptions } from '../model/period';
import type { Dictionary } from './dictionary';

/**
 * Targets per indicator × period × department (or the whole company), from targets/*.yaml. Budgets need
 * none: they are an indicator of their own (ERP), compared with `compare: indicator`.
 */
const targetSchema = z
  .object({
    indicator: z.string(),
    // YAML reads `period: 2025` as a number.
    period: z.union([z.string(), z.number()]).transform((v) => String(v)),
    department: z.string().optional(),
    value: z.union([z.string(), z.number()]).transform((v) => String(v)),
  })
  .strict();

export class TargetBook {
  private readonly targets = new Map<string, Decimal>();

  set(code: string, period: string, department: string | null, value: Decimal): void {
    this.targets.set(`${code}|${period}|${department ?? ''}`, value);
  }

  get(code: string, period: string, department: string | null): Decimal | undefined {
    return this.targets.get(`${code}|${period}|${department ?? ''}`);
  }

  get size(): number {
    return this.targets.size;
  }
}

export function loadTargets(dir: string, dictionary: Dictionary, calendar: CalendarOptions): TargetBook {
  const book = new TargetBook();
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    return book;
  }
  for (const file of files) {
    const path = join(dir, file);
    const doc = parseYaml(readFileSync(path, 'utf8')) as unknown;
    const entries = Array.isArray(doc) ? doc : [];
    entries.forEach((entry, index) => {
      const where = `Target file ${path}, entry ${index + 1}`;
      const parsed = targetSchema.safeParse(entry);
      if (!parsed.success) throw new ConfigError(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const t = parsed.data;
      if (!dictionary.get(t.indicator)) throw new ConfigError(`${where}: unknown indicator "${t.indicator}"`);
      let label: string;
      try {
        label = parsePeriod(t.period, calendar).label;
      } catch {
        throw new ConfigError(`${where}: invalid period "${t.period}"`);
      }
      let value: Decimal;
      try {
        value = Decimal.of(t.value);
      } catch {
        throw new ConfigError(`${where}: value must be a decimal number, received "${t.value}"`);
      }
      book.set(t.indicator, label, t.department ?? null, value);
    });
  }
  return book;
}
