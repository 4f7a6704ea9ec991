/**
 * Masks keep what a role needs and hide the rest: 138****5678, 310***********1234, **** **** 1234,
 * a salary band, j***@example.com. Applied to the resolved value of a field, so a masked value looks the
 * same in a list, a nested object or anywhere else the field appears.
 */
export type MaskKind = 'phone' | 'id_card' | 'bank_account' | 'salary_band' | 'email';

export const MASKS: Record<MaskKind, (value: string) => string> = {
  phone: (v) => (v.length >= 7 ? `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}` : '*'.repeat(v.length)),
  id_card: (v) => (v.length > 7 ? `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}` : '*'.repeat(v.length)),
  bank_account: (v) => `**** **** ${v.slice(-4)}`,
  salary_band: (v) => {
    const amount = Number(v.split('.')[0]);
    if (!Number.isFinite(amount)) return 'undisclosed';
    const low = Math.floor(amount / 10_000) * 10_000;
    return `${low}-${low + 10_000}`;
  },
  email: (v) => {
    const at = v.indexOf('@');
    return at > 0 ? `${v[0]}***${v.slice(at)}` : '***';
  },
};

export function applyMask(kind: MaskKind, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  return MASKS[kind](String(value));
}
