/**
 * SQL expressions in a model (an entity field `{ sql: … }`, a measure `{ agg: sum, sql: … }`): checked
 * at load by a small whitelist tokenizer, then passed to the database as written — only ever from the
 * validated model, never from a request. Allowed: column names (optionally `table.column` of the
 * mapping's own tables), numbers, 'string literals', + - * / || ( ) , and a few functions.
 * Not allowed: ; comments, ?, keywords such as select, and anything else.
 */
const FUNCTIONS = new Set([
  'coalesce',
  'nullif',
  'abs',
  'round',
  'floor',
  'ceil',
  'lower',
  'upper',
  'trim',
  'concat',
  'length',
  'substr',
  'lpad',
  'rpad',
  'replace',
  'greatest',
  'least',
]);
const KEYWORDS = new Set([
  'select',
  'from',
  'where',
  'union',
  'insert',
  'update',
  'delete',
  'drop',
  'alter',
  'create',
  'truncate',
  'grant',
  'revoke',
  'exec',
  'execute',
  'into',
  'join',
  'having',
  'group',
  'order',
  'limit',
  'offset',
  'call',
  'do',
  'copy',
  'load',
  'outfile',
  'and',
  'or',
  'not',
  'case',
  'when',
  'then',
  'else',
  'end',
  'is',
  'null',
  'in',
  'like',
  'exists',
  'with',
  'as',
  'set',
]);
const TOKEN =
  /\s+|(\d+(?:\.\d+)?)|('(?:[^']|'')*')|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)|(\|\||[-+*/(),])/y;

/** What is wrong with `text`, or undefined when it is an allowed expression over `tables`. */
export function expressionProblem(text: string, tables: readonly string[]): string | undefined {
  if (text.trim() === '') return 'an empty expression';
  for (const [bad, what] of [
    [';', 'a ";"'],
    ['--', 'a comment'],
    ['/*', 'a comment'],
    ['*/', 'a comment'],
    ['?', 'a "?"'],
  ] as const) {
    if (text.includes(bad)) return `${what} is not allowed in an expression`;
  }
  const tokens: Array<{ kind: 'number' | 'string' | 'name' | 'op'; text: string }> = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m)
      return `unexpected "${text[at]}" at position ${at + 1} (allowed: columns, numbers, 'text', + - * / || ( ) and ${[...FUNCTIONS].join(', ')})`;
    if (m[1]) tokens.push({ kind: 'number', text: m[1] });
    else if (m[2]) tokens.push({ kind: 'string', text: m[2] });
    else if (m[3]) tokens.push({ kind: 'name', text: m[3] });
    else if (m[4]) tokens.push({ kind: 'op', text: m[4] });
  }
  // A tiny grammar: operands and binary operators alternate; ( ) balance; name( is an allowed function.
  let expectOperand = true;
  const stack: Array<'group' | 'call'> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (expectOperand) {
      if (t.kind === 'op' && (t.text === '-' || t.text === '+')) continue;
      if (t.kind === 'op' && t.text === '(') {
        stack.push('group');
        continue;
      }
      if (t.kind === 'op') return `expected a value before "${t.text}"`;
      if (t.kind === 'name') {
        const [qualifier, column] = t.text.includes('.') ? t.text.split('.') : [undefined, t.text];
        if (next?.text === '(') {
          if (!FUNCTIONS.has(t.text.toLowerCase()))
            return `function "${t.text}" is not allowed (allowed: ${[...FUNCTIONS].join(', ')})`;
          stack.push('call');
          i++;
          continue;
        }
        if (KEYWORDS.has(column!.toLowerCase())) return `"${t.text}" is a keyword, not allowed in an expression`;
        if (qualifier !== undefined && !tables.includes(qualifier))
          return `"${qualifier}" is not a table of this mapping (tables: ${tables.join(', ')})`;
      }
      expectOperand = false;
      continue;
    }
    if (t.kind !== 'op' || t.text === '(') return `expected an operator before "${t.text}"`;
    if (t.text === ')') {
      if (!stack.pop()) return 'a ")" without its "("';
      continue;
    }
    if (t.text === ',' && stack[stack.length - 1] !== 'call') return 'a "," outside a function call';
    expectOperand = true;
  }
  if (expectOperand) return 'the expression ends where a value is expected';
  if (stack.length) return 'a "(" without its ")"';
  return undefined;
}

/** The column names an expression reads (as written, `table.column` kept), for checking them against a live
 *  catalog; function names, numbers and literals are left out. Call it on an expression without problems. */
export function expressionColumns(text: string): string[] {
  const tokens: Array<{ name?: string; text: string }> = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const m = TOKEN.exec(text);
    if (!m) break;
    if (m[3]) tokens.push({ name: m[3], text: m[3] });
    else if (m[1] || m[2] || m[4]) tokens.push({ text: m[0] });
  }
  const columns = tokens.filter((t, i) => t.name !== undefined && tokens[i + 1]?.text !== '(').map((t) => t.name!);
  return [...new Set(columns)];
}

/** `text` with every column reference replaced by `replace(column)` (function names, numbers and literals
 *  as written): how a float column is read as an exact decimal inside an expression. Call it on an
 *  expression without problems. */
export function rewriteColumns(text: string, replace: (column: string) => string): string {
  const tokens: Array<{ name?: string; text: string }> = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const m = TOKEN.exec(text);
    if (!m) break;
    tokens.push(m[3] ? { name: m[3], text: m[0] } : { text: m[0] });
  }
  const next = (i: number) => tokens.slice(i + 1).find((t) => t.text.trim() !== '')?.text;
  return tokens
    .map((t, i) =>
      t.name !== undefined && next(i) !== '(' && !KEYWORDS.has(t.name.toLowerCase()) ? replace(t.name) : t.text,
    )
    .join('');
}
