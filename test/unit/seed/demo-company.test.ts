import { createHash } from 'node:crypto';
import { KeyMap } from '../../../src/keys/keymap';
import type { EntityName } from '../../../src/model/entities';
import { generateCompany, type Company } from '../../../models/demo/generator/company';
import { demoKeyMap } from '../../../models/demo/generator/keymap';
import type { DemoTables, NativeRow } from '../../../src/seed/definition';
import { SOURCES, SOURCE_NAMES, type SourceName } from '../../support/demo-model';
import { thrown } from '../thrown';

type Tables = Record<string, NativeRow[]>;
const nativeTables = (company: Company) =>
  Object.fromEntries(SOURCE_NAMES.map((source) => [source, SOURCES[source].demo.rows(company)])) as Record<
    SourceName,
    Tables
  >;

const company = generateCompany(1);
const native = nativeTables(company);
const { crm, erp, hr, procurement } = native;

const MONEY = /^-?\d+\.\d{2}$/;
/** Exact cents of a money string such as "-12.30" (checked to have two places first). */
function cents(value: unknown): bigint {
  if (typeof value !== 'string' || !MONEY.test(value)) throw new Error(`not a money string: ${JSON.stringify(value)}`);
  return BigInt(value.replace('.', ''));
}

/** Sum of `money` per `key` value, in cents. */
function sumBy(rows: NativeRow[], key: string, money: string): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const r of rows) sums.set(String(r[key]), (sums.get(String(r[key])) ?? 0n) + cents(r[money]));
  return sums;
}

/** The DECIMAL(p, 2) columns of each table, read by running `createTables` against a stand-in that records them. */
function moneyColumns(demo: DemoTables): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const chain: object = new Proxy({}, { get: () => () => chain }); // .notNullable(), .index(), ...
  const schema = {
    createTable(table: string, build: (t: object) => void) {
      const columns: string[] = [];
      build(
        new Proxy(
          {},
          {
            get: (_target, method) => (name: unknown, _precision?: number, scale?: number) => {
              if (method === 'decimal' && scale === 2) columns.push(String(name));
              return chain;
            },
          },
        ),
      );
      found.set(table, columns);
      return schema;
    },
  };
  demo.createTables(schema as unknown as Parameters<DemoTables['createTables']>[0]);
  return found;
}

describe('the demo company is deterministic and scales linearly', () => {
  const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
  const digests = (c: Company) => ({
    keyMap: sha256(demoKeyMap(c)),
    ...Object.fromEntries(
      Object.entries(nativeTables(c)).flatMap(([source, tables]) =>
        Object.entries(tables).map(([table, rows]) => [`${source}.${table}`, sha256(rows)]),
      ),
    ),
  });

  test('two runs at scale 1 give identical native rows in every source table, and the same key map', () => {
    const first = digests(company);
    expect(Object.keys(first)).toHaveLength(
      1 + Object.values(native).reduce((n, tables) => n + Object.keys(tables).length, 0),
    );
    expect(digests(generateCompany(1))).toEqual(first);
  });

  describe('scale 2 has about twice as much as scale 1', () => {
    let scale2: Company;
    beforeAll(() => {
      scale2 = generateCompany(2);
    });
    test.each<[string, (c: Company) => number]>([
      ['departments', (c) => c.departments.length],
      ['employees', (c) => c.employees.length],
      ['customers', (c) => c.customers.length],
      ['orders', (c) => c.orders.length],
      ['suppliers', (c) => c.suppliers.length],
      ['purchase orders', (c) => c.purchaseOrders.length],
    ])('%s', (_what, count) => {
      const ratio = count(scale2) / count(company);
      expect(ratio).toBeGreaterThan(1.8);
      expect(ratio).toBeLessThan(2.2);
    });
  });

  test.each([0, 1.5, -1, Number.NaN])('scale %p is refused with a clear message', (scale) => {
    expect(thrown(() => generateCompany(scale)).message).toBe(
      `scale factor must be a whole number ≥ 1, received ${scale}`,
    );
  });
});

