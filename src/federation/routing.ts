import type { CompanyModel, EntityName } from '../model/entities';
import type { SourceAdapter } from '../sources/contract';

/**
 * Which source answers what. Every entity has a home source (`home:` in its model file: where its lists
 * come from); a field the home does not map is answered by the source that does (in the demo,
 * Customer.creditLimit from the ERP).
 */
export class Routing {
  /** Entity → field → source: nested, so the per-row lookup builds no key string. */
  private readonly owners = new Map<string, Map<string, string>>();

  constructor(
    private readonly model: CompanyModel,
    adapters: ReadonlyMap<string, SourceAdapter>,
  ) {
    for (const [entity, e] of Object.entries(model.entities)) {
      const home = e.home;
      if (!adapters.get(home)?.catalog.entities[entity]) {
        throw new Error(`Routing: entity ${entity} has home source "${home}", which does not map it`);
      }
      for (const field of Object.keys(e.fields)) {
        const mappedBy = [...adapters.values()].filter((a) => a.catalog.entities[entity]?.fields.includes(field));
        const owner = mappedBy.find((a) => a.name === home) ?? mappedBy[0];
        if (!owner) continue;
        let fields = this.owners.get(entity);
        if (!fields) this.owners.set(entity, (fields = new Map()));
        fields.set(field, owner.name);
      }
    }
  }

  home(entity: EntityName): string {
    const e = this.model.entities[entity];
    if (!e) throw new Error(`Routing: unknown entity "${entity}"`);
    return e.home;
  }

  /** The source that answers `entity.field`, or undefined when no source maps it. */
  owner(entity: EntityName, field: string): string | undefined {
    return this.owners.get(entity)?.get(field);
  }
}
