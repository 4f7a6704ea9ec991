import { isRef, type CompanyModel, type EntityName } from '../model/entities';
import { hubStatements } from '../observability/trace';
import { UNRESTRICTED, type SourceAdapter, type StatementSink } from '../sources/contract';

/**
 * Row counts of the entities members can be grouped by (fact dimensions and what their references reach)
 * that the key map does not know (those not conformed: a genre, an artist), from their home source's adapter
 * (SourceAdapter.count, through its breaker, timeout and statement trace): one `count(*)` each at start and
 * on every refresh, so the output estimate (src/engine/estimate.ts) bounds their members without a
 * statement per request. An entity whose source did not answer has no count (the estimate then uses
 * limits.maxStatementRows) and is counted again on the next refresh.
 */
export class MemberCounts {
  private readonly counts = new Map<EntityName, number>();

  constructor(
    private readonly model: CompanyModel,
    private readonly adapters: ReadonlyMap<string, SourceAdapter>,
    /** Where the counts' statements are recorded: the hub's own by default (counted in /metrics). */
    private readonly trace: StatementSink = hubStatements,
  ) {}

  /** The entity's rows in its home source, when counted. */
  get(entity: EntityName): number | undefined {
    return this.counts.get(entity);
  }

  /** Counts every non-conformed dimension entity; returns the entities whose source failed. */
  async refresh(): Promise<EntityName[]> {
    const entities = [...groupable(this.model)].filter((e) => !this.model.entities[e]!.conformed);
    const failed: EntityName[] = [];
    await Promise.all(
      entities.map(async (entity) => {
        const home = this.model.entities[entity]!.home;
        const adapter = this.adapters.get(home);
        if (!adapter || !this.model.sources[home]?.mapping.entities[entity]) return;
        try {
          this.counts.set(entity, await adapter.count({ entity }, { scope: UNRESTRICTED, trace: this.trace }));
        } catch {
          failed.push(entity);
        }
      }),
    );
    return failed;
  }
}

/** The dimensions' entities and every entity their references reach (track → album → artist). */
function groupable(model: CompanyModel): Set<EntityName> {
  const seen = new Set<EntityName>();
  const next = [...Object.values(model.dimensions)];
  while (next.length) {
    const entity = next.pop()!;
    if (seen.has(entity)) continue;
    seen.add(entity);
    for (const type of Object.values(model.entities[entity]?.fields ?? {})) if (isRef(type)) next.push(type.ref);
  }
  return seen;
}
