import type { GraphQLFieldResolver } from 'graphql';
import type { Alert } from '../engine/alerts';
import type { HubContext } from '../app/context';
import type { EntityParent } from '../federation/entities';
import type { Viewer } from '../auth/viewer';
import { organisationOf, type CompanyModel } from '../model/entities';
import { lowerFirst } from '../model/member-dimension';

type Resolver = GraphQLFieldResolver<never, HubContext>;

/**
 * The organisation unit's field on Viewer, Alert and IndicatorOwner (named after the entity the model
 * declares with `organisation:`, src/schema/generate.ts declares them); none when the model has none.
 */
export function organisationResolvers(model: CompanyModel): Record<string, Record<string, Resolver>> {
  const org = organisationOf(model);
  if (!org) return {};
  const field = lowerFirst(org.name);
  const member = (id: string | null | undefined): EntityParent | null => (id ? { entity: org.name, id, rows: {} } : null);
  return {
    Viewer: { [field]: ((v: Viewer) => member(v.unit)) as Resolver },
    Alert: { [field]: ((a: Alert) => member(a.unit)) as Resolver },
    IndicatorOwner: { [field]: ((o: { department: string }) => member(o.department)) as Resolver },
  };
}
