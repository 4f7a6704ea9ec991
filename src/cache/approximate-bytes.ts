/**
 * Roughly how many bytes of heap a JSON-like value holds, for bounding a cache in bytes: a walk over
 * objects, arrays and strings with V8-like sizes (object header 24 + 8 per property slot, array 16 + 8 per
 * element, string 16 + 2 per character, number 8). Property names are shared by V8 and not counted; a
 * value reachable twice is counted twice (an over-estimate is the safe side). Iterative: no recursion limit.
 */
export function approximateBytes(value: unknown): number {
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    switch (typeof v) {
      case 'string':
        bytes += 16 + 2 * v.length;
        break;
      case 'number':
      case 'bigint':
        bytes += 8;
        break;
      case 'boolean':
      case 'undefined':
        bytes += 4;
        break;
      case 'object':
        if (v === null) bytes += 4;
        else if (Array.isArray(v)) {
          bytes += 16 + 8 * v.length;
          for (const item of v) stack.push(item);
        } else {
          const values = Object.values(v as Record<string, unknown>);
          bytes += 24 + 8 * values.length;
          for (const item of values) stack.push(item);
        }
        break;
      default:
        bytes += 8;
    }
  }
  return bytes;
}
