import type { EntityName } from '../model/entities';
import type { KeyMapRow } from '../store/hub-store';

/**
 * Hub id ↔ source key, per conformed entity and source: the one place where one source's key and another's
 * are decided to be the same thing. Built from the model's crosswalks (src/keys/crosswalks.ts) and replaced
 * whole on refresh; lookups are map reads. A hub id has at most one key per source and a source key at most
 * one hub id. Pairs listed in `identity` (a `same` rule: the source's key is the hub id) answer a key the map
 * does not hold with itself; a source key the map does not know calls `onMiss` (a throttled refresh: a new
 * row in a source). A hub id without a key in a source does not: that is usually lasting (no counterpart).
 */
export class KeyMap {
  /** Entity → source → hub id → source key. */
  private readonly down = new Map<string, Map<string, Map<string, string>>>();
  private pairs = 0;
  /** `identity` as entity → sources. */
  private readonly identityBy = new Map<string, Set<string>>();
  /** Entity → source → source key → hub id. */
  private readonly up = new Map<string, Map<string, Map<string, string>>>();
  /** Distinct hub ids per entity, over every source. */
  private readonly hubIds = new Map<string, Set<string>>();

  constructor(
    rows: readonly KeyMapRow[],
    private readonly identity: ReadonlySet<string> = new Set(),
    private readonly onMiss?: () => void,
    /** `entity|source` whose crosswalk could not be read and has no earlier pairs: its keys are unknown. */
    private readonly unknown: ReadonlySet<string> = new Set(),
  ) {
    for (const pair of identity) {
      const bar = pair.lastIndexOf('|');
      const entity = pair.slice(0, bar);
      let sources = this.identityBy.get(entity);
      if (!sources) this.identityBy.set(entity, (sources = new Set()));
      sources.add(pair.slice(bar + 1));
    }
    for (const r of rows) {
      const earlierKey = this.downOf(r.entity, r.source)?.get(r.hubId);
      const earlierHub = this.upOf(r.entity, r.source)?.get(r.sourceKey);
      if (earlierKey !== undefined || earlierHub !== undefined) {
        const earlier =
          earlierKey !== undefined
            ? `${r.hubId} ↔ ${r.source} ${earlierKey}`
            : `${earlierHub} ↔ ${r.source} ${r.sourceKey}`;
        throw new Error(
          `Key map: ${r.entity} ${r.hubId} ↔ ${r.source} ${r.sourceKey} conflicts with the earlier row ${r.entity} ${earlier} (each hub id needs at most one key per source, and the reverse)`,
        );
      }
      let downs = this.down.get(r.entity);
      if (!downs) this.down.set(r.entity, (downs = new Map()));
      let hubs = downs.get(r.source);
      if (!hubs) downs.set(r.source, (hubs = new Map()));
      hubs.set(r.hubId, r.sourceKey);
      this.pairs += 1;
      let sources = this.up.get(r.entity);
      if (!sources) this.up.set(r.entity, (sources = new Map()));
      let keys = sources.get(r.source);
      if (!keys) sources.set(r.source, (keys = new Map()));
      keys.set(r.sourceKey, r.hubId);
      let ids = this.hubIds.get(r.entity);
      if (!ids) this.hubIds.set(r.entity, (ids = new Set()));
      ids.add(r.hubId);
    }
  }

  get size(): number {
    return this.pairs;
  }

  /** How many distinct hub ids the map knows for an entity, over every source (a member count bound). */
  count(entity: EntityName): number {
    return this.hubIds.get(entity)?.size ?? 0;
  }

  /** The distinct hub ids the map knows for an entity, over every source (the members of a conformed entity). */
  ids(entity: EntityName): ReadonlySet<string> {
    return this.hubIds.get(entity) ?? new Set();
  }

  /** True when this source's keys of the entity are unknown because its crosswalk could not be read yet
   *  (the source did not answer): a missing key then means "unavailable", not "no counterpart". */
  unanswered(entity: EntityName, source: string): boolean {
    return this.unknown.has(`${entity}|${source}`);
  }

  toSource(entity: EntityName, source: string, hubId: string): string | undefined {
    // A hub id without a key in a source is common and lasting (a department that is no sales team): no refresh.
    return this.downOf(entity, source)?.get(hubId) ?? (this.same(entity, source) ? hubId : undefined);
  }

  toHub(entity: EntityName, source: string, sourceKey: string): string | undefined {
    return this.upOf(entity, source)?.get(sourceKey) ?? this.missed(entity, source, sourceKey);
  }

  /** A `same` rule: the source's key of the entity is its hub id (nested sets: no key string per row). */
  private same(entity: string, source: string): boolean {
    return this.identityBy.get(entity)?.has(source) ?? false;
  }

  /** The hub ids → source keys of one (entity, source): a row's lookup builds no key string. */
  private downOf(entity: string, source: string): Map<string, string> | undefined {
    return this.down.get(entity)?.get(source);
  }

  /** The source keys → hub ids of one (entity, source), one map per pair: a row's lookup builds no key string. */
  private upOf(entity: string, source: string): Map<string, string> | undefined {
    return this.up.get(entity)?.get(source);
  }

  private missed(entity: EntityName, source: string, value: string): string | undefined {
    if (this.same(entity, source)) return value;
    this.onMiss?.();
    return undefined;
  }
}
