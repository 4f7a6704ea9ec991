import type { OrgDirectory } from '../../../src/auth/org-directory';
import type { RowScope } from '../../../src/auth/policy-schema';
import { resolveRows } from '../../../src/auth/row-rules';

/**
 * Row rules resolved into ids (src/auth/row-rules.ts) over a small directory held here as plain rows —
 * the oracle: which departments and employees each rule should select is read off these rows by hand.
 *   D1 (EAST) ─┬─ D2 (EAST) ── D4 (NORTH)
 *              └─ D3 (WEST)
 * Employees: E1 in D2, E2 in D3, E3 in D4.
 */
const DEPARTMENTS: Record<string, { parent: string | null; region: string }> = {
  D1: { parent: null, region: 'EAST' },
  D2: { parent: 'D1', region: 'EAST' },
  D3: { parent: 'D1', region: 'WEST' },
  D4: { parent: 'D2', region: 'NORTH' },
};
const EMPLOYEES: Record<string, { unit: string }> = { E1: { unit: 'D2' }, E2: { unit: 'D3' }, E3: { unit: 'D4' } };

function directory() {
  const statements: string[] = [];
  const org = {
    async subtree(root: string): Promise<Set<string>> {
      statements.push(`subtree ${root}`);
      const out = new Set<string>();
      if (!(root in DEPARTMENTS)) return out;
      const walk = (id: string) => {
        out.add(id);
        for (const [child, d] of Object.entries(DEPARTMENTS)) if (d.parent === id) walk(child);
      };
      walk(root);
      return out;
    },
    async matching(entity: string, field: string, values: readonly string[]): Promise<Set<string>> {
      statements.push(`${entity}.${field} in ${values.join(',')}`);
      const rows: Record<string, Record<string, unknown>> = entity === 'Department' ? DEPARTMENTS : EMPLOYEES;
      return new Set(Object.keys(rows).filter((id) => values.includes(String(rows[id]![field]))));
    },
  };
  return { org: org as unknown as OrgDirectory, statements };
}

const plain = (rows: 'all' | ReadonlyArray<ReadonlyMap<string, ReadonlySet<string>>>) =>
  rows === 'all' ? 'all' : rows.map((g) => Object.fromEntries([...g].map(([e, ids]) => [e, [...ids].sort()])));

async function resolve(scopes: RowScope[], who = { id: 'E1', unit: 'D2' }) {
  const { org, statements } = directory();
  const r = await resolveRows(scopes, who, org);
  return { rows: plain(r.rows), description: r.description, statements };
}

