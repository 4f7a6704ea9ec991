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
    if (plain !== null) return plain;
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
    return roundDown(this.units, this.scale - scale);
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
    const fast = safeFixed(this.units, this.scale, scale);
    if (fast !== undefined) return fast;
    const units = this.rescale(scale);
    if (scale === 0) return units.toString();
    const negative = units < 0n;
    const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
    const point = digits.length - scale;
    return `${negative ? '-' : ''}${digits.slice(0, point)}.${digits.slice(point)}`;
  }

  toString(): string {
    return this.toFixed(this.scale);
  }
}

const POW10: bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));
const pow10 = (n: number): bigint => POW10[n] ?? 10n ** BigInt(n);

/** Digits a double holds exactly in any order of accumulation: 15 decimal digits stay below 2^53. */
const SAFE_DIGITS = 15;

/**
 * The common shape drivers hand back ("-1234.50", "7"): digits, an optional leading minus and at most one
 * point with digits on both sides, no blanks. Anything else (null) takes the validating path. Up to 15
 * digits are accumulated as a safe integer (exact) and converted once; longer ones go through BigInt's parser.
 */
function parsePlain(text: string): Decimal | null {
  const negative = text.charCodeAt(0) === 45;
  const start = negative ? 1 : 0;
  const length = text.length;
  let dot = -1;
  let units = 0;
  for (let i = start; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      units = units * 10 + (c - 48);
      continue;
    }
    if (c !== 46 || dot !== -1) return null;
    dot = i;
  }
  if (dot === -1) {
    if (length === start) return null;
    if (length - start > SAFE_DIGITS) return Decimal.scaled(BigInt(text), 0);
    return Decimal.scaled(BigInt(negative ? -units : units), 0);
  }
  if (dot === start || dot === length - 1) return null;
  const scale = length - dot - 1;
  if (length - start - 1 > SAFE_DIGITS) return Decimal.scaled(BigInt(text.slice(0, dot) + text.slice(dot + 1)), scale);
  return Decimal.scaled(BigInt(negative ? -units : units), scale);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** Powers of ten a double holds exactly (10^0 … 10^15). */
const POW10_NUMBER: number[] = Array.from({ length: SAFE_DIGITS + 1 }, (_, i) => 10 ** i);

/**
 * `units` ÷ 10^places rounded half-up (away from zero). Safe integers are divided as doubles, which is
 * exact for them: the remainder and the quotient of a safe integer by a power of ten are exact.
 */
function roundDown(units: bigint, places: number): bigint {
  if (places <= SAFE_DIGITS && units <= MAX_SAFE && units >= -MAX_SAFE) {
    const n = Number(units);
    const d = POW10_NUMBER[places]!;
    const abs = n < 0 ? -n : n;
    const remainder = abs % d;
    const quotient = (abs - remainder) / d + (remainder * 2 >= d ? 1 : 0);
    return BigInt(n < 0 ? -quotient : quotient);
  }
  return roundHalfUp(units, pow10(places));
}

/** Integers below this print as plain digits and stay exact through the arithmetic above. */
const MAX_FIXED = 2 ** 52;
const ZEROS = '0'.repeat(SAFE_DIGITS + 1);

/**
 * toFixed without BigInt arithmetic when the value is small enough for doubles to hold it exactly (the
 * common case: money and counts); undefined otherwise. Rounding half-up (away from zero) as rescale does.
 */
function safeFixed(units: bigint, from: number, to: number): string | undefined {
  if (to > SAFE_DIGITS || from > SAFE_DIGITS || units > MAX_SAFE || units < -MAX_SAFE) return undefined;
  const n = Number(units);
  const abs = n < 0 ? -n : n;
  let rounded: number;
  if (to >= from) {
    rounded = abs * POW10_NUMBER[to - from]!;
  } else {
    const d = POW10_NUMBER[from - to]!;
    const remainder = abs % d;
    rounded = (abs - remainder) / d + (remainder * 2 >= d ? 1 : 0);
  }
  if (rounded >= MAX_FIXED) return undefined;
  const sign = n < 0 && rounded !== 0 ? '-' : '';
  if (to === 0) return sign + String(rounded);
  // The digits with the point inserted (Number's own toFixed is several times slower).
  let digits = String(rounded);
  if (digits.length <= to) digits = ZEROS.slice(0, to + 1 - digits.length) + digits;
  const point = digits.length - to;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
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