describe('money', () => {
  test.each(SOURCE_NAMES)('%s: every DECIMAL(p, 2) value is a string with exactly two decimals', (source) => {
    const columns = moneyColumns(SOURCES[source].demo);
    const tables = native[source];
    expect([...columns.keys()].sort()).toEqual(Object.keys(tables).sort());
    expect([...columns.values()].flat().length).toBeGreaterThan(0);
    const offenders: string[] = [];
    for (const [table, names] of columns) {
      for (const r of tables[table]!) {
        for (const name of names) {
          const value = r[name];
          if (typeof value !== 'string' || !MONEY.test(value))
            offenders.push(`${table}.${name} = ${JSON.stringify(value)}`);
        }
      }
    }
    expect(offenders.slice(0, 5)).toEqual([]);
  });

  test('procurement: each purchase order total is the exact sum of its lines, and each line is qty × unit price', () => {
    const lineTotals = sumBy(procurement.po_line!, 'po_number', 'line_amount');
    const wrongLines = procurement.po_line!.filter(
      (l) => cents(l.line_amount) !== BigInt(Number(l.qty)) * cents(l.unit_price),
    );
    expect(wrongLines).toEqual([]);
    const wrongTotals = procurement.purchase_order!.filter(
      (po) => cents(po.total_amount) !== lineTotals.get(String(po.po_number)),
    );
    expect(wrongTotals).toEqual([]);
  });

  test('procurement: a supplier invoice bills its purchase order total', () => {
    const totals = new Map(procurement.purchase_order!.map((po) => [po.po_number, po.total_amount]));
    expect(procurement.supplier_invoice!.length).toBeGreaterThan(0);
    expect(procurement.supplier_invoice!.filter((inv) => inv.amount !== totals.get(inv.po_number))).toEqual([]);
  });

  test('ERP: an open receivable is the invoice amount minus its receipts, is positive, and exists for every unpaid invoice', () => {
    const invoiced = sumBy(erp.invoice!, 'inv_no', 'amount');
    const received = sumBy(erp.receipt!, 'inv_no', 'amount');
    const outstanding = (invNo: string) => invoiced.get(invNo)! - (received.get(invNo) ?? 0n);
    const wrong = erp.ar_open_item!.filter((item) => cents(item.open_amount) !== outstanding(String(item.inv_no)));
    expect(wrong).toEqual([]);
    expect(erp.ar_open_item!.filter((item) => cents(item.open_amount) <= 0n)).toEqual([]);
    const overpaid = [...invoiced.keys()].filter((invNo) => outstanding(invNo) < 0n);
    expect(overpaid).toEqual([]);
    const unpaid = [...invoiced.keys()].filter((invNo) => outstanding(invNo) > 0n);
    expect(erp.ar_open_item!.map((item) => item.inv_no).sort()).toEqual(unpaid.sort());
  });

  test('ERP invoices bill exactly the CRM sales order they refer to', () => {
    const orders = new Map(crm.sales_order!.map((o) => [o.order_no, o.amount]));
    expect(erp.invoice!.filter((inv) => inv.amount !== orders.get(inv.crm_order_ref))).toEqual([]);
  });
});

describe('HR', () => {
  test('30 org units in a 3-level tree under one root at scale 1', () => {
    const units = new Map(hr.org_unit!.map((u) => [u.org_id, u]));
    expect(units.size).toBe(30);
    expect(hr.org_unit!.filter((u) => u.parent_org_id === null).map((u) => u.org_level)).toEqual([1]);
    expect(new Set(hr.org_unit!.map((u) => u.org_level))).toEqual(new Set([1, 2, 3]));
    const misplaced = hr.org_unit!.filter(
      (u) => u.parent_org_id !== null && units.get(u.parent_org_id)?.org_level !== Number(u.org_level) - 1,
    );
    expect(misplaced).toEqual([]);
  });

  test("every employee's org unit and manager exist", () => {
    const orgIds = new Set(hr.org_unit!.map((u) => u.org_id));
    const empNos = new Set(hr.employee!.map((e) => e.emp_no));
    expect(hr.employee!.filter((e) => !orgIds.has(e.org_id))).toEqual([]);
    expect(hr.employee!.filter((e) => e.manager_emp_no !== null && !empNos.has(e.manager_emp_no))).toEqual([]);
  });

  test('payroll has one row for each month an employee was employed on payday (the 25th), and no others', () => {
    const paydays = [2024, 2025].flatMap((y) =>
      Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}-25`),
    );
    const paid = new Map<string, string[]>();
    for (const p of hr.payroll!)
      paid.set(String(p.emp_no), [...(paid.get(String(p.emp_no)) ?? []), String(p.pay_date)]);
    const employedOn = (e: NativeRow) =>
      paydays.filter((d) => String(e.hire_date) <= d && (e.leave_date === null || d < String(e.leave_date)));
    const expected = Object.fromEntries(hr.employee!.map((e) => [e.emp_no, employedOn(e)]));
    const actual = Object.fromEntries(hr.employee!.map((e) => [e.emp_no, paid.get(String(e.emp_no)) ?? []]));
    expect(actual).toEqual(expected);
    expect(hr.payroll!.filter((p) => !(String(p.emp_no) in expected))).toEqual([]);
  });

  test("payroll total cost is gross pay plus the employer's contribution, to the cent", () => {
    expect(hr.payroll!.filter((p) => cents(p.total_cost) !== cents(p.gross_pay) + cents(p.employer_contrib))).toEqual(
      [],
    );
  });
});

describe('the demo key map', () => {
  const keyMap = new KeyMap(demoKeyMap(company));

  test('is one-to-one per entity and source (KeyMap accepts it)', () => {
    expect(keyMap.size).toBe(demoKeyMap(company).length);
  });

  test.each<[SourceName, string, string, EntityName]>([
    ['crm', 'account', 'account_id', 'Customer'],
    ['crm', 'sales_team', 'team_code', 'Department'],
    ['erp', 'customer', 'cust_no', 'Customer'],
    ['erp', 'cost_center', 'cc_code', 'Department'],
    ['erp', 'material', 'matnr', 'Product'],
    ['hr', 'org_unit', 'org_id', 'Department'],
    ['hr', 'employee', 'emp_no', 'Employee'],
    ['procurement', 'vendor', 'vendor_id', 'Supplier'],
  ])('%s.%s: every %s maps to a hub %s', (source, table, column, entity) => {
    const rows = native[source][table]!;
    const unmapped = rows.filter((r) => keyMap.toHub(entity, source, String(r[column])) === undefined);
    expect(unmapped.map((r) => r[column])).toEqual([]);
    expect(rows.length).toBeGreaterThan(0);
  });

  test('a customer has the same name in CRM and ERP', () => {
    const erpNames = new Map(
      erp.customer!.map((c) => [keyMap.toHub('Customer', 'erp', String(c.cust_no)), c.cust_name]),
    );
    const differing = crm.account!.filter(
      (a) => erpNames.get(keyMap.toHub('Customer', 'crm', String(a.account_id))) !== a.account_name,
    );
    expect(differing).toEqual([]);
  });
});
