/**
 * Query-set overlap control by atoms (statistical disclosure control for additive tables).
 *
 * A released cell adds up the people behind a set S of base members (departments). Together the sets a
 * principal has seen partition the members into ATOMS: members grouped by which sets they belong to.
 * Any value an attacker derives by adding and subtracting released cells is a sum over a union of atoms,
 * so if every atom covers no one or at least `minimum` people, no derivable value covers 1…minimum−1.
 * A new set is released only if the partition of (logged sets ∪ {S}) still has that property.
 */
export interface AtomVerdict {
  ok: boolean;
  /** When refused: the atom under the minimum and the people behind it. */
  atom?: string[];
  people?: number;
}

export function atomsHold(
  logged: ReadonlyArray<readonly string[]>,
  candidate: readonly string[],
  population: (member: string) => number,
  minimum: number,
): AtomVerdict {
  const sets = [...logged, candidate];
  const signature = new Map<string, number[]>();
  sets.forEach((set, i) => {
    for (const m of new Set(set)) {
      const s = signature.get(m);
      if (s) s.push(i);
      else signature.set(m, [i]);
    }
  });
  const atoms = new Map<string, string[]>();
  for (const [m, s] of signature) {
    const key = s.join(',');
    const atom = atoms.get(key);
    if (atom) atom.push(m);
    else atoms.set(key, [m]);
  }
  for (const atom of atoms.values()) {
    const people = atom.reduce((sum, m) => sum + population(m), 0);
    if (people > 0 && people < minimum) return { ok: false, atom: atom.sort(), people };
  }
  return { ok: true };
}

/** A set's identity in the log: its members, sorted, joined. */
export function setKey(members: readonly string[]): string {
  return [...new Set(members)].sort().join('\u0001');
}
