import { ENTITIES, ENTITY_NAMES, type EntityName } from '../model/entities';
import type { SourceAdapter } from '../sources/contract';

/**
 * Which source answers what. Every entity has a home source (where its lists come from); a field the
 * home does not map is answered by the source that does (e.g. Customer.creditLimit from the ERP).
 */
export const HOME_SOURCE: Record<EntityName, string> = {
  Department: 'hr',
  Employee: 'hr',
  Customer: 'crm',
  Supplier: 'procurement',
  Product: 'erp',
  Contact: 'crm',
  Contract: 'crm',
  Order: 'crm',
  Receivable: 'erp',
  PurchaseOrder: 'procurement',
};

export class Routing {
  private readonly owners = new Map<string, string>();

  constructor(adapters: ReadonlyMap<string, SourceAdapter>) {
    for (const entity of ENTITY_NAMES) {
      const home = HOME_SOURCE[entity];
      if (!adapters.get(home)?.catalog.entities[entity]) {
        throw new Error(`Routing: entity ${entity} has home source "${home}", which does not map it`);
      }
      for (const field of Object.keys(ENTITIES[entity].fields)) {
        const mappedBy = [...adapters.values()].filter((a) => a.catalog.entities[entity]?.fields.includes(field));
        const owner = mappedBy.find((a) => a.name === home) ?? mappedBy[0];
        if (owner) this.owners.set(`${entity}.${field}`, owner.name);
      }
    }
  }

  home(entity: EntityName): string {
    return HOME_SOURCE[entity];
  }

  /** The source that answers `entity.field`, or undefined when no source maps it. */
  owner(entity: EntityName, field: string): string | undefined {
    return this.owners.get(`${entity}.${field}`);
  }
}
