/**
 * The formula language of derived indicators: numbers, indicator codes, + - * / and parentheses, and
 * days() — the number of days in the period being computed. Parsed once at start into a small tree.
 */
export type Expr =
  | { kind: 'number'; value: string }
  | { kind: 'ref'; code: string }
  | { kind: 'days' }
  | { kind: 'neg'; operand: Expr }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr };

/**
 * Bounds that keep every walk over a formula (parsing, references, evaluation, decomposition — all
 * recursive) far from the stack's limit, whatever a proposal, an import file or a stored draft holds:
 * parentheses and unary minus nested at most MAX_FORMULA_NESTING deep, at most MAX_FORMULA_TERMS operands
 * (a chain a + b + … nests one level per operator in the tree). A tree is then at most
 * MAX_FORMULA_TERMS + MAX_FORMULA_NESTING deep.
 */
export const MAX_FORMULA_NESTING = 64;
export const MAX_FORMULA_TERMS = 500;

export class FormulaError extends Error {
  /** Which bound a formula exceeded, when that is what is wrong with it. */
  constructor(
    message: string,
    readonly limit?: { name: 'formulaNesting' | 'formulaTerms'; max: number },
  ) {
    super(message);
    this.name = 'FormulaError';
  }
}

/** A formula as messages quote it: at most 80 characters. */
export function quotedFormula(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|([a-z][a-z0-9_]*)\s*(\(\s*\))?|([-+*/()]))/y;

type Token = { type: 'number' | 'name' | 'call' | 'op'; text: string; at: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  let terms = 0;
  while (at < text.length) {
    // Positions point at the token itself, not at the whitespace before it.
    while (at < text.length && /\s/.test(text[at]!)) at++;
    if (at === text.length) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) throw new FormulaError(`unexpected "${text.slice(at).trim()[0]}" at position ${at + 1}`);
    if (m[4] === undefined && ++terms > MAX_FORMULA_TERMS) {
      throw new FormulaError(
        `more than ${MAX_FORMULA_TERMS} numbers, codes and days() (at position ${at + 1}); split it into intermediate indicators`,
        { name: 'formulaTerms', max: MAX_FORMULA_TERMS },
      );
    }
    if (m[1] !== undefined) tokens.push({ type: 'number', text: m[1], at });
    else if (m[2] !== undefined) tokens.push({ type: m[3] ? 'call' : 'name', text: m[2], at });
    else tokens.push({ type: 'op', text: m[4]!, at });
    at = TOKEN.lastIndex;
  }
  return tokens;
}

export function parseFormula(text: string): Expr {
  const tokens = tokenize(text);
  /** 1-based position just after the last non-blank character: where a missing token was expected. */
  const end = text.trimEnd().length + 1;
  let i = 0;
  let depth = 0;
  const peek = () => tokens[i];
  /** Entering a parenthesis or a unary minus: refused beyond MAX_FORMULA_NESTING, before recursing further. */
  const deeper = (t: Token) => {
    if (++depth > MAX_FORMULA_NESTING) {
      throw new FormulaError(
        `parentheses and unary minus nested more than ${MAX_FORMULA_NESTING} deep (at position ${t.at + 1})`,
        { name: 'formulaNesting', max: MAX_FORMULA_NESTING },
      );
    }
  };
  const expectOp = (op: string) => {
    const t = tokens[i];
    if (t?.type !== 'op' || t.text !== op) {
      throw new FormulaError(`expected "${op}"${t ? ` at position ${t.at + 1}` : ` at the end (position ${end})`}`);
    }
    i++;
  };
  const primary = (): Expr => {
    const t = tokens[i++];
    if (!t) throw new FormulaError(`the formula ends too early (position ${end})`);
    if (t.type === 'number') return { kind: 'number', value: t.text };
    if (t.type === 'name') return { kind: 'ref', code: t.text };
    if (t.type === 'call') {
      if (t.text !== 'days')
        throw new FormulaError(`unknown function ${t.text}() at position ${t.at + 1} (known: days())`);
      return { kind: 'days' };
    }
    if (t.text === '(') {
      deeper(t);
      const inner = sum();
      expectOp(')');
      depth--;
      return inner;
    }
    if (t.text === '-') {
      deeper(t);
      const operand = primary();
      depth--;
      return { kind: 'neg', operand };
    }
    throw new FormulaError(`unexpected "${t.text}" at position ${t.at + 1}`);
  };
  const product = (): Expr => {
    let left = primary();
    for (let t = peek(); t?.type === 'op' && (t.text === '*' || t.text === '/'); t = peek()) {
      i++;
      left = { kind: 'binary', op: t.text as '*' | '/', left, right: primary() };
    }
    return left;
  };
  const sum = (): Expr => {
    let left = product();
    for (let t = peek(); t?.type === 'op' && (t.text === '+' || t.text === '-'); t = peek()) {
      i++;
      left = { kind: 'binary', op: t.text as '+' | '-', left, right: product() };
    }
    return left;
  };
  const expr = sum();
  if (i < tokens.length) throw new FormulaError(`unexpected "${tokens[i]!.text}" at position ${tokens[i]!.at + 1}`);
  return expr;
}

export function formulaRefs(expr: Expr): string[] {
  switch (expr.kind) {
    case 'ref':
      return [expr.code];
    case 'neg':
      return formulaRefs(expr.operand);
    case 'binary':
      return [...new Set([...formulaRefs(expr.left), ...formulaRefs(expr.right)])];
    default:
      return [];
  }
}
