import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  getVariableValues,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import { estimateOutput, type OutputEstimate } from '../../engine/estimate';
import { HubError } from '../../errors';
import type { HubContext } from '../../app/context';
import type { QueryIndicatorValuesArgs } from '../../generated/graphql';
import { valuesRequestOf } from '../../resolvers/values-request';
import type { InFlightBudget, OverBudget } from './in-flight';
import { requestBytes } from './request-size';
import { operationCost, type QueryLimits } from './rules';

const FIELD = 'indicatorValues';
/** The selections of an indicator table that materialise its cells, each once more. */
const CELL_VIEWS = new Set(['rows', 'series']);

/**
 * Refuses an operation whose indicatorValues fields would produce more than `maxCells` cells, before it
 * executes (so no statement reaches a source). Aliases add up: three aliases of a large table cost three
 * tables; a table whose rows and series are both selected costs two. Arguments the resolver will refuse
 * anyway (a malformed period) are left to it. Then every query reserves its estimated cells and heap bytes
 * (request-size.ts: its cells, and its other fields × list sizes as the cost rule counts them) in the
 * in-flight budget, waiting in its queue when they do not fit.
 */
export function outputLimitPlugin(
  maxCells: number,
  budget?: InFlightBudget,
  costLimits?: Pick<QueryLimits, 'maxDepth' | 'maxCost' | 'defaultPageSize' | 'defaultListSize'>,
): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      let release: (() => void) | undefined;
      return {
        async willSendResponse() {
          release?.();
        },
        async didResolveOperation({ operation, document, request, contextValue, schema }) {
          if (operation?.operation !== 'query') return;
          const field = schema.getQueryType()?.getFields()[FIELD];
          const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (!variables.coerced) return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const def of document.definitions)
            if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
          const parts: Array<OutputEstimate & { field: string; views: number }> = [];
          for (const node of field ? fieldsNamed(operation.selectionSet, FIELD, fragments) : []) {
            const estimate = estimateField(contextValue, field!, node, variables.coerced);
            if (!estimate) continue;
            const views = Math.max(
              1,
              responseNames(fieldsIn(node.selectionSet, fragments).filter((n) => CELL_VIEWS.has(n.name.value))).size,
            );
            parts.push({ field: node.alias?.value ?? FIELD, views, ...estimate });
          }
          const total = parts.reduce((sum, p) => sum + p.cells * p.views, 0);
          if (total > maxCells) throw tooLarge(total, maxCells, parts);
          if (!budget) return;
          const cost = costLimits ? (operationCost(schema, operation, fragments, costLimits)?.cost ?? 0) : 0;
          const bytes = requestBytes(total, cost);
          const admission = await budget.admitOrWait(contextValue.viewer.principal, total, bytes);
          if (!admission.ok) throw overBudget(admission, total, bytes, budget.settings.retryAfterSeconds);
          release = admission.release;
        },
      };
    },
  };
}

function estimateField(
  ctx: HubContext,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
): OutputEstimate | undefined {
  try {
    const args = getArgumentValues(field, node, variables) as unknown as QueryIndicatorValuesArgs;
    return estimateOutput(ctx, valuesRequestOf(ctx, args));
  } catch {
    return undefined; // the resolver refuses these arguments with its own coded error
  }
}

/** Over the in-flight budget (src/server/limits/in-flight.ts): 429 for the principal's, 503 for the hub's. */
function overBudget(over: OverBudget, cells: number, bytes: number, retryAfterSeconds: number): HubError {
  const n = (x: number) => x.toLocaleString('en-US');
  const mib = (x: number) => `${(x / 1048576).toFixed(1)} MiB`;
  const what =
    over.what === 'heavy'
      ? `${n(over.inFlight)} large requests ${over.scope === 'principal' ? 'of yours are' : 'are'} being answered, the most ${over.scope === 'principal' ? 'one principal may have' : 'the hub answers'} at once`
      : over.what === 'bytes'
        ? `the requests being answered now hold an estimated ${mib(over.inFlight)} of the ${mib(over.max)} of memory the hub gives answers in flight, and this one would add ${mib(bytes)}`
        : `${over.scope === 'principal' ? 'your' : "the hub's"} requests being answered now hold ${n(over.inFlight)} of the ${n(over.max)} indicator cells allowed at once, and this one would add ${n(cells)}`;
  return new HubError(
    over.scope === 'principal' ? 'TOO_MANY_IN_FLIGHT' : 'OVERLOADED',
    `Not answered now: ${what}. Retry after ${retryAfterSeconds} s${over.scope === 'principal' ? ', once your other requests are answered' : ''}.`,
    {
      limit: over.what === 'heavy' ? 'inFlightHeavy' : over.what === 'bytes' ? 'inFlightBytes' : 'inFlightCells',
      scope: over.scope,
      inFlight: over.inFlight,
      max: over.max,
      estimated: over.what === 'bytes' ? bytes : cells,
      retryAfterSeconds,
      http: {
        status: over.scope === 'principal' ? 429 : 503,
        headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]),
      },
    },
  );
}

function tooLarge(
  total: number,
  max: number,
  parts: Array<OutputEstimate & { field: string; views: number }>,
): HubError {
  const n = (x: number) => x.toLocaleString('en-US');
  const detail = parts
    .filter((p) => p.cells > 0)
    .map(
      (p) =>
        `${p.field}: ${n(p.periods)} periods × ${n(p.members)} members × ${n(p.indicators)} indicators${p.views > 1 ? ` × ${p.views} (rows and series)` : ''}`,
    )
    .join('; ');
  return new HubError(
    'RESPONSE_TOO_LARGE',
    `This request would produce about ${n(total)} indicator cells (${detail}), more than the ${n(max)} one request may produce: use page (page: { first: 1000 }, then after: pageInfo.endCursor) to fetch the members a page at a time, or a coarser grain or a shorter run, fewer members (filters) or fewer indicators.`,
    {
      limit: 'responseCells',
      estimated: total,
      max,
      fields: parts.map((p) => ({
        field: p.field,
        periods: p.periods,
        members: p.members,
        indicators: p.indicators,
        cells: p.cells * p.views,
      })),
      http: { status: 400 },
    },
  );
}

/** Fields with this name directly in a selection set (through fragments), one per response name: fields
 *  under the same response name have the same arguments (GraphQL's validation) and execute once. */
function fieldsNamed(set: SelectionSetNode, name: string, fragments: Map<string, FragmentDefinitionNode>): FieldNode[] {
  return [...responseNames(fieldsIn(set, fragments).filter((f) => f.name.value === name)).values()];
}

function responseNames(fields: FieldNode[]): Map<string, FieldNode> {
  return new Map(fields.map((f) => [f.alias?.value ?? f.name.value, f]));
}

function fieldsIn(
  set: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): FieldNode[] {
  if (!set) return [];
  const out: FieldNode[] = [];
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) out.push(...fieldsIn(sel.selectionSet, fragments, seen));
    else if (!seen.has(sel.name.value)) {
      seen.add(sel.name.value);
      out.push(...fieldsIn(fragments.get(sel.name.value)?.selectionSet, fragments, seen));
    }
  }
  return out;
}
