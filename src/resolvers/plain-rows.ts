import {
  defaultFieldResolver,
  getNamedType,
  GraphQLObjectType,
  isAbstractType,
  isObjectType,
  type FieldNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields';
import type { HubContext } from '../app/context';
import { fieldValue, type EntityParent } from '../federation/entities';
import type { Routing } from '../federation/routing';
import { isRef, type CompanyModel } from '../model/entities';

/**
 * Plain rows: an entity's plain columns (its `id` and every field that is not a reference) reach the
 * executor as properties of the entity object, read without a resolver — a 10,000-row list has ~100,000
 * of them, and a resolver call each (its info object, path and closures) was most of the list's garbage.
 *
 * The field that returns entities (a list, a lookup, a relation, a reference) fills them in: the plain
 * fields the document selects on that type (collected once per request and field, not per row) are copied
 * from the row at hand; one owned by a source whose row is not at hand is read through the request's
 * loaders as before (one batched statement per source), and a failed read becomes that field's own error.
 * A plain field the permission layer guards (a masked phone, a denied salary) is filled with what the
 * viewer gets: the permission layer hands its guard over (`guardPlainField`), and the fill applies the
 * request's decision to each value as it copies it — the masked value and its audit of returned ids, or
 * the denial as the field's error value — so that graphql-jit reads it as a property too, with no resolver
 * call (its info and path objects) per value. Fields named `entity` or `rows` (the entity object's own)
 * keep their resolver.
 */
export function withPlainRows(schema: GraphQLSchema, model: CompanyModel): GraphQLSchema {
  const plain = new Map<string, ReadonlySet<string>>();
  for (const entity of Object.values(model.entities)) {
    const type = schema.getType(entity.name);
    if (!isObjectType(type)) continue;
    const fields = new Set<string>(['id']);
    for (const [field, t] of Object.entries(entity.fields))
      if (!isRef(t) && field !== 'entity' && field !== 'rows') fields.add(field);
    const own = new Set<string>();
    for (const field of fields) {
      const def = type.getFields()[field];
      if (!def || def.args.length > 0) continue;
      def.resolve = undefined;
      if (field !== 'id') def.extensions = { ...def.extensions, [PLAIN_ROW]: true };
      own.add(field);
    }
    plain.set(entity.name, own);
  }
  const plans = new Plans(plain);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (returnsEntities(schema, field, plain)) wrap(field, plans);
    }
  }
  return schema;
}

/** Marks (in the field's extensions, which survive schema mapping) a field filled at its parent. */
const PLAIN_ROW = 'hubPlainRow';

/** The field is filled at its parent by `withPlainRows` (a plain column other than `id`). */
export function isPlainRowField(field: GraphQLField<unknown, unknown>): boolean {
  return (field.extensions as Record<string, unknown> | undefined)?.[PLAIN_ROW] === true;
}

/** The permission layer's decision on one plain field, applied where the field is filled. */
export interface PlainGuard {
  /** This request's error for the field when it is denied (the denial audited), else null. */
  denied(ctx: HubContext): Error | null;
  /** The value (null when absent) the viewer gets for the entity `id`: masked, its return audited. */
  value(ctx: HubContext, id: unknown, value: unknown): unknown;
}

/**
 * Where a field's guard is kept: in its extensions, which a schema mapped later copies with the field — a
 * guard kept beside the field object (a WeakMap) would be lost by such a copy, and the field, which has no
 * resolver, would then be filled with the raw value.
 */
const PLAIN_GUARD = 'hubPlainGuard';

/** Hands a plain field's guard to the fill (the field keeps no resolver: the fill applies the guard). */
export function guardPlainField(field: GraphQLField<unknown, unknown>, guard: PlainGuard): void {
  field.extensions = { ...field.extensions, [PLAIN_GUARD]: guard };
}

/** The field's named type is an entity type, or an abstract type one of whose members is. */
function returnsEntities(
  schema: GraphQLSchema,
  field: GraphQLField<unknown, unknown>,
  plain: ReadonlyMap<string, ReadonlySet<string>>,
): boolean {
  const named = getNamedType(field.type);
  if (isObjectType(named)) return plain.has(named.name);
  return isAbstractType(named) && schema.getPossibleTypes(named).some((t) => plain.has(t.name));
}

function wrap(field: GraphQLField<unknown, unknown>, plans: Plans): void {
  const resolve = field.resolve ?? defaultFieldResolver;
  field.resolve = (parent, args, ctx, info) => {
    const out = resolve(parent, args, ctx, info);
    if (out instanceof Promise) return out.then((value: unknown) => filled(ctx as HubContext, info, value, plans));
    return filled(ctx as HubContext, info, out, plans);
  };
}