describe('resolveRows', () => {
  test('all wins over everything, with no statement', async () => {
    const r = await resolve([{ Department: "region in ('EAST')" }, 'all']);
    expect(r).toEqual({ rows: 'all', description: 'all', statements: [] });
  });

  test('conditions on the key need no statement; viewer values come from the subject', async () => {
    const r = await resolve([{ Department: 'id = viewer.unit' }]);
    expect(r.rows).toEqual([{ Department: ['D2'] }]);
    expect(r.statements).toEqual([]);
    expect(r.description).toBe('Department: id = viewer.unit (viewer.id = E1, viewer.unit = D2) → 1 Department');
    expect((await resolve([{ Employee: "id in ('E2', 'E3')" }])).rows).toEqual([{ Employee: ['E2', 'E3'] }]);
  });

  test('a condition on a field is one statement on the directory', async () => {
    const r = await resolve([{ Department: "region in ('EAST', 'NORTH')" }]);
    expect(r.rows).toEqual([{ Department: ['D1', 'D2', 'D4'] }]);
    expect(r.statements).toEqual(['Department.region in EAST,NORTH']);
    const e = await resolve([{ Employee: 'unit = viewer.unit' }]);
    expect(e.rows).toEqual([{ Employee: ['E1'] }]);
  });

  test('subtree follows the tree from the viewer value; on a field it selects the rows pointing into it', async () => {
    expect((await resolve([{ Department: 'id in subtree(viewer.unit)' }])).rows).toEqual([
      { Department: ['D2', 'D4'] },
    ]);
    expect((await resolve([{ Department: "id in subtree('D1')" }])).rows).toEqual([
      { Department: ['D1', 'D2', 'D3', 'D4'] },
    ]);
    expect((await resolve([{ Employee: "unit in subtree('D2')" }])).rows).toEqual([{ Employee: ['E1', 'E3'] }]);
  });

  test('a missing viewer value selects nothing, and asks the directory nothing', async () => {
    const r = await resolve([{ Department: 'id in subtree(viewer.unit)', Employee: 'unit = viewer.unit' }], {
      id: 'E9',
      unit: null as unknown as string,
    });
    expect(r.rows).toEqual([{ Department: [], Employee: [] }]);
    expect(r.statements).toEqual([]);
    expect(r.description).toBe(
      'Department: id in subtree(viewer.unit), Employee: unit = viewer.unit (viewer.id = E9) → 0 Department, 0 Employee',
    );
    const nobody = await resolve([{ Employee: 'id = viewer.id' }], {
      id: null as unknown as string,
      unit: null as unknown as string,
    });
    expect(nobody.description).toBe('Employee: id = viewer.id → 0 Employee');
    const noId = await resolve([{ Employee: 'id = viewer.id' }], { id: null as unknown as string, unit: 'D3' });
    expect(noId.rows).toEqual([{ Employee: [] }]);
    expect(noId.description).toMatch(/\(viewer\.unit = D3\) → 0 Employee$/);
  });

  test('or is the union, and the intersection, none nothing', async () => {
    expect((await resolve([{ Department: "region in ('WEST') or id = viewer.unit" }])).rows).toEqual([
      { Department: ['D2', 'D3'] },
    ]);
    expect((await resolve([{ Department: "id in subtree('D1') and region in ('EAST')" }])).rows).toEqual([
      { Department: ['D1', 'D2'] },
    ]);
    // An empty intersection stops early: the later parts are never asked.
    const r = await resolve([{ Department: "region in ('SOUTH') and region in ('EAST')" }]);
    expect(r.rows).toEqual([{ Department: [] }]);
    expect(r.statements).toEqual(['Department.region in SOUTH']);
    expect((await resolve([{ Department: 'none' }])).rows).toEqual([{ Department: [] }]);
  });

  test('roles ruling the same entities merge into one grant (their union); other shapes stay separate grants', async () => {
    const r = await resolve([
      { Department: "region in ('WEST')" },
      { Department: 'id = viewer.unit' },
      { Employee: 'id = viewer.id', Department: 'none' },
    ]);
    expect(r.rows).toEqual([{ Department: ['D2', 'D3'] }, { Department: [], Employee: ['E1'] }]);
    expect(r.description).toBe(
      "Department: region = 'WEST' + Department: id = viewer.unit + Department: none, Employee: id = viewer.id (viewer.id = E1, viewer.unit = D2) → 2 Department + 0 Department, 1 Employee",
    );
    // Grants are keyed by the exact set of entities ruled: roles ruling other entities, or entity sets whose
    // names run together (OrgUnit; Org + Unit), never share a grant.
    const apart = await resolve([
      { Department: "region in ('WEST')" },
      { Employee: 'id = viewer.id' },
      { OrgUnit: "id in ('X')" },
      { Org: "id in ('A')", Unit: "id in ('B')" },
    ]);
    expect(apart.rows).toEqual([
      { Department: ['D3'] },
      { Employee: ['E1'] },
      { OrgUnit: ['X'] },
      { Org: ['A'], Unit: ['B'] },
    ]);
    // The same rule twice is described once.
    expect((await resolve([{ Department: 'none' }, { Department: 'none' }])).description).toBe(
      'Department: none (viewer.id = E1, viewer.unit = D2) → 0 Department',
    );
  });
});
