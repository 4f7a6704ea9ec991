import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { toMoney } from '../../src/values/decimal';
import { DirectSql, hubId } from '../support/direct-sql';
import { testCompany } from '../support/engines';
import { DEMO_SERVICE_KEY, type As } from '../support/hub-client';

/**
 * The expected answer for every viewer, computed without the hub: the policy file read as plain YAML and
 * its precedence rules re-implemented here; roles, org position and row scopes resolved with SQL run
 * directly on the HR and CRM databases; rows of every source read directly and filtered by that scope.
 */

type RowScope = 'all' | Record<string, string>;
export interface PolicyDoc {
  minimumGroupSize?: number;
  roles: Record<string, { rows: RowScope; individuals?: boolean }>;
  principals: { people?: Record<string, string[]>; byTitle?: Record<string, string[]>; everyPerson?: string[] };
  apiKeys?: Array<{ id: string; sha256: string; roles: string[] }>;
  fields: Record<string, Record<string, string>>;
  personalData?: { roles?: string[]; facts?: Record<string, { population: string; dimension: string }> };
}

const ROOT = join(__dirname, '..', '..');
export const POLICY = parseYaml(readFileSync(join(ROOT, 'models', 'demo', 'policy.yaml'), 'utf8')) as PolicyDoc;
export const MINIMUM_GROUP = POLICY.minimumGroupSize ?? 5;

const STRENGTH = (decision: string) => (decision === 'allow' ? 2 : decision.startsWith('mask:') ? 1 : 0);

/** The policy's field decision for a set of roles: the field's own entry, else its type's "*" entry; a
 *  role not named takes the entry's "*"; the most permissive decision over the roles; nothing → deny. */
export function decisionFor(type: string, field: string, roles: readonly string[]): string {
  const entry = POLICY.fields[`${type}.${field}`] ?? POLICY.fields[`${type}.*`];
  if (!entry) return 'deny';
  let best = 'deny';
  for (const role of roles) {
    const decision = entry[role] ?? entry['*'] ?? 'deny';
    if (STRENGTH(decision) > STRENGTH(best)) best = decision;
  }
  return best;
}

/** Who a case runs as: a demo user (employee hub id) or the demo service key. */
export interface Subject {
  label: string;
  as: As;
  employee: string | null;
}

/** The demo users of models/demo/demo-users.yaml who are still employed, plus the demo service key. */
export function demoSubjects(): Subject[] {
  const users = parseYaml(readFileSync(join(ROOT, 'models', 'demo', 'demo-users.yaml'), 'utf8')) as Array<{
    label: string;
    employee: string;
  }>;
  // Which demo users have left is a fact of the (deterministic) demo company; the oracle checks HR agrees.
  const left = new Set(
    testCompany()
      .employees.filter((e) => e.left !== null)
      .map((e) => e.id),
  );
  return [
    ...users
      .filter((u) => !left.has(u.employee))
      .map((u) => ({ label: `${u.employee} ${u.label}`, as: u.employee, employee: u.employee })),
    { label: 'service key (X-Api-Key)', as: { apiKey: DEMO_SERVICE_KEY }, employee: null },
  ];
}

/** A viewer as the policy and the databases say it should be. */
export interface Expected {
  roles: string[];
  individuals: boolean;
  all: boolean;
  /** Department hub ids in scope (every department when `all`). */
  departments: Set<string>;
  /** The employee (hub id) whose own records are in scope. */
  own: string | null;
}

export interface EmployeeRow {
  id: string;
  department: string;
  title: string;
  active: boolean;
  phone: string;
  idCardNo: string;
  bankAccount: string;
  monthlySalary: string;
}

export interface Owned {
  id: string;
  /** The owner (customer, supplier) hub id. */
  parent: string;
  /** The department hub id the row belongs to, or null. */
  department: string | null;
}

const Q4 = ['2025-10-01', '2026-01-01'] as const;
export const PERIOD_END = '2025-12-31';

