import { createHash } from 'node:crypto';
import { HubError } from '../errors';
import { FormulaError, parseFormula, quotedFormula, type Expr } from './formula';
import type { IndicatorDefinition } from './definition';

/** Where an indicator stands in its lifecycle (src/governance). */
export type IndicatorStatus = 'draft' | 'in_review' | 'published' | 'archived';

/** A validated indicator: one version of its definition, where it came from, its parsed formula if any. */
export interface Indicator {
  def: IndicatorDefinition;
  /** Where the definition came from, for messages: a file, `v3 of gross_margin`, `change #12`. */
  file: string;
  /** Which version computed an answer: "v3", or "draft #12" for a change under review ("file" when read from disk). */
  version: string;
  /** The published version number; null for drafts and files. */
  versionNumber: number | null;
  /** sha256 of the definition (first 12 hex): what result caches are keyed by. */
  fingerprint: string;
  status: IndicatorStatus;
  /** For an archived indicator: the one to use instead, if named. */
  successor?: string | null;
  formula?: Expr;
}

export function fingerprintOf(def: IndicatorDefinition): string {
  return createHash('sha256').update(JSON.stringify(def)).digest('hex').slice(0, 12);
}

/** An Indicator for a definition already checked against the schema (formula parsed). */
export function indicatorOf(
  def: IndicatorDefinition,
  meta: Pick<Indicator, 'file' | 'version' | 'versionNumber' | 'status'> & { successor?: string | null },
): Indicator {
  const formula = parsedFormula(def);
  return { def, fingerprint: fingerprintOf(def), ...meta, ...(formula ? { formula } : {}) };
}

/** The loaded dictionary: lookups by code and a search over codes, names, synonyms, owners and tags. */
export class Dictionary {
  private readonly byCode: ReadonlyMap<string, Indicator>;
  private sorted: readonly Indicator[] | undefined;

  constructor(indicators: readonly Indicator[]) {
    this.byCode = new Map(indicators.map((i) => [i.def.code, i]));
  }

  get size(): number {
    return this.byCode.size;
  }

  /** Every indicator, by code (sorted once: a dictionary never changes, a new version is a new one). */
  all(): Indicator[] {
    this.sorted ??= Object.freeze([...this.byCode.values()].sort((a, b) => a.def.code.localeCompare(b.def.code)));
    return [...this.sorted];
  }

  /** The indicators by code, as a map (the dictionary's own: read-only). */
  get codes(): ReadonlyMap<string, Indicator> {
    return this.byCode;
  }

  get(code: string): Indicator | undefined {
    return this.byCode.get(code);
  }

  /** A copy with `indicator` in place of (or in addition to) the one of its code. */
  with(indicator: Indicator): Dictionary {
    return new Dictionary([...[...this.byCode.values()].filter((i) => i.def.code !== indicator.def.code), indicator]);
  }

  /** Archived indicators stay (their dependents still compute) but are left out unless asked for. */
  search(
    text: string | undefined,
    filters: { tag?: string | null; owner?: string | null; includeArchived?: boolean | null } = {},
  ): Indicator[] {
    const needle = text?.trim().toLowerCase();
    return this.all().filter((i) => {
      const d = i.def;
      if (i.status === 'archived' && !filters.includeArchived) return false;
      if (filters.tag && !d.tags.includes(filters.tag)) return false;
      if (filters.owner && d.owner.unit !== filters.owner && d.owner.person !== filters.owner) return false;
      if (!needle) return true;
      return [d.code, d.name.zh, d.name.en, ...d.synonyms, ...d.tags, d.owner.person].some((s) =>
        s.toLowerCase().includes(needle),
      );
    });
  }
}

/**
 * The formula's tree; a formula that does not parse or exceeds a bound (nesting, terms) is refused with
 * BAD_USER_INPUT (reason INVALID_DEFINITION, and the bound's `limit` and `max`) — a proposal, an edit or
 * a draft being evaluated, never an internal error.
 */
export function parsedFormula(def: IndicatorDefinition): Expr | undefined {
  if (def.type !== 'formula') return undefined;
  try {
    return parseFormula(def.formula);
  } catch (error) {
    if (!(error instanceof FormulaError)) throw error;
    throw new HubError(
      'BAD_USER_INPUT',
      `Indicator ${def.code}: formula ${quotedFormula(def.formula)}: ${error.message}.`,
      {
        argument: 'definition',
        reason: 'INVALID_DEFINITION',
        ...(error.limit ? { limit: error.limit.name, max: error.limit.max } : {}),
      },
    );
  }
}
