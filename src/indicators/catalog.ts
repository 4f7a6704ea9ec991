import type { SourceAdapter } from '../sources/contract';
import type { CompanyModel } from '../model/entities';
import type { MeasureCatalog } from './validate';

/** Facts, dimensions and measures each source offers, as the dictionary validates against them. */
export function catalogOfAdapters(adapters: ReadonlyMap<string, SourceAdapter>): MeasureCatalog {
  return Object.fromEntries(
    [...adapters].map(([name, a]) => [
      name,
      Object.fromEntries(
        Object.entries(a.catalog.facts).map(([f, c]) => [
          f,
          {
            dimensions: c.dimensions,
            measures: Object.keys(c.measures),
            kind: c.kind,
            aggs: Object.fromEntries(Object.entries(c.measures).map(([m, x]) => [m, x.agg])),
          },
        ]),
      ),
    ]),
  );
}

/** The same, from the model's source files alone (no connection needed): for checking files offline. */
export function catalogOfDefinitions(model: CompanyModel): MeasureCatalog {
  return Object.fromEntries(
    Object.entries(model.sources).map(([name, def]) => [
      name,
      Object.fromEntries(
        Object.entries(def.mapping.facts).map(([f, fact]) => [
          f,
          {
            dimensions: [...Object.keys(fact.dimensions), ...Object.keys(fact.bridges ?? {})],
            measures: Object.keys(fact.measures),
            kind: fact.time ? ('event' as const) : fact.validity ? ('state' as const) : ('snapshot' as const),
            aggs: Object.fromEntries(Object.entries(fact.measures).map(([m, x]) => [m, x.agg])),
          },
        ]),
      ),
    ]),
  );
}