export class AccessOracle {
  departments: string[] = [];
  /** Department → its parent in the HR org tree (null at the top). */
  parents = new Map<string, string | null>();
  employees: EmployeeRow[] = [];
  /** CRM accounts in key order, with the owning team's department. */
  customers: Array<{ id: string; department: string | null }> = [];
  contacts: Array<Owned & { phone: string; email: string }> = [];
  contracts: Owned[] = [];
  receivables: Owned[] = [];
  /** Vendors in key order. */
  suppliers: string[] = [];
  purchaseOrders: Owned[] = [];
  /** CRM sales-team departments. */
  salesTeams = new Set<string>();
  /** 2025-Q4, per department: CRM revenue, HR payroll cost, headcount at the period's end. */
  revenue = new Map<string, string>();
  payroll = new Map<string, string>();
  headcount = new Map<string, number>();
  /** 2025-Q4, per department: distinct employees paid (the people behind a payroll cell). */
  paidEmployees = new Map<string, number>();
  /** Departments with HR hire or leave rows up to the end of 2025-Q4 (what a headcount balance reads). */
  hrMembers = new Set<string>();
  /** Department hub id → HR org unit key. */
  private hrKey = new Map<string, string>();

  private constructor(private readonly direct: DirectSql) {}

  static async load(direct: DirectSql): Promise<AccessOracle> {
    const o = new AccessOracle(direct);
    const dep = (source: 'hr' | 'crm' | 'erp' | 'procurement', key: unknown) =>
      key === null ? null : hubId('Department', source, String(key));
    const [units, emps, teams, accounts, contacts, contracts, items, vendors, pos] = await Promise.all([
      direct.rows('hr', 'select org_id, parent_org_id from {s}.org_unit order by org_id'),
      direct.rows(
        'hr',
        `select emp_no, org_id, job_title, mobile, id_card_no, bank_account, base_salary,
                case when emp_status = 'ACTIVE' and (leave_date is null or leave_date > ?) then 1 else 0 end as active
           from {s}.employee order by emp_no`,
        [new Date().toISOString().slice(0, 10)],
      ),
      direct.rows('crm', 'select team_code from {s}.sales_team'),
      direct.rows('crm', 'select account_id, owner_team_code from {s}.account order by account_id'),
      direct.rows('crm', 'select contact_id, account_id, phone, email from {s}.contact'),
      direct.rows('crm', 'select contract_no, account_id, team_code from {s}.contract'),
      direct.rows('erp', 'select item_no, cust_no, cc_code from {s}.ar_open_item'),
      direct.rows('procurement', 'select vendor_id from {s}.vendor order by vendor_id'),
      direct.rows('procurement', 'select po_number, vendor_id, cost_center from {s}.purchase_order'),
    ]);
    o.departments = units.map((r) => dep('hr', r.org_id)!);
    o.parents = new Map(units.map((r) => [dep('hr', r.org_id)!, dep('hr', r.parent_org_id)]));
    o.hrKey = new Map(units.map((r) => [dep('hr', r.org_id)!, String(r.org_id)]));
    o.employees = emps.map((r) => ({
      id: hubId('Employee', 'hr', String(r.emp_no)),
      department: dep('hr', r.org_id)!,
      title: String(r.job_title),
      active: Number(r.active) === 1,
      phone: String(r.mobile),
      idCardNo: String(r.id_card_no),
      bankAccount: String(r.bank_account),
      monthlySalary: toMoney(String(r.base_salary)),
    }));
    o.salesTeams = new Set(teams.map((r) => dep('crm', r.team_code)!));
    o.customers = accounts.map((r) => ({
      id: hubId('Customer', 'crm', String(r.account_id)),
      department: dep('crm', r.owner_team_code),
    }));
    const customerOfAccount = (a: unknown) => hubId('Customer', 'crm', String(a));
    o.contacts = contacts.map((r) => ({
      id: String(r.contact_id),
      parent: customerOfAccount(r.account_id),
      department: null,
      phone: String(r.phone),
      email: String(r.email),
    }));
    o.contracts = contracts.map((r) => ({
      id: String(r.contract_no),
      parent: customerOfAccount(r.account_id),
      department: dep('crm', r.team_code),
    }));
    o.receivables = items.map((r) => ({
      id: String(r.item_no),
      parent: hubId('Customer', 'erp', String(r.cust_no)),
      department: dep('erp', r.cc_code),
    }));
    o.suppliers = vendors.map((r) => hubId('Supplier', 'procurement', String(r.vendor_id)));
    o.purchaseOrders = pos.map((r) => ({
      id: String(r.po_number),
      parent: hubId('Supplier', 'procurement', String(r.vendor_id)),
      department: dep('procurement', r.cost_center),
    }));

    const [revenue, payroll, headcount, members, paid] = await Promise.all([
      direct.moneyBy(
        'crm',
        'Department',
        'select team_code as k, sum(amount) as v from {s}.sales_order where order_date >= ? and order_date < ? group by team_code',
        [...Q4],
      ),
      direct.moneyBy(
        'hr',
        'Department',
        'select org_id as k, sum(total_cost) as v from {s}.payroll where pay_date >= ? and pay_date < ? group by org_id',
        [...Q4],
      ),
      direct.countBy(
        'hr',
        'Department',
        'select org_id as k, count(*) as v from {s}.employee where hire_date <= ? and (leave_date is null or leave_date > ?) group by org_id',
        [PERIOD_END, PERIOD_END],
      ),
      direct.rows('hr', 'select distinct org_id from {s}.employee where hire_date < ? or leave_date < ?', [
        Q4[1],
        Q4[1],
      ]),
      direct.countBy(
        'hr',
        'Department',
        'select org_id as k, count(distinct emp_no) as v from {s}.payroll where pay_date >= ? and pay_date < ? group by org_id',
        [...Q4],
      ),
    ]);
    o.paidEmployees = paid;
    o.revenue = revenue;
    o.payroll = payroll;
    o.headcount = headcount;
    o.hrMembers = new Set(members.map((r) => dep('hr', r.org_id)!));
    return o;
  }

