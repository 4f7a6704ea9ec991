import type { Expr } from '../indicators/formula';
import { Decimal } from '../values/decimal';
import type { HubError } from '../errors';

/** A value, or null with the reason; `error` when the null is a refusal or a failure a single field
 *  reports as its coded error (a figure: FORBIDDEN, SUPPRESSED, the failed source's error). */
export type Value =
  { value: Decimal; reason?: undefined; error?: undefined } | { value: null; reason: string; error?: HubError };
export const ok = (value: Decimal): Value => ({ value });
export const none = (reason: string, error?: HubError): Value =>
  error ? { value: null, reason, error } : { value: null, reason };

/**
 * Evaluates a formula tree exactly. `ref` supplies each indicator's value; `days` the length of the period
 * for days(). A null input or a division by zero gives null with the reason, never NaN or Infinity.
 */
export function evaluateExpr(e: Expr, ref: (code: string) => Value, days: number | undefined, where: string): Value {
  switch (e.kind) {
    case 'number':
      return ok(Decimal.of(e.value));
    case 'days':
      return days === undefined ? none('days() has no period here') : ok(Decimal.of(days));
    case 'ref':
      return ref(e.code);
    case 'neg': {
      const v = evaluateExpr(e.operand, ref, days, where);
      return v.value === null ? v : ok(v.value.negate());
    }
    case 'binary': {
      const l = evaluateExpr(e.left, ref, days, where);
      if (l.value === null) return l;
      const r = evaluateExpr(e.right, ref, days, where);
      if (r.value === null) return r;
      switch (e.op) {
        case '+':
          return ok(l.value.add(r.value));
        case '-':
          return ok(l.value.sub(r.value));
        case '*':
          return ok(l.value.mul(r.value));
        case '/':
          return r.value.isZero() ? none(`division by zero in ${where}`) : ok(l.value.div(r.value, 8)!);
      }
    }
  }
}