/** `value` (an entity, a list of them, null, an error) with every entity's selected plain fields set. */
function filled(ctx: HubContext, info: GraphQLResolveInfo, value: unknown, plans: Plans): unknown {
  if (value === null || value === undefined || value instanceof Error) return value;
  let pending: Promise<unknown>[] | undefined;
  if (Array.isArray(value)) {
    let items: unknown[] = value;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item instanceof Promise) {
        // A list of promises (the federation's `_entities`): each item filled when it arrives.
        if (items === value) items = [...(value as unknown[])];
        items[i] = item.then((v: unknown) => filled(ctx, info, v, plans));
        continue;
      }
      const wait = isEntity(item) ? fill(ctx, item, plans.of(ctx, info, item.entity)) : undefined;
      if (wait) (pending ??= []).push(wait);
    }
    value = items;
  } else if (isEntity(value)) {
    const wait = fill(ctx, value, plans.of(ctx, info, value.entity));
    if (wait) pending = [wait];
  }
  return pending ? Promise.all(pending).then(() => value) : value;
}

function isEntity(value: unknown): value is EntityParent {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as EntityParent).entity === 'string' &&
    typeof (value as EntityParent).rows === 'object'
  );
}

/** One entity's selected plain fields, from its rows at hand; a promise while some are read from a source. */
function fill(ctx: HubContext, parent: EntityParent, plan: Plan): Promise<unknown> | undefined {
  const target = parent as unknown as Record<string, unknown>;
  let pending: Promise<unknown>[] | undefined;
  for (let i = 0; i < plan.fields.length; i++) {
    const field = plan.fields[i]!;
    if (field === 'id') continue;
    const guard = plan.guards[i];
    if (guard) {
      const error = guard.denied(ctx);
      if (error) {
        target[field] = error;
        continue;
      }
    }
    const source = plan.owners[i];
    const row = source === undefined ? undefined : parent.rows[source];
    if (row) {
      const v = row[field];
      target[field] = guard ? guard.value(ctx, parent.id, v ?? null) : v === undefined ? null : v;
      continue;
    }
    if (source === undefined) {
      target[field] = guard ? guard.value(ctx, parent.id, null) : null;
      continue;
    }
    let read: unknown;
    try {
      read = fieldValue(ctx, parent, field);
    } catch (error) {
      target[field] = error;
      continue;
    }
    (pending ??= []).push(
      Promise.resolve(read).then(
        (v) => (target[field] = guard ? guard.value(ctx, parent.id, v ?? null) : v),
        (error: unknown) => (target[field] = error instanceof Error ? error : new Error(String(error))),
      ),
    );
  }
  return pending ? Promise.all(pending) : undefined;
}

interface Plan {
  fields: readonly string[];
  /** The source answering each field. */
  owners: ReadonlyArray<string | undefined>;
  /** The permission layer's guard of each field, where it has one. */
  guards: ReadonlyArray<PlainGuard | undefined>;
}

/** Per request (its variables) and field: the plain fields selected on each entity type, with their owners. */
class Plans {
  private readonly byNodes = new WeakMap<
    ReadonlyArray<FieldNode>,
    WeakMap<object, { routing: Routing; types: Map<string, Plan> }>
  >();

  constructor(private readonly plain: ReadonlyMap<string, ReadonlySet<string>>) {}

  of(ctx: HubContext, info: GraphQLResolveInfo, entity: string): Plan {
    let byVariables = this.byNodes.get(info.fieldNodes);
    if (!byVariables) this.byNodes.set(info.fieldNodes, (byVariables = new WeakMap()));
    const variables = (info.variableValues as object | undefined) ?? NO_VARIABLES;
    const routing = ctx.runtime.routing;
    let entry = byVariables.get(variables);
    if (!entry || entry.routing !== routing) byVariables.set(variables, (entry = { routing, types: new Map() }));
    let plan = entry.types.get(entity);
    if (!plan) entry.types.set(entity, (plan = this.plan(info, entity, routing)));
    return plan;
  }

  private plan(info: GraphQLResolveInfo, entity: string, routing: Routing): Plan {
    const type = info.schema.getType(entity);
    const plain = this.plain.get(entity);
    if (!isObjectType(type) || !plain) return { fields: [], owners: [], guards: [] };
    const selected = collectSubfields(
      info.schema,
      info.fragments,
      info.variableValues as Record<string, unknown>,
      type,
      info.fieldNodes,
    );
    const fields = new Set<string>();
    for (const nodes of selected.values()) {
      const name = nodes[0]!.name.value;
      if (plain.has(name)) fields.add(name);
    }
    const defs = type.getFields();
    return {
      fields: [...fields],
      owners: [...fields].map((f) => routing.owner(entity, f)),
      guards: [...fields].map(
        (f) => (defs[f]?.extensions as Record<string, PlainGuard | undefined> | undefined)?.[PLAIN_GUARD],
      ),
    };
  }
}

const NO_VARIABLES = {};
