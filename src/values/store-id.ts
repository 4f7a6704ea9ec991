/** The largest id a store row has: ids are SQL `integer` (serial) columns, 32-bit signed. */
export const MAX_STORE_ID = 2_147_483_647;

/**
 * A store row's id as a client wrote it (GraphQL `ID`, a string or an integer), checked by type before any
 * statement: decimal digits only (no sign, no hex "0x10", no exponent "1e3", no whitespace " 1", no leading
 * zero), 1 … 2^31 − 1. Returns the number, or null when the text is not such an id.
 */
export function storeIdOf(id: string | number): number | null {
  const text = typeof id === 'number' ? String(id) : id;
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,9}$/.test(text)) return null;
  const n = Number(text);
  return n <= MAX_STORE_ID ? n : null;
}
