import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Text the hub will not pass on: NUL bytes, unpaired UTF-16 surrogates (invalid Unicode), and strings
 * longer than `maxLength` — in literals and in variables alike. Refused with BAD_USER_INPUT before any
 * statement runs. (Values that merely look like SQL are harmless: every value is a bound parameter.)
 */
export function checkText(value: string, maxLength: number, where: string): GraphQLError | null {
  if (value.length > maxLength) {
    return badInput(`${where} is ${value.length} characters long; at most ${maxLength} are accepted.`);
  }
  if (value.includes('\u0000')) return badInput(`${where} contains a NUL character, which is not accepted.`);
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)) {
    return badInput(`${where} is not valid Unicode (an unpaired surrogate).`);
  }
  return null;
}

/**
 * Status 400 travels with the error: Apollo Server answers an error thrown before execution (the variables
 * plugin throws from didResolveOperation) with HTTP 500 unless the error sets `extensions.http.status` —
 * which is how a NUL byte or an over-long variable used to come back as a 500 carrying BAD_USER_INPUT.
 * Apollo removes `http` from the error the client sees.
 */
const badInput = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

export function stringLiteralRule(maxLength: number): ValidationRule {
  return (context) => ({
    StringValue(node) {
      const error = checkText(node.value, maxLength, 'A string in the query');
      if (error) context.reportError(error);
    },
  });
}

/** How deep variables may nest (objects and lists): far beyond any input type of the schema. */
export const MAX_VARIABLE_DEPTH = 32;

/**
 * Every string inside the variables (nested objects and lists too, keys included), walked with an
 * explicit stack — a body of a million `[` must not overflow the call stack — and at most
 * MAX_VARIABLE_DEPTH levels deep. The first problem, in document order, is returned.
 */
export function checkVariables(variables: unknown, maxLength: number): GraphQLError | null {
  const pending: Array<{ value: unknown; path: string; depth: number }> = Object.entries(
    (variables ?? {}) as Record<string, unknown>,
  )
    .map(([name, value]) => ({ value, path: `$${name}`, depth: 1 }))
    .reverse();
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { value, path, depth } = item;
    if (typeof value === 'string') {
      const error = checkText(value, maxLength, `Variable ${path}`);
      if (error) return error;
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (depth > MAX_VARIABLE_DEPTH)
      return badInput(
        `Variable ${path.slice(0, 200)} nests lists or objects more than ${MAX_VARIABLE_DEPTH} levels deep.`,
      );
    const children: Array<{ value: unknown; path: string; depth: number }> = [];
    if (Array.isArray(value)) {
      value.forEach((v, i) => children.push({ value: v, path: `${path}[${i}]`, depth: depth + 1 }));
    } else {
      for (const [k, v] of Object.entries(value)) {
        const keyError = checkText(k, maxLength, `A key in variable ${path}`);
        if (keyError) return keyError;
        children.push({ value: v, path: `${path}.${k}`, depth: depth + 1 });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
  }
  return null;
}