  employee(id: string): EmployeeRow {
    const row = this.employees.find((e) => e.id === id);
    if (!row) throw new Error(`HR has no employee ${id}`);
    return row;
  }

  /** Roles from the policy (by id, by HR title, every employee) or the API key; the scope as their union. */
  async expected(subject: Subject): Promise<Expected> {
    let roles: string[];
    let home: string | null = null;
    if (subject.employee) {
      const row = this.employee(subject.employee);
      if (!row.active) throw new Error(`${subject.employee} is not an active employee in HR`);
      home = row.department;
      const p = POLICY.principals;
      roles = [
        ...new Set([
          ...(p.people?.[subject.employee] ?? []),
          ...(p.byTitle?.[row.title] ?? []),
          ...(p.everyPerson ?? []),
        ]),
      ];
    } else {
      const digest = createHash('sha256')
        .update((subject.as as { apiKey: string }).apiKey)
        .digest('hex');
      roles = POLICY.apiKeys?.find((k) => k.sha256 === digest)?.roles ?? [];
    }
    const departments = new Set<string>();
    let all = false;
    let own: string | null = null;
    for (const role of roles) {
      const rows = POLICY.roles[role]!.rows;
      if (rows === 'all') {
        all = true;
        continue;
      }
      // The demo policy's rule texts, each resolved here with its own SQL (an unknown text fails the oracle).
      for (const [entity, rule] of Object.entries(rows)) {
        const regions = /^region in \((.*)\)$/
          .exec(rule)?.[1]
          ?.split(',')
          .map((r) => r.trim().replace(/^'|'$/g, ''));
        let granted: string[] = [];
        if (entity === 'Employee' && rule === 'id = viewer.id') own = subject.employee;
        else if (entity === 'Department' && rule === 'none') granted = [];
        else if (entity === 'Department' && rule === 'id = viewer.unit') granted = home ? [home] : [];
        else if (entity === 'Department' && rule === 'id in subtree(viewer.unit)')
          granted = home ? await this.subtree(home) : [];
        else if (entity === 'Department' && regions) granted = await this.inRegions(regions);
        else throw new Error(`the access oracle cannot resolve roles.${role}.rows.${entity}: "${rule}"`);
        for (const d of granted) departments.add(d);
      }
    }
    return {
      roles,
      individuals: roles.some((r) => POLICY.roles[r]!.individuals === true),
      all,
      departments: all ? new Set(this.departments) : departments,
      own,
    };
  }

  /** The department and every unit below it: recursive over hr.org_unit.parent_org_id. */
  private async subtree(department: string): Promise<string[]> {
    const org = this.hrKey.get(department) ?? fail(`no HR org unit for ${department}`);
    const rows = await this.direct.rows(
      'hr',
      `with recursive sub (org_id) as (
         select org_id from {s}.org_unit where org_id = ?
         union all
         select u.org_id from {s}.org_unit u join sub on u.parent_org_id = sub.org_id
       ) select org_id from sub`,
      [org],
    );
    return rows.map((r) => hubId('Department', 'hr', String(r.org_id)));
  }

  /** The CRM sales teams of the regions, as departments through the key map. */
  private async inRegions(regions: string[]): Promise<string[]> {
    const rows = await this.direct.rows(
      'crm',
      `select team_code from {s}.sales_team where region in (${regions.map(() => '?').join(', ')})`,
      regions,
    );
    return rows.map((r) => hubId('Department', 'crm', String(r.team_code)));
  }
}

function fail(message: string): never {
  throw new Error(message);
}
