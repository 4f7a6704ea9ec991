import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLOutputType,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * Validation rules that refuse abusive documents before anything executes (so no statement reaches a
 * source): depth, aliases, directives, repeated fields, and an estimated cost that multiplies by list sizes.
 * Each refusal names the limit (extensions.limit), the value found and what to do.
 */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** The same field (same response name) selected more than this many times in one selection set. */
  maxDuplicateFields: number;
  maxCost: number;
  /** Items assumed for a paged list (one with a `limit` argument) called without it: the default page size. */
  defaultPageSize: number;
  /** Items assumed for a list that takes no `limit` (a customer's contacts, a table's rows). */
  defaultListSize: number;
}

/** Apollo Server reports validation errors as GRAPHQL_VALIDATION_FAILED; `limit` says which limit. */
const refuse = (message: string, limit: string) => new GraphQLError(message, { extensions: { limit } });

export function limitRules(limits: QueryLimits): ValidationRule[] {
  return [
    depthAndCostRule(limits),
    countRule('aliases', limits.maxAliases),
    countRule('directives', limits.maxDirectives),
    duplicateFieldRule(limits.maxDuplicateFields),
  ];
}

/**
 * Depth and cost, walking each operation with the schema's types and through its fragments (cycles are
 * GraphQL's own error). A field costs 1 per item of every list around it; a paged list (one with a
 * `limit` argument) contributes its literal limit, or the default page size; any other list an assumed
 * `defaultListSize`.
 */
function depthAndCostRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const schema = context.getSchema();
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions)
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    return {
      OperationDefinition(op: OperationDefinitionNode) {
        const measured = operationCost(schema, op, fragments, limits);
        if (!measured) return;
        const { depth, cost } = measured;
        if (depth > limits.maxDepth) {
          context.reportError(
            refuse(`Query depth exceeds ${limits.maxDepth}: ask for fewer nested levels, or split the query.`, 'depth'),
          );
        } else if (cost > limits.maxCost) {
          context.reportError(
            refuse(
              `Query cost ${cost === Infinity ? 'is unbounded' : `${Math.round(cost)}`} exceeds the budget of ${limits.maxCost} (each field counts once per item of the lists around it): use smaller "limit" values or fewer nested lists.`,
              'cost',
            ),
          );
        }
      },
    };
  };
}

/**
 * Depth and estimated cost of one operation (fields × the list sizes around them), as the cost rule
 * judges it; the walk stops once over `maxDepth` or `maxCost`. Also the in-flight budget's size of a
 * request that is not an indicator table (src/server/limits/request-size.ts). Undefined: no root type.
 */
export function operationCost(
  schema: GraphQLSchema,
  op: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  limits: Pick<QueryLimits, 'maxDepth' | 'maxCost' | 'defaultPageSize' | 'defaultListSize'>,
): { depth: number; cost: number } | undefined {
  const root =
    op.operation === 'query'
      ? schema.getQueryType()
      : op.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return undefined;
  let maxDepth = 0;
  const walk = (
    set: SelectionSetNode,
    type: GraphQLNamedType,
    depth: number,
    multiplier: number,
    seen: Set<string>,
  ): number => {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        maxDepth = Math.max(maxDepth, depth);
        if (maxDepth > limits.maxDepth) return Infinity;
        cost += multiplier;
        const def = isObjectType(type) || isInterfaceType(type) ? type.getFields()[sel.name.value] : undefined;
        if (sel.selectionSet && def) {
          const size = listSize(
            sel,
            def.type,
            def.args.some((a) => a.name === 'limit'),
            limits,
          );
          cost += walk(sel.selectionSet, getNamedType(def.type), depth + 1, multiplier * size, seen);
        }
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const inner = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type;
        if (inner) cost += walk(sel.selectionSet, inner, depth, multiplier, seen);
      } else {
        const name = sel.name.value;
        const frag = fragments.get(name);
        const inner = frag ? schema.getType(frag.typeCondition.name.value) : undefined;
        if (!frag || !inner || seen.has(name)) continue;
        cost += walk(frag.selectionSet, inner, depth, multiplier, new Set([...seen, name]));
      }
      if (cost > limits.maxCost) return cost;
    }
    return cost;
  };
  const cost = walk(op.selectionSet, root, 1, 1, new Set());
  return { depth: maxDepth, cost };
}

/** How many items a field's list may hold, for the estimate. */
function listSize(
  field: FieldNode,
  type: GraphQLOutputType,
  paged: boolean,
  limits: Pick<QueryLimits, 'defaultPageSize' | 'defaultListSize'>,
): number {
  if (!isListType(getNullableType(type))) return 1;
  const arg = field.arguments?.find((a) => a.name.value === 'limit');
  if (arg?.value.kind === Kind.INT) return Math.max(1, Number(arg.value.value));
  return paged ? limits.defaultPageSize : limits.defaultListSize;
}

function countRule(what: 'aliases' | 'directives', max: number): ValidationRule {
  return (context) => {
    let count = 0;
    let reported = false;
    const bump = () => {
      count++;
      if (count > max && !reported) {
        reported = true;
        context.reportError(
          refuse(`More than ${max} ${what} in one document: remove some, or send several requests.`, what),
        );
      }
    };
    return what === 'aliases'
      ? { Field: (node) => void (node.alias ? bump() : undefined) }
      : { Directive: () => bump() };
  };
}

function duplicateFieldRule(max: number): ValidationRule {
  return (context) => ({
    SelectionSet(set) {
      const counts = new Map<string, number>();
      for (const sel of set.selections) {
        if (sel.kind !== Kind.FIELD) continue;
        const name = sel.alias?.value ?? sel.name.value;
        const n = (counts.get(name) ?? 0) + 1;
        counts.set(name, n);
        if (n === max + 1) {
          context.reportError(
            refuse(
              `Field "${name}" is selected more than ${max} times in one selection: select it once.`,
              'duplicates',
            ),
          );
        }
      }
    },
  });
}
