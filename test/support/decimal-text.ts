/** A decimal as a canonical string ("12.30" → "12.3", "-0" → "0", null → "null"), so 5 and 5.00 compare equal. */
export function decimalText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  const s = String(v);
  if (!/^-?\d+(\.\d+)?$/.test(s)) return s;
  const [int, frac = ''] = s.replace(/^-/, '').split('.');
  const f = frac.replace(/0+$/, '');
  const out = `${int!.replace(/^0+(?=\d)/, '')}${f ? `.${f}` : ''}`;
  return out === '0' ? '0' : `${s.startsWith('-') ? '-' : ''}${out}`;
}
