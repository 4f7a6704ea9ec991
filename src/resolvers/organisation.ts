import type { GraphQLFieldResolver } from 'graphql';
import type { Alert } from '../engine/alerts';
import type { HubContext } from '../app/context';
import type { EntityParent } from '../federation/entities';
import type { Viewer } from '../auth/viewer';
import { organisationOf, type CompanyModel } from '../model/entities';
import { organisationFieldNames } from '../schema/generate';
import type { IndicatorOwnerParent } from './parents';

type Resolver = GraphQLFieldResolver<never, HubContext>;

/**
 * The organisation unit's fields on Viewer, Alert and IndicatorOwner (`unit`, and the deprecated one named
 * after the entity the model declares with `organisation:`; src/schema/generate.ts declares them); none when
 * the model has none.
 */
export function organisationResolvers(model: CompanyModel): Record<string, Record<string, Resolver>> {
  const org = organisationOf(model);
  if (!org) return {};
  const member = (id: string | null | undefined): EntityParent | null =>
    id ? { entity: org.name, id, rows: {} } : null;
  const fields = organisationFieldNames(model);
  const each = (resolve: Resolver): Record<string, Resolver> => Object.fromEntries(fields.map((f) => [f, resolve]));
  return {
    Viewer: each(((v: Viewer) => member(v.unit)) as Resolver),
    Alert: each(((a: Alert) => member(a.unit)) as Resolver),
    IndicatorOwner: each(((o: IndicatorOwnerParent) => member(o.unit)) as Resolver),
  };
}
