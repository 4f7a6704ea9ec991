import { Decimal } from '../../values/decimal';
import type { FieldType } from '../../model/entities';

/**
 * Drivers disagree on types (pg returns numeric and bigint as strings, PGlite returns DATE as Date,
 * mysql2 returns DECIMAL as strings): every value leaves an adapter in one canonical form.
 */
export function normalizeValue(value: unknown, type: FieldType): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof type === 'object') return String(value);
  switch (type) {
    case 'string':
      return String(value);
    case 'int':
      return Number(value);
    case 'bool':
      return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
    case 'date':
      return normalizeDate(value);
    case 'decimal':
      return decimalString(value, 2);
  }
}

export function normalizeDate(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

/** Exact decimal string, with `scale` places when given (else as exact as it came); numbers are only
 *  accepted when they are integers (a binary float is never taken for money). */
export function decimalString(value: unknown, scale?: number): string {
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'string') {
    const exact = Decimal.of(value);
    return scale === undefined ? exact.toString() : exact.toFixed(scale);
  }
  throw new TypeError(`expected a decimal value, received ${typeof value}`);
}
