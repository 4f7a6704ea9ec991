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

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

export function stringLiteralRule(maxLength: number): ValidationRule {
  return (context) => ({
    StringValue(node) {
      const error = checkText(node.value, maxLength, 'A string in the query');
      if (error) context.reportError(error);
    },
  });
}

/** Every string inside the variables (nested objects and lists too). */
export function checkVariables(variables: unknown, maxLength: number): GraphQLError | null {
  const visit = (value: unknown, path: string): GraphQLError | null => {
    if (typeof value === 'string') return checkText(value, maxLength, `Variable ${path}`);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const e = visit(value[i], `${path}[${i}]`);
        if (e) return e;
      }
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const keyError = checkText(k, maxLength, `A key in variable ${path}`);
        if (keyError) return keyError;
        const e = visit(v, `${path}.${k}`);
        if (e) return e;
      }
    }
    return null;
  };
  for (const [name, value] of Object.entries((variables ?? {}) as Record<string, unknown>)) {
    const e = visit(value, `$${name}`);
    if (e) return e;
  }
  return null;
}
