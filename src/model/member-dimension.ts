import { organisationOf, type CompanyModel, type EntityName } from './entities';

/**
 * The fact dimension whose members are an entity's rows, for `<Entity>.indicators(codes:, period:)`: the
 * dimension named like the entity in lowerCamel case, else the only one declared with it. An entity with
 * none (or several, none named after it) gets no `indicators` field.
 */
export function memberDimensions(model: Pick<CompanyModel, 'dimensions' | 'entities'>): Record<EntityName, string> {
  const out: Record<EntityName, string> = {};
  for (const entity of Object.keys(model.entities)) {
    const candidates = Object.entries(model.dimensions)
      .filter(([, e]) => e === entity)
      .map(([d]) => d);
    const named = candidates.find((d) => d === lowerFirst(entity));
    const chosen = named ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (chosen) out[entity] = chosen;
  }
  return out;
}

export const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** The fact dimension whose members are the organisation unit (`organisation:` in an entity file), if any. */
export function organisationDimension(model: Pick<CompanyModel, 'dimensions' | 'entities'>): string | undefined {
  const org = organisationOf(model);
  return org ? memberDimensions(model)[org.name] : undefined;
}
