import { parseFormula, type Expr } from './formula';
import type { IndicatorDefinition } from './definition';

/** A validated indicator: its definition, where it came from, and its parsed formula if any. */
export interface Indicator {
  def: IndicatorDefinition;
  file: string;
  /** sha256 of the definition (first 12 hex): the version results and caches are keyed by. */
  version: string;
  formula?: Expr;
}

/** The loaded dictionary: lookups by code and a search over codes, names, synonyms, owners and tags. */
export class Dictionary {
  private readonly byCode: ReadonlyMap<string, Indicator>;

  constructor(indicators: readonly Indicator[]) {
    this.byCode = new Map(indicators.map((i) => [i.def.code, i]));
  }

  get size(): number {
    return this.byCode.size;
  }

  all(): Indicator[] {
    return [...this.byCode.values()].sort((a, b) => a.def.code.localeCompare(b.def.code));
  }

  get(code: string): Indicator | undefined {
    return this.byCode.get(code);
  }

  search(text: string | undefined, filters: { tag?: string | null; owner?: string | null } = {}): Indicator[] {
    const needle = text?.trim().toLowerCase();
    return this.all().filter((i) => {
      const d = i.def;
      if (filters.tag && !d.tags.includes(filters.tag)) return false;
      if (filters.owner && d.owner.department !== filters.owner && d.owner.person !== filters.owner) return false;
      if (!needle) return true;
      return [d.code, d.name.zh, d.name.en, ...d.synonyms, ...d.tags, d.owner.person].some((s) => s.toLowerCase().includes(needle));
    });
  }
}

export function parsedFormula(def: IndicatorDefinition): Expr | undefined {
  return def.type === 'formula' ? parseFormula(def.formula) : undefined;
}
