import { execute, Kind, OperationTypeNode, parse, visit, type DocumentNode, type GraphQLError } from 'graphql';
import type { QueryResolvers } from '../generated/graphql';
import { badInput, HubError } from '../errors';
import { sha256Hex } from '../audit/record';
import { toCsv, toXlsx, type ExportTable } from './export-file';

const MAX_COLUMNS = 200;
const MAX_QUERY_CHARS = 20_000;

/**
 * `exportTable`: the screen's own query run again through the same executable schema, with the same
 * request context (viewer, loaders, audit trail), so the file holds exactly what the screen shows; its
 * field decisions land in this request's audit record, with an `export` event giving format and row count.
 */
export const exportQueries: Pick<QueryResolvers, 'exportTable'> = {
  exportTable: async (_p, args, ctx, info) => {
    if (!ctx.viewer.operations.has('export')) {
      throw new HubError(
        'FORBIDDEN',
        `Exporting needs the export operation, which none of your roles (${ctx.viewer.roles.join(', ') || 'none'}) grants.`,
        { reason: 'EXPORT_NOT_GRANTED' },
      );
    }
    if (args.columns.length === 0 || args.columns.length > MAX_COLUMNS)
      throw badInput(`columns must name 1 to ${MAX_COLUMNS} columns, got ${args.columns.length}.`, {
        argument: 'columns',
      });
    const document = queryDocument(args.query);
    const variables = variablesOf(args.variables);
    const result = await execute({ schema: info.schema, document, variableValues: variables, contextValue: ctx });
    const list = at(result.data, args.rows);
    if (!Array.isArray(list)) {
      const failed = (result.errors ?? []).find(
        (e) => pathText(e) === args.rows || args.rows.startsWith(`${pathText(e)}.`),
      );
      if (failed) throw failed.originalError instanceof HubError ? failed.originalError : refusedBy(failed);
      throw badInput(`rows must be the path of a list in the query's data; "${args.rows}" is not one.`, {
        argument: 'rows',
      });
    }
    const table: ExportTable = {
      title: args.title ?? 'Export',
      headers: args.columns.map((c) => c.header),
      rows: list.map((row) => args.columns.map((c) => text(at(row, c.path)))),
    };
    const file = args.format === 'XLSX' ? await toXlsx(table) : toCsv(table);
    ctx.audit.lifecycle({
      kind: 'export',
      code: args.rows,
      changeId: 0,
      version: null,
      note: `${args.format}, ${table.rows.length} rows, ${table.headers.length} columns; document sha256 ${sha256Hex(args.query)}`,
    });
    return file.toString('base64');
  },
};

/** One query operation, no `exportTable` inside (an export of an export), no subscription or mutation. */
function queryDocument(text: string): DocumentNode {
  if (text.length > MAX_QUERY_CHARS)
    throw badInput(`query is longer than ${MAX_QUERY_CHARS} characters.`, { argument: 'query' });
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch (error) {
    throw badInput(`query is not a GraphQL document: ${(error as Error).message}`, { argument: 'query' });
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || operations[0]!.operation !== OperationTypeNode.QUERY)
    throw badInput('query must hold exactly one query operation (no mutation or subscription).', {
      argument: 'query',
    });
  visit(document, {
    Field(node) {
      if (node.name.value === 'exportTable')
        throw badInput('An export cannot export an export.', { argument: 'query' });
    },
  });
  return document;
}

function variablesOf(text: string | null | undefined): Record<string, unknown> | undefined {
  if (text === null || text === undefined || text === '') return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw badInput('variables must be a JSON object.', { argument: 'variables' });
}

/** A dotted path ("a.b.0.c") into plain data; undefined where it leads nowhere. */
function at(value: unknown, path: string): unknown {
  let here = value;
  for (const step of path.split('.')) {
    if (here === null || here === undefined || typeof here !== 'object') return undefined;
    here = (here as Record<string, unknown>)[step];
  }
  return here;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  // A list of plain values (whom to notify, synonyms) reads as a list; anything deeper as JSON.
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function pathText(error: GraphQLError): string {
  return (error.path ?? []).join('.');
}

function refusedBy(error: GraphQLError): HubError {
  const code = String(error.extensions?.code ?? 'BAD_USER_INPUT');
  return new HubError(code as never, error.message, { ...error.extensions });
}
