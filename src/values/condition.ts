/**
 * Conditions over one entity's fields, written in the model and the policy (never in a request):
 *   region in ('EAST')            supportRep = viewer.id          id in subtree(viewer.unit)
 *   status = 'ACTIVE'             id = viewer.unit and level = 3  none
 * Grammar: cond := and ('or' and)* ; and := atom ('and' atom)* ;
 * atom := '(' cond ')' | 'none' | field '=' value | field 'in' '(' value, … ')' | field 'in' 'subtree' '(' value ')'
 *          value := 'text' | number | viewer.id | viewer.unit
 * Parsed here, never evaluated as code: src/auth/row-rules.ts turns a condition into sets of ids.
 */
export type Value = { viewer: 'id' | 'unit' } | { literal: string };
export type Condition =
  | { kind: 'none' }
  | { kind: 'or' | 'and'; parts: Condition[] }
  | { kind: 'in'; field: string; values: Value[] }
  | { kind: 'subtree'; field: string; of: Value };

const TOKEN = /\s*(?:('(?:[^']|'')*')|(-?\d+(?:\.\d+)?)|(viewer\.[A-Za-z]+)|([A-Za-z_][A-Za-z0-9_]*)|([(),=]))/y;

export class ConditionError extends Error {}

export function parseCondition(text: string): Condition {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m)
      throw new ConditionError(
        `cannot read "${text.slice(at).trim().slice(0, 20)}" (expected a field, =, in, (…), a 'text', a number, viewer.id or viewer.unit)`,
      );
    tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]!);
  }
  let i = 0;
  const peek = () => tokens[i];
  const expect = (t: string) => {
    if (tokens[i] !== t)
      throw new ConditionError(`expected "${t}" ${tokens[i] === undefined ? 'at the end' : `before "${tokens[i]}"`}`);
    i++;
  };
  const value = (): Value => {
    const t = tokens[i++];
    if (t === undefined) throw new ConditionError('expected a value at the end');
    if (t === 'viewer.id' || t === 'viewer.unit') return { viewer: t.slice(7) as 'id' | 'unit' };
    if (t.startsWith('viewer.')) throw new ConditionError(`unknown "${t}" (known: viewer.id, viewer.unit)`);
    if (t.startsWith("'")) return { literal: t.slice(1, -1).replace(/''/g, "'") };
    if (/^-?\d/.test(t)) return { literal: t };
    throw new ConditionError(`expected a value ('text', a number, viewer.id or viewer.unit), got "${t}"`);
  };
  const atom = (): Condition => {
    const t = tokens[i++];
    if (t === '(') {
      const inner = or();
      expect(')');
      return inner;
    }
    if (t === 'none') return { kind: 'none' };
    if (t === undefined || !/^[A-Za-z_]/.test(t) || t.startsWith('viewer.'))
      throw new ConditionError(`expected a field name${t === undefined ? ' at the end' : `, got "${t}"`}`);
    const op = tokens[i++];
    if (op === '=') return { kind: 'in', field: t, values: [value()] };
    if (op !== 'in')
      throw new ConditionError(`expected "=" or "in" after ${t}${op === undefined ? '' : `, got "${op}"`}`);
    if (peek() === 'subtree') {
      i++;
      expect('(');
      const of = value();
      expect(')');
      return { kind: 'subtree', field: t, of };
    }
    expect('(');
    const values = [value()];
    while (peek() === ',') {
      i++;
      values.push(value());
    }
    expect(')');
    return { kind: 'in', field: t, values };
  };
  const chain = (kind: 'and' | 'or', next: () => Condition) => (): Condition => {
    const parts = [next()];
    while (peek() === kind) {
      i++;
      parts.push(next());
    }
    return parts.length === 1 ? parts[0]! : { kind, parts };
  };
  const and = chain('and', atom);
  const or = chain('or', and);
  const out = or();
  if (i < tokens.length) throw new ConditionError(`unexpected "${tokens[i]}"`);
  return out;
}

/** The condition as text again (audit, explain-access). */
export function conditionText(c: Condition): string {
  const v = (x: Value) =>
    'viewer' in x ? `viewer.${x.viewer}` : /^-?\d/.test(x.literal) ? x.literal : `'${x.literal.replace(/'/g, "''")}'`;
  switch (c.kind) {
    case 'none':
      return 'none';
    case 'in':
      return c.values.length === 1
        ? `${c.field} = ${v(c.values[0]!)}`
        : `${c.field} in (${c.values.map(v).join(', ')})`;
    case 'subtree':
      return `${c.field} in subtree(${v(c.of)})`;
    default:
      return c.parts
        .map((p) => (p.kind === 'or' || p.kind === 'and' ? `(${conditionText(p)})` : conditionText(p)))
        .join(` ${c.kind} `);
  }
}

/** Fields the condition reads ("id" = the key). */
export function fieldsOf(c: Condition): string[] {
  if (c.kind === 'none') return [];
  if (c.kind === 'in' || c.kind === 'subtree') return [c.field];
  return c.parts.flatMap(fieldsOf);
}

/** The condition evaluated on one row already read (e.g. people.active on a person's row). */
export function rowMatches(c: Condition, row: Readonly<Record<string, unknown>>, key: string): boolean {
  switch (c.kind) {
    case 'none':
      return false;
    case 'and':
      return c.parts.every((p) => rowMatches(p, row, key));
    case 'or':
      return c.parts.some((p) => rowMatches(p, row, key));
    case 'in': {
      const value = c.field === 'id' ? key : row[c.field];
      return (
        value !== null && value !== undefined && c.values.some((v) => 'literal' in v && v.literal === String(value))
      );
    }
    default:
      return false;
  }
}
