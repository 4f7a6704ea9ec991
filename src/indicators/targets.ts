import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors';
import { Decimal } from '../values/decimal';
import { parsePeriod, type CalendarOptions } from '../values/period';
import type { Dictionary } from './dictionary';

/**
 * Targets per indicator × period × organisation unit (or the whole company), from targets/*.yaml. The unit
 * is `member:` (a hub id of the model's organisation dimension) or, as before, a key named after that
 * dimension; omitted, the target is the whole company's. Budgets need none: they are an indicator of their
 * own, compared with `compare: indicator`.
 */
const targetSchema = (unitKey: string | undefined) =>
  z
    .object({
      indicator: z.string(),
      // YAML reads `period: 2025` as a number.
      period: z.union([z.string(), z.number()]).transform((v) => String(v)),
      member: z.string().optional(),
      ...(unitKey && unitKey !== 'member' ? { [unitKey]: z.string().optional() } : {}),
      value: z.union([z.string(), z.number()]).transform((v) => String(v)),
    })
    .strict();

export class TargetBook {
  private readonly targets = new Map<string, Decimal>();

  set(code: string, period: string, unit: string | null, value: Decimal): void {
    this.targets.set(`${code}|${period}|${unit ?? ''}`, value);
  }

  get(code: string, period: string, unit: string | null): Decimal | undefined {
    return this.targets.get(`${code}|${period}|${unit ?? ''}`);
  }

  get size(): number {
    return this.targets.size;
  }

  /** Every target of `code`: period label, unit (null = the whole company) and value, in file order. */
  of(code: string): Array<{ period: string; unit: string | null; value: Decimal }> {
    const out: Array<{ period: string; unit: string | null; value: Decimal }> = [];
    for (const [key, value] of this.targets) {
      const [c, period, unit] = key.split('|') as [string, string, string];
      if (c === code) out.push({ period, unit: unit === '' ? null : unit, value });
    }
    return out;
  }
}

/** `unitKey`: the model's organisation dimension (src/model/member-dimension.ts organisationDimension). */
export function loadTargets(
  dir: string,
  dictionary: Dictionary,
  calendar: CalendarOptions,
  unitKey?: string,
): TargetBook {
  const schema = targetSchema(unitKey);
  const book = new TargetBook();
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
  } catch {
    return book;
  }
  for (const file of files) {
    const path = join(dir, file);
    const doc = parseYaml(readFileSync(path, 'utf8')) as unknown;
    const entries = Array.isArray(doc) ? doc : [];
    entries.forEach((entry, index) => {
      const where = `Target file ${path}, entry ${index + 1}`;
      const parsed = schema.safeParse(entry);
      if (!parsed.success)
        throw new ConfigError(
          `${where}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      const t = parsed.data as { indicator: string; period: string; value: string; member?: string } & Record<
        string,
        string | undefined
      >;
      const named = unitKey && unitKey !== 'member' ? t[unitKey] : undefined;
      if (t.member !== undefined && named !== undefined)
        throw new ConfigError(`${where}: give the unit as member or ${unitKey}, not both`);
      const unit = t.member ?? named ?? null;
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
      book.set(t.indicator, label, unit, value);
    });
  }
  return book;
}
