import { Dictionary, indicatorOf, type Indicator } from '../indicators/dictionary';
import type { IndicatorHead, PublishedVersion } from './types';

/**
 * What the store holds of published definitions, in memory: heads and every immutable version. It answers
 * "which definition" questions without a statement: the current dictionary, the one in force at an instant,
 * one pinned version. Rebuilt after every lifecycle step (the store stays the truth).
 */
export class DefinitionRegistry {
  private readonly heads: ReadonlyMap<string, IndicatorHead>;
  private readonly versions: ReadonlyMap<string, readonly PublishedVersion[]>;
  private current: Dictionary | undefined;

  constructor(heads: readonly IndicatorHead[], versions: readonly PublishedVersion[]) {
    this.heads = new Map(heads.map((h) => [h.code, h]));
    const byCode = new Map<string, PublishedVersion[]>();
    for (const v of versions) byCode.set(v.code, [...(byCode.get(v.code) ?? []), v]);
    for (const list of byCode.values()) list.sort((a, b) => a.version - b.version);
    this.versions = byCode;
  }

  get size(): number {
    return this.heads.size;
  }

  head(code: string): IndicatorHead | undefined {
    return this.heads.get(code);
  }

  /** Every published version of `code`, oldest first. */
  history(code: string): readonly PublishedVersion[] {
    return this.versions.get(code) ?? [];
  }

  version(code: string, version: number): PublishedVersion | undefined {
    return this.history(code).find((v) => v.version === version);
  }

  /** The latest published version of every indicator, archived ones included (flagged) so dependents compute. */
  published(): Dictionary {
    this.current ??= new Dictionary(
      [...this.heads.values()].flatMap((h) => {
        const v = h.currentVersion === null ? undefined : this.version(h.code, h.currentVersion);
        return v ? [this.indicator(v, h.status === 'archived' ? 'archived' : 'published')] : [];
      }),
    );
    return this.current;
  }

  /** The definitions in force at `instant` (ISO): per code the latest version in force by then. */
  inForceAt(instant: string): Dictionary {
    const out: Indicator[] = [];
    for (const [code, list] of this.versions) {
      const v = [...list].reverse().find((x) => x.inForceFrom <= instant);
      if (!v) continue;
      const head = this.heads.get(code);
      const archived = head?.archivedAt != null && head.archivedAt <= instant;
      out.push(this.indicator(v, archived ? 'archived' : 'published'));
    }
    return new Dictionary(out);
  }

  /** One published version as an Indicator. */
  indicator(v: PublishedVersion, status: 'published' | 'archived'): Indicator {
    const successor = status === 'archived' ? (this.heads.get(v.code)?.successor ?? null) : null;
    return indicatorOf(v.definition, {
      file: `v${v.version} of ${v.code}`,
      version: `v${v.version}`,
      versionNumber: v.version,
      status,
      successor,
    });
  }
}
