/**
 * Composite keys (an order line keyed by order and product): one string for the parts, unambiguous both
 * ways. Parts are joined by "/"; inside a part "%" is written "%25" and "/" is written "%2F", so a part may
 * hold any text. The same encoding carries a row's source key (the key columns' values) and its hub id
 * (the parts as the hub names them); src/federation/entities.ts translates between the two part by part.
 */
export const KEY_SEPARATOR = '/';

export function encodeKey(parts: readonly string[]): string {
  return parts.map((p) => p.replace(/%/g, '%25').replace(/\//g, '%2F')).join(KEY_SEPARATOR);
}

/** The parts of an encoded key, or a sentence saying what is wrong with it (never throws). */
export function decodeKey(id: string, count: number): string[] | { problem: string } {
  const parts = id.split(KEY_SEPARATOR);
  if (parts.length !== count) {
    return {
      problem: `expected ${count} parts separated by "${KEY_SEPARATOR}", received ${parts.length} (write "%2F" for a "/" and "%25" for a "%" inside a part)`,
    };
  }
  const out: string[] = [];
  for (const part of parts) {
    if (/%(?!25|2F)/i.test(part)) return { problem: `a "%" inside a part must be followed by 25 ("%") or 2F ("/")` };
    out.push(part.replace(/%2F/gi, '/').replace(/%25/g, '%'));
  }
  return out;
}
