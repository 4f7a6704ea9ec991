import { atomsHold, setKey } from '../../../src/engine/query-sets';

/**
 * The atom rule of the disclosure check, DB-less. The oracle is brute force: every +/− combination of the
 * released sets' cells (coefficients −1, 0, 1) that a viewer could form; none may cover 1…k−1 people
 * when every cell of the sequence was admitted.
 */
const K = 5;
const PEOPLE: Record<string, number> = { A: 1, B: 7, C: 6, D: 0, E: 3, F: 9 };
const pop = (m: string) => PEOPLE[m] ?? 0;

/** Smallest positive coverage of a difference of cells (a member counts when its net coefficient is ±1). */
function smallestDifference(sets: string[][]): number | null {
  let best: number | null = null;
  const n = sets.length;
  for (let code = 1; code < 3 ** n; code++) {
    const coef = new Map<string, number>();
    let c = code;
    for (let i = 0; i < n; i++, c = Math.floor(c / 3)) {
      const w = (c % 3) - 1;
      if (w !== 0) for (const m of sets[i]!) coef.set(m, (coef.get(m) ?? 0) + w);
    }
    // Only exact 0/1 combinations single out a group (others are multiples or mixtures).
    if ([...coef.values()].some((w) => w !== 0 && w !== 1)) continue;
    const people = [...coef].filter(([, w]) => w === 1).reduce((s, [m]) => s + pop(m), 0);
    if (people > 0 && (best === null || people < best)) best = people;
  }
  return best;
}

function admit(sequence: string[][]): { admitted: string[][]; refused: string[][] } {
  const admitted: string[][] = [];
  const refused: string[][] = [];
  for (const s of sequence) {
    if (atomsHold(admitted, s, pop, K).ok) admitted.push(s);
    else refused.push(s);
  }
  return { admitted, refused };
}

describe('query-set overlap control by atoms', () => {
  test.each([
    ['{A,B} then {B}: B refused (B would isolate A)', [['A', 'B'], ['B']], [['B']]],
    ['{B} then {A,B}: {A,B} refused', [['B'], ['A', 'B']], [['A', 'B']]],
    ['a one-person set alone is refused', [['A']], [['A']]],
    ['nobody behind a set: released', [['D']], []],
    ['disjoint large sets: all released', [['B'], ['C'], ['F']], []],
    [
      'total then members: the last member that would leave 1–4 people as the rest is refused',
      [['A', 'B', 'C', 'E', 'F'], ['B'], ['C'], ['F']],
      [['F']],
    ],
    [
      'roll-up parent {A,B,C} then children {B}, {C}: the second child is refused',
      [['A', 'B', 'C'], ['B'], ['C']],
      [['C']],
    ],
    [
      'the same set twice changes nothing',
      [
        ['B', 'C'],
        ['C', 'B'],
      ],
      [],
    ],
  ])('%s', (_name, sequence, refused) => {
    const out = admit(sequence);
    expect(out.refused).toEqual(refused);
    const smallest = smallestDifference(out.admitted);
    expect(smallest === null || smallest >= K).toBe(true);
  });

  test('a refusal names the atom and its people', () => {
    expect(atomsHold([['A', 'B']], ['B'], pop, K)).toEqual({ ok: false, atom: ['A'], people: 1 });
  });

  test('set keys ignore order and repeats', () => {
    expect(setKey(['C', 'B', 'C'])).toBe(setKey(['B', 'C']));
  });
});
