import type { Knex } from 'knex';
import type { CompanyModel, EntityName } from '../../model/entities';
import type { SourceScope } from '../contract';
import type { SqlEntityMapping, SqlFactMapping, SqlSourceMapping } from '../../model/mapping';

/**
 * Row scope in SQL, derived from the model — nothing per mapping: a ruled entity's rows by their key; any
 * other entity's rows by their reference columns to ruled entities, or, holding none, one hop further
 * through a referenced entity of the same source (a contact → its account's sales team); a fact's rows by
 * its dimensions declared with a ruled entity. Grants are OR-ed, a grant's ties AND-ed.
 */
type Tie =
  | { column: string; keys: readonly string[] }
  | { column: string; through: { table: string; key: string; ties: Tie[] } };
type Grant = Readonly<Record<string, readonly string[]>>;

export class ScopeSql {
  constructor(
    private readonly mapping: SqlSourceMapping,
    private readonly model: Pick<CompanyModel, 'entities'>,
    private readonly from: (table: string) => Knex.QueryBuilder,
  ) {}

  /** Adds the scope predicate of an entity fetch (nothing when unrestricted). */
  entity(builder: Knex.QueryBuilder, entity: EntityName, scope: SourceScope): void {
    if (scope.any)
      this.apply(
        builder,
        scope.any.map((g) => this.entityTies(entity, g, true)),
      );
  }

  /** Adds the scope predicate of a fact's aggregate. */
  fact(builder: Knex.QueryBuilder, f: SqlFactMapping, scope: SourceScope): void {
    if (!scope.any) return;
    this.apply(
      builder,
      scope.any.map((g) =>
        Object.values(f.dimensions).flatMap((d) =>
          d.entity && g[d.entity] ? [{ column: d.column, keys: g[d.entity]! }] : [],
        ),
      ),
    );
  }

  private apply(builder: Knex.QueryBuilder, grants: Tie[][]): void {
    // A grant that ties nothing here leaves these rows unrestricted.
    if (grants.some((ties) => ties.length === 0)) return;
    if (grants.length === 1) builder.where((q) => this.where(q, grants[0]!));
    else builder.where((q) => grants.forEach((ties) => q.orWhere((g) => this.where(g, ties))));
  }

  private where(q: Knex.QueryBuilder, ties: readonly Tie[]): void {
    for (const tie of ties) {
      if ('keys' in tie) q.whereIn(tie.column, [...tie.keys]);
      else {
        const reachable = this.from(tie.through.table).select(tie.through.key);
        this.where(reachable, tie.through.ties);
        q.whereIn(tie.column, reachable);
      }
    }
  }

  private entityTies(entity: EntityName, grant: Grant, hop: boolean): Tie[] {
    const m = this.mapping.entities[entity];
    if (!m) return [];
    const own = grant[entity];
    if (own) return [{ column: singleKey(m), keys: own }];
    const direct = this.references(entity, m).flatMap(([column, ref]) =>
      grant[ref] ? [{ column, keys: grant[ref]! }] : [],
    );
    if (direct.length || !hop) return direct;
    return this.references(entity, m).flatMap(([column, ref]): Tie[] => {
      const other = this.mapping.entities[ref];
      const ties = ref === entity || !other ? [] : this.entityTies(ref, grant, false);
      return ties.length ? [{ column, through: { table: other!.table, key: singleKey(other!), ties } }] : [];
    });
  }

  /** [column, referenced entity] of the mapped reference fields of an entity. */
  private references(entity: EntityName, m: SqlEntityMapping): Array<[string, EntityName]> {
    const fields = this.model.entities[entity]?.fields ?? {};
    return Object.entries(m.fields).flatMap(([field, column]) => {
      const type = fields[field];
      return typeof type === 'object' ? [[column, type.ref] as [string, EntityName]] : [];
    });
  }
}

/** The key column of an entity a row rule rules or a reference reaches: never composite (a composite entity
 *  cannot be a reference target, and policy-check refuses a row rule on one). */
function singleKey(m: SqlEntityMapping): string {
  if (typeof m.key === 'string') return m.key;
  throw new Error(`row rules cannot filter an entity with a composite key (table ${m.table})`);
}
