/**
 * Exact decimals for money. Databases store DECIMAL(p,2); drivers hand sums back as strings; the hub
 * keeps them as scaled BigInts and the API serialises them as strings ("1234.50"). No value ever passes
 * through a binary float.
 */
const DECIMAL_RE = /^(-)?(\d+)(?:\.(\d+))?$/;

export class Decimal {
  private constructor(
    readonly units: bigint,
    readonly scale: number,
  ) {}

  static readonly ZERO = new Decimal(0n, 0);

  static of(value: string | number | bigint | Decimal): Decimal {
    if (value instanceof Decimal) return value;
    if (typeof value === 'bigint') return new Decimal(value, 0);
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) {
        throw new TypeError(`Decimal.of: expected an integer or a decimal string, received the float ${value}`);
      }
      return new Decimal(BigInt(value), 0);
    }
    const plain = parsePlain(value);
    if (plain !== null) return new Decimal(plain.units, plain.scale);
    const match = DECIMAL_RE.exec(value.trim());
    if (!match) throw new TypeError(`Decimal.of: expected a decimal string like "-12.34", received "${value}"`);
    const [, sign, whole, fraction = ''] = match;
    const units = BigInt(`${whole}${fraction}`);
    return new Decimal(sign ? -units : units, fraction.length);
  }

  /** A decimal of `units` × 10^-scale. */
  static scaled(units: bigint, scale: number): Decimal {
    return new Decimal(units, scale);
  }

  /** The value in units of 10^-scale, rounded half-up (away from zero) when `scale` is coarser. */
  unitsAt(scale: number): bigint {
    return this.rescale(scale);
  }

  private rescale(scale: number): bigint {
    if (scale === this.scale) return this.units;
    if (scale > this.scale) return this.units * pow10(scale - this.scale);
    return roundHalfUp(this.units, pow10(this.scale - scale));
  }

  add(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.rescale(scale) + other.rescale(scale), scale);
  }

  sub(other: Decimal): Decimal {
    return this.add(other.negate());
  }

  negate(): Decimal {
    return new Decimal(-this.units, this.scale);
  }

  mul(other: Decimal): Decimal {
    return new Decimal(this.units * other.units, this.scale + other.scale);
  }

  /** Division rounded half-up to `scale` places; null when dividing by zero (callers say why). */
  div(other: Decimal, scale = 6): Decimal | null {
    if (other.units === 0n) return null;
    const numerator = this.units * pow10(scale + other.scale);
    const denominator = other.units * pow10(this.scale);
    return new Decimal(roundHalfUp(numerator, denominator), scale);
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  compare(other: Decimal): -1 | 0 | 1 {
    const scale = Math.max(this.scale, other.scale);
    const a = this.rescale(scale);
    const b = other.rescale(scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  toFixed(scale: number): string {
    const units = this.rescale(scale);
    const negative = units < 0n;
    const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
    const whole = digits.slice(0, digits.length - scale);
    const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
    return `${negative ? '-' : ''}${whole}${fraction}`;
  }

  toString(): string {
    return this.toFixed(this.scale);
  }
}

const POW10: bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));
const pow10 = (n: number): bigint => POW10[n] ?? 10n ** BigInt(n);

/**
 * The common shape drivers hand back ("-1234.50", "7"): digits, an optional leading minus and at most one
 * point with digits on both sides, no blanks. Anything else (null) takes the validating path.
 */
function parsePlain(text: string): { units: bigint; scale: number } | null {
  const start = text.charCodeAt(0) === 45 ? 1 : 0;
  let dot = -1;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c !== 46 || dot !== -1) return null;
    dot = i;
  }
  if (dot === -1) return text.length > start ? { units: BigInt(text), scale: 0 } : null;
  if (dot === start || dot === text.length - 1) return null;
  return { units: BigInt(text.slice(0, dot) + text.slice(dot + 1)), scale: text.length - dot - 1 };
}

function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n * 2n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/** Money as the API shows it: two decimal places, exact. */
export function toMoney(value: string | number | bigint | Decimal): string {
  return Decimal.of(value).toFixed(2);
}
