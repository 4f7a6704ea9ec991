import {
  GraphQLError,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  graphql,
  type GraphQLFormattedError,
} from 'graphql';
import { HubError, badInput, type ErrorCode } from '../../../src/errors';
import { logger } from '../../../src/logger';
import { formatError } from '../../../src/server/format-error';

/** `{ revenue }` whose resolver throws the given value: graphql-js wraps it exactly as in the running hub. */
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      revenue: {
        type: GraphQLString,
        resolve: (_source, _args, context: { error: unknown }) => {
          throw context.error;
        },
      },
    },
  }),
});

async function resolverError(error: unknown): Promise<GraphQLError> {
  const result = await graphql({ schema, source: '{ revenue }', contextValue: { error } });
  return result.errors![0]!;
}

/** What Apollo Server hands to formatError: the error's JSON plus a stack trace (includeStacktraceInErrorResponses). */
const apolloFormatted = (error: GraphQLError): GraphQLFormattedError => ({
  ...error.toJSON(),
  extensions: { ...error.extensions, stacktrace: (error.originalError?.stack ?? error.stack ?? '').split('\n') },
});

async function format(thrownValue: unknown) {
  const error = await resolverError(thrownValue);
  return formatError(apolloFormatted(error), error);
}

describe('a coded HubError reaches the client as written, without a stack trace', () => {
  test.each<ErrorCode>(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'SOURCE_UNAVAILABLE', 'SOURCE_TIMEOUT'])(
    '%s',
    async (code) => {
      const formatted = await format(
        new HubError(code, `Something the client should read (${code}).`, { source: 'erp' }),
      );
      expect(formatted).toEqual({
        message: `Something the client should read (${code}).`,
        locations: [{ line: 1, column: 3 }],
        path: ['revenue'],
        extensions: { code, source: 'erp' },
      });
    },
  );

  test('badInput keeps its extra extensions', async () => {
    const formatted = await format(badInput('Invalid period "2025-13".', { argument: 'period' }));
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'period' });
  });

  test("GraphQL's own errors (no original error) pass through too", () => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(formatError(apolloFormatted(error), error)).toEqual({
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});

describe('anything else is masked as "Internal error (id: …)" and logged under that id', () => {
  const SECRETS = ['password=secret', 'secret', 'db.internal'];
  const causes: Array<[string, unknown]> = [
    ['an Error', new Error('connect failed: password=secret host=db.internal')],
    ['a TypeError', new TypeError('Cannot read properties of undefined (reading "password=secret host=db.internal")')],
    [
      'a driver error with a code',
      Object.assign(new Error('password=secret rejected by db.internal:5432'), { code: '28P01' }),
    ],
    ['a thrown string', 'password=secret host=db.internal'],
  ];

  test.each(causes)('%s', async (_case, cause) => {
    const log = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const formatted = await format(cause);

    const errorId = formatted.extensions?.errorId;
    expect(errorId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(formatted).toEqual({
      message: `Internal error (id: ${errorId}). The hub's operators can find the cause in its log under this id.`,
      locations: [{ line: 1, column: 3 }],
      path: ['revenue'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    });
    const output = JSON.stringify(formatted);
    for (const secret of SECRETS) expect(output).not.toContain(secret);

    expect(log).toHaveBeenCalledTimes(1);
    const logged = log.mock.calls[0]![0] as unknown as { errorId: string; err: Error; path: unknown };
    expect(logged).toMatchObject({ errorId, path: ['revenue'] });
    expect(logged.err.message).toContain('password=secret'); // the cause goes to the log, not to the client
  });

  test('an error Apollo passes unwrapped (outside any resolver) is masked as well', () => {
    jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const error = new Error('password=secret host=db.internal');
    const formatted = formatError({ message: error.message, extensions: { stacktrace: [String(error.stack)] } }, error);
    expect(formatted.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(formatted)).not.toContain('secret');
  });

  test('each occurrence gets its own id', async () => {
    jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const [a, b] = await Promise.all([format(new Error('x')), format(new Error('x'))]);
    expect(a.extensions?.errorId).not.toBe(b.extensions?.errorId);
  });
});
