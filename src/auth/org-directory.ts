import type { HubRuntime } from '../hub/runtime';
import type { NeutralRow, StatementSink } from '../sources/contract';
import { UNRESTRICTED } from '../sources/contract';
import { observeStatement } from '../observability/trace';

/**
 * What access control needs to know about people and the org, read from the sources the model routes
 * them to (the people entity's home, the org entity's home for its tree and the owner of its region
 * field; in the demo HR and CRM) and kept for a bounded time (auth.hrStatusCacheSeconds): employees'
 * status and department, the org tree, sales regions. These reads are the hub's own (counted in
 * /metrics), not part of any request's trace.
 */
export class OrgDirectory {
  private employees = new Map<string, { at: number; row: NeutralRow | null }>();
  private tree: { at: number; parent: Map<string, string | null>; region: Map<string, string | null> } | undefined;
  private readonly sink: StatementSink = { record: observeStatement };

  constructor(
    private readonly runtime: HubRuntime,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The HR row of an employee (by hub id), or null when HR does not know them. */
  async employee(hubId: string): Promise<NeutralRow | null> {
    const cached = this.employees.get(hubId);
    if (cached && this.now() - cached.at < this.maxAgeMs) return cached.row;
    const source = this.runtime.routing.home('Employee');
    const key = this.runtime.keyMap.toSource('Employee', source, hubId);
    const rows = key
      ? await this.runtime.adapters.get(source)!.fetch({ entity: 'Employee', where: { field: 'key', keys: [key] } }, { scope: UNRESTRICTED, trace: this.sink })
      : [];
    const row = rows[0] ?? null;
    this.employees.set(hubId, { at: this.now(), row });
    return row;
  }

  /** Reads these employees' HR rows now (one statement per loader.maxBatchSize), whatever their cache age, and caches them. */
  async refreshEmployees(hubIds: readonly string[]): Promise<void> {
    const keys = new Map<string, string>();
    for (const id of hubIds) {
      const key = this.runtime.keyMap.toSource('Employee', 'hr', id);
      if (key) keys.set(key, id);
    }
    const all = [...keys.keys()];
    const rows: NeutralRow[] = [];
    for (let i = 0; i < all.length; i += this.runtime.config.loader.maxBatchSize) {
      const chunk = all.slice(i, i + this.runtime.config.loader.maxBatchSize);
      rows.push(...(await this.runtime.adapters.get('hr')!.fetch({ entity: 'Employee', where: { field: 'key', keys: chunk } }, { scope: UNRESTRICTED, trace: this.sink })));
    }
    const at = this.now();
    for (const id of hubIds) this.employees.set(id, { at, row: null });
    for (const row of rows) {
      const id = keys.get(String(row.key));
      if (id) this.employees.set(id, { at, row });
    }
  }

  departmentOf(row: NeutralRow): string | null {
    const source = this.runtime.routing.owner('Employee', 'department');
    return row.department === null || !source ? null : (this.runtime.keyMap.toHub('Department', source, String(row.department)) ?? null);
  }

  /** The department and everything below it in the HR org tree. */
  async subtree(departmentId: string): Promise<Set<string>> {
    const { parent } = await this.org();
    const children = new Map<string, string[]>();
    for (const [id, p] of parent) if (p) children.set(p, [...(children.get(p) ?? []), id]);
    const out = new Set<string>();
    const stack = [departmentId];
    while (stack.length) {
      const id = stack.pop()!;
      if (out.has(id)) continue;
      out.add(id);
      stack.push(...(children.get(id) ?? []));
    }
    return out;
  }

  /** Departments (CRM sales teams) in the given sales regions. */
  async inRegions(regions: readonly string[]): Promise<Set<string>> {
    const { region } = await this.org();
    return new Set([...region].filter(([, r]) => r !== null && regions.includes(r)).map(([id]) => id));
  }

  private async org() {
    if (this.tree && this.now() - this.tree.at < this.maxAgeMs) return this.tree;
    const call = { scope: UNRESTRICTED, trace: this.sink };
    const { routing } = this.runtime;
    const treeSource = routing.owner('Department', 'parent') ?? routing.home('Department');
    const regionSource = routing.owner('Department', 'region');
    const [units, teams] = await Promise.all([
      this.runtime.adapters.get(treeSource)!.fetch({ entity: 'Department' }, call),
      regionSource ? this.runtime.adapters.get(regionSource)!.fetch({ entity: 'Department' }, call) : [],
    ]);
    const toHub = (source: string, key: string) => this.runtime.keyMap.toHub('Department', source, key) ?? `${source}:${key}`;
    const parent = new Map(units.map((u) => [toHub(treeSource, u.key), u.parent === null || u.parent === undefined ? null : toHub(treeSource, String(u.parent))]));
    const region = new Map(teams.map((t) => [toHub(regionSource!, t.key), t.region === null || t.region === undefined ? null : String(t.region)]));
    this.tree = { at: this.now(), parent, region };
    return this.tree;
  }
}
