/** ` (did you mean "x"?)` for the known name closest to `name`, or ` (known: a, b, c)` when none is close. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const candidates = [...known];
  if (candidates.length === 0) return ' (none declared)';
  const scored = candidates
    .map((c) => ({ c, d: distance(name.toLowerCase(), c.toLowerCase()) }))
    .sort((a, b) => a.d - b.d);
  const best = scored[0]!;
  if (best.d <= Math.max(2, Math.floor(name.length / 3))) return ` (did you mean "${best.c}"?)`;
  return ` (known: ${candidates.join(', ')})`;
}

/** The known name closest to `name`, when one is close enough to suggest; for long lists of ids. */
export function nearest(name: string, known: Iterable<string>): string | undefined {
  let best: { c: string; d: number } | undefined;
  for (const c of known) {
    const d = distance(name.toLowerCase(), c.toLowerCase());
    if (!best || d < best.d) best = { c, d };
  }
  return best && best.d <= Math.max(2, Math.floor(name.length / 3)) ? best.c : undefined;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
