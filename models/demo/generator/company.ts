import { Random, pad } from './random';
import { HISTORY_END, HISTORY_START, TODAY, day, daysInMonth, historyMonths, monthDay, type Day } from './calendar';

/**
 * The demo company in neutral terms (hub ids, cents, day numbers). Each source folder turns it into
 * its own native tables (models/demo/generator/<source>.ts), so every engine receives the same data.
 *
 * Scale factor 1: 30 departments in a 3-level tree, ~400 employees, 2,000 customers, ~20,000 orders
 * over 24 months. Everything grows linearly with the scale factor except the product catalogue.
 */
export interface Company {
  scale: number;
  departments: Department[];
  employees: Employee[];
  products: Product[];
  customers: Customer[];
  suppliers: Supplier[];
  orders: Order[];
  contracts: Contract[];
  invoices: Invoice[];
  receipts: Receipt[];
  payslips: Payslip[];
  expenses: Expense[];
  budgets: Budget[];
  purchaseOrders: PurchaseOrder[];
}

export type DivisionKind = 'sales' | 'rnd' | 'operations' | 'finance' | 'supply';
export interface Department {
  n: number;
  id: string;
  name: string;
  parent: Department | null;
  level: 1 | 2 | 3;
  kind: DivisionKind | 'hq';
  region: string | null;
  /** CRM sales team code, only for sales teams. */
  teamCode: string | null;
  head: Employee | null;
}
export interface Employee {
  n: number;
  id: string;
  name: string;
  department: Department;
  title: string;
  grade: number;
  hired: Day;
  left: Day | null;
  monthlyCents: number;
  idCard: string;
  bankAccount: string;
  mobile: string;
  manager: Employee | null;
}
export interface Product {
  n: number;
  id: string;
  name: string;
  category: string;
  costCents: number;
  priceCents: number;
}
export interface Customer {
  n: number;
  id: string;
  name: string;
  segment: string;
  industry: string;
  team: Department;
  created: Day;
  creditLimitCents: number;
  contacts: Array<{ n: number; name: string; phone: string; email: string }>;
}
export interface Supplier {
  n: number;
  id: string;
  name: string;
  category: string;
  region: string;
  rating: number;
}
export interface Order {
  n: number;
  customer: Customer;
  product: Product;
  date: Day;
  quantity: number;
  amountCents: number;
  contract: Contract | null;
}
export interface Contract {
  n: number;
  no: string;
  customer: Customer;
  signed: Day;
  starts: Day;
  ends: Day;
  valueCents: number;
}
export interface Invoice {
  n: number;
  no: string;
  order: Order;
  date: Day;
  due: Day;
  amountCents: number;
  cogsCents: number;
}
export interface Receipt {
  n: number;
  invoice: Invoice;
  date: Day;
  amountCents: number;
}
export interface Payslip {
  n: number;
  employee: Employee;
  department: Department;
  date: Day;
  grossCents: number;
  employerCents: number;
}
export interface Expense {
  n: number;
  department: Department;
  account: string;
  date: Day;
  amountCents: number;
}
export interface Budget {
  n: number;
  department: Department;
  year: number;
  month: number;
  amountCents: number;
}
export interface PurchaseOrder {
  n: number;
  no: string;
  supplier: Supplier;
  department: Department;
  date: Day;
  status: 'APPROVED' | 'RECEIVED' | 'CLOSED' | 'CANCELLED';
  lines: Array<{ line: number; product: Product; quantity: number; unitCents: number; listCents: number }>;
  promised: Day;
  delivered: Day | null;
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '晨',
];
const REGIONS = ['EAST', 'NORTH', 'SOUTH', 'WEST'];
const DIVISIONS: Array<{ kind: DivisionKind; name: string; leaves: string[] }> = [
  {
    kind: 'sales',
    name: 'Sales',
    leaves: ['Key Accounts', 'Channel', 'Public Sector', 'SMB', 'Online', 'Retail', 'Export', 'Services Sales'],
  },
  { kind: 'rnd', name: 'R&D', leaves: ['Platform', 'Applications', 'Data', 'QA', 'Design'] },
  { kind: 'operations', name: 'Operations', leaves: ['Manufacturing', 'Logistics', 'Customer Service', 'Facilities'] },
  { kind: 'finance', name: 'Finance & Admin', leaves: ['Accounting', 'Treasury', 'HR', 'Legal'] },
  { kind: 'supply', name: 'Supply Chain', leaves: ['Sourcing', 'Purchasing', 'Warehouse'] },
];
const SEGMENTS = ['ENTERPRISE', 'SMB', 'SMB', 'PUBLIC'];
const INDUSTRIES = ['Manufacturing', 'Retail', 'Finance', 'Energy', 'Healthcare', 'Education', 'Logistics', 'Telecom'];
const PRODUCT_CATEGORIES = ['Hardware', 'Software', 'Services', 'Consumables'];
const SUPPLIER_CATEGORIES = ['IT', 'Office', 'Raw Material', 'Logistics', 'Services'];
export const EXPENSE_ACCOUNTS = ['6601', '6602', '6605', '5301'];

export function generateCompany(scale = 1): Company {
  if (!Number.isInteger(scale) || scale < 1)
    throw new Error(`scale factor must be a whole number ≥ 1, received ${scale}`);
  const departments = makeDepartments(scale);
  const employees = makeEmployees(departments);
  const products = makeProducts();
  const customers = makeCustomers(scale, departments);
  const suppliers = makeSuppliers(scale);
  const { orders, contracts } = makeOrders(customers, products);
  const { invoices, receipts } = makeInvoices(orders);
  return {
    scale,
    departments,
    employees,
    products,
    customers,
    suppliers,
    orders,
    contracts,
    invoices,
    receipts,
    payslips: makePayslips(employees),
    ...makeExpensesAndBudgets(departments),
    purchaseOrders: makePurchaseOrders(scale, departments, suppliers, products),
  };
}

function makeDepartments(scale: number): Department[] {
  const out: Department[] = [];
  const add = (d: Omit<Department, 'n' | 'id' | 'head'>) => {
    const n = out.length + 1;
    const dep: Department = { ...d, n, id: `D${pad(n, 4)}`, head: null };
    out.push(dep);
    return dep;
  };
  const root = add({ name: 'Headquarters', parent: null, level: 1, kind: 'hq', region: null, teamCode: null });
  let team = 0;
  for (let copy = 1; copy <= scale; copy++) {
    for (const div of DIVISIONS) {
      const suffix = scale > 1 ? ` ${copy}` : '';
      const division = add({
        name: `${div.name}${suffix}`,
        parent: root,
        level: 2,
        kind: div.kind,
        region: null,
        teamCode: null,
      });
      for (const leaf of div.leaves) {
        const region = div.kind === 'sales' ? REGIONS[team % REGIONS.length]! : null;
        const teamCode = div.kind === 'sales' ? `T-${region}-${++team}` : null;
        add({ name: `${leaf}${suffix}`, parent: division, level: 3, kind: div.kind, region, teamCode });
      }
    }
  }
  return out;
}

function makeEmployees(departments: Department[]): Employee[] {
  const rnd = new Random('employees');
  const out: Employee[] = [];
  for (const dep of departments) {
    const size = dep.level === 3 ? rnd.int(8, 22) : dep.level === 2 ? 3 : 5;
    for (let i = 0; i < size; i++) {
      const n = out.length + 1;
      const head = i === 0;
      const grade = head ? rnd.int(7, 9) : rnd.int(1, 6);
      const hired = rnd.chance(0.7)
        ? rnd.int(day('2015-01-01'), HISTORY_START - 1)
        : rnd.int(HISTORY_START, HISTORY_END - 30);
      const left = !head && rnd.chance(0.12) ? Math.min(HISTORY_END, hired + rnd.int(60, 900)) : null;
      const birth = `${rnd.int(1965, 2002)}${pad(rnd.int(1, 12), 2)}${pad(rnd.int(1, 28), 2)}`;
      const employee: Employee = {
        n,
        id: `EMP-${pad(n, 6)}`,
        name: rnd.pick(SURNAMES) + rnd.pick(GIVEN),
        department: dep,
        title: head ? 'Head' : rnd.pick(['Specialist', 'Senior Specialist', 'Engineer', 'Analyst', 'Manager']),
        grade,
        hired,
        left: left !== null && left > hired && left <= TODAY ? left : null,
        monthlyCents: (6000 + grade * 3500 + rnd.int(0, 2500)) * 100,
        idCard: `310${rnd.digits(3)}${birth}${rnd.digits(3)}${rnd.pick(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'])}`,
        bankAccount: `6222${rnd.digits(15)}`,
        mobile: `13${rnd.digits(9)}`,
        manager: null,
      };
      if (head) dep.head = employee;
      out.push(employee);
    }
  }
  for (const e of out) {
    const head = e.department.head;
    e.manager = head && head !== e ? head : (e.department.parent?.head ?? null);
  }
  return out;
}

function makeProducts(): Product[] {
  const rnd = new Random('products');
  return Array.from({ length: 40 }, (_, i) => {
    const costCents = rnd.int(50, 5000) * 100;
    return {
      n: i + 1,
      id: `PRD-${pad(i + 1, 4)}`,
      name: `${rnd.pick(PRODUCT_CATEGORIES)} item ${i + 1}`,
      category: PRODUCT_CATEGORIES[i % PRODUCT_CATEGORIES.length]!,
      costCents,
      priceCents: Math.round((costCents * rnd.int(120, 190)) / 100),
    };
  });
}

function makeCustomers(scale: number, departments: Department[]): Customer[] {
  const rnd = new Random('customers');
  const teams = departments.filter((d) => d.teamCode);
  return Array.from({ length: 2000 * scale }, (_, i) => {
    const n = i + 1;
    const contacts = Array.from({ length: rnd.int(1, 3) }, (_, c) => ({
      n: n * 10 + c,
      name: rnd.pick(SURNAMES) + rnd.pick(GIVEN),
      phone: `1${rnd.pick(['38', '39', '50', '86', '88'])}${rnd.digits(8)}`,
      email: `contact${n}_${c}@customer${n}.example`,
    }));
    return {
      n,
      id: `CUS-${pad(n, 7)}`,
      name: `${rnd.pick(['华', '盛', '恒', '东', '新', '联', '中', '宏'])}${rnd.pick(['泰', '远', '达', '信', '源', '科'])} ${rnd.pick(INDUSTRIES)} Co. ${n}`,
      segment: rnd.pick(SEGMENTS),
      industry: rnd.pick(INDUSTRIES),
      team: rnd.pick(teams),
      created: rnd.int(day('2018-01-01'), HISTORY_END - 200),
      creditLimitCents: rnd.int(5, 500) * 10_000_00,
      contacts,
    };
  });
}

function makeSuppliers(scale: number): Supplier[] {
  const rnd = new Random('suppliers');
  return Array.from({ length: 100 * scale }, (_, i) => ({
    n: i + 1,
    id: `SUP-${pad(i + 1, 6)}`,
    name: `${rnd.pick(['华', '鑫', '金', '永', '安'])}${rnd.pick(['诚', '达', '丰', '利'])} Supply ${i + 1}`,
    category: rnd.pick(SUPPLIER_CATEGORIES),
    region: rnd.pick(REGIONS),
    rating: rnd.int(1, 5),
  }));
}

function makeOrders(customers: Customer[], products: Product[]) {
  const rnd = new Random('orders');
  const orders: Order[] = [];
  const contracts: Contract[] = [];
  for (const customer of customers) {
    const firstDay = Math.max(customer.created, HISTORY_START);
    let contract: Contract | null = null;
    if (rnd.chance(0.5)) {
      const signed = rnd.int(firstDay, HISTORY_END - 30);
      contract = {
        n: contracts.length + 1,
        no: `K${pad(contracts.length + 1, 7)}`,
        customer,
        signed,
        starts: signed + rnd.int(0, 30),
        ends: signed + 365 * rnd.int(1, 3),
        valueCents: rnd.int(50, 2000) * 1000_00,
      };
      contracts.push(contract);
    }
    const count = rnd.int(4, 16);
    for (let i = 0; i < count; i++) {
      const product = rnd.pick(products);
      const quantity = rnd.int(1, 40);
      const discount = rnd.int(80, 100);
      const date = rnd.int(firstDay, HISTORY_END);
      orders.push({
        n: orders.length + 1,
        customer,
        product,
        date,
        quantity,
        amountCents: Math.round((product.priceCents * quantity * discount) / 100),
        contract: contract && date >= contract.signed ? contract : null,
      });
    }
  }
  return { orders, contracts };
}

function makeInvoices(orders: Order[]) {
  const rnd = new Random('invoices');
  const invoices: Invoice[] = [];
  const receipts: Receipt[] = [];
  for (const order of orders) {
    const date = order.date + rnd.int(0, 10);
    if (date > TODAY) continue;
    const invoice: Invoice = {
      n: invoices.length + 1,
      no: `INV${pad(invoices.length + 1, 9)}`,
      order,
      date,
      due: date + rnd.pick([30, 30, 60, 90]),
      amountCents: order.amountCents,
      cogsCents: order.product.costCents * order.quantity,
    };
    invoices.push(invoice);
    const roll = rnd.next();
    const paidOn = invoice.due + rnd.int(-20, 25);
    if (roll < 0.82 && paidOn <= TODAY) {
      receipts.push({ n: receipts.length + 1, invoice, date: paidOn, amountCents: invoice.amountCents });
    } else if (roll < 0.92 && paidOn <= TODAY) {
      const part = Math.round(invoice.amountCents * (rnd.int(20, 80) / 100));
      receipts.push({ n: receipts.length + 1, invoice, date: paidOn, amountCents: part });
    }
  }
  return { invoices, receipts };
}

function makePayslips(employees: Employee[]): Payslip[] {
  const out: Payslip[] = [];
  for (const [y, m] of historyMonths()) {
    const payday = monthDay(y, m, 25);
    for (const e of employees) {
      if (e.hired > payday || (e.left !== null && e.left <= payday)) continue;
      const gross = y === 2025 ? Math.round(e.monthlyCents * 1.05) : e.monthlyCents;
      out.push({
        n: out.length + 1,
        employee: e,
        department: e.department,
        date: payday,
        grossCents: gross,
        employerCents: Math.round(gross * 0.3),
      });
    }
  }
  return out;
}

function makeExpensesAndBudgets(departments: Department[]) {
  const rnd = new Random('expenses');
  const expenses: Expense[] = [];
  const budgets: Budget[] = [];
  for (const dep of departments) {
    const base = (dep.level === 3 ? rnd.int(40, 160) : rnd.int(10, 40)) * 1000_00;
    for (const [y, m] of historyMonths()) {
      const entries = rnd.int(2, 6);
      for (let i = 0; i < entries; i++) {
        const amountCents = Math.round((base / entries) * (rnd.int(60, 140) / 100));
        const account = dep.kind === 'rnd' && rnd.chance(0.6) ? '5301' : rnd.pick(EXPENSE_ACCOUNTS.slice(0, 3));
        expenses.push({
          n: expenses.length + 1,
          department: dep,
          account,
          date: monthDay(y, m, rnd.int(1, daysInMonth(y, m))),
          amountCents,
        });
      }
      budgets.push({
        n: budgets.length + 1,
        department: dep,
        year: y,
        month: m,
        amountCents: Math.round(base * (rnd.int(90, 115) / 100)),
      });
    }
  }
  return { expenses, budgets };
}

function makePurchaseOrders(
  scale: number,
  departments: Department[],
  suppliers: Supplier[],
  products: Product[],
): PurchaseOrder[] {
  const rnd = new Random('purchase-orders');
  const requesters = departments.filter((d) => d.level === 3);
  return Array.from({ length: 3000 * scale }, (_, i) => {
    const date = rnd.int(HISTORY_START, HISTORY_END);
    const lines = Array.from({ length: rnd.int(1, 4) }, (_, l) => {
      const product = rnd.pick(products);
      const listCents = product.costCents;
      return {
        line: l + 1,
        product,
        quantity: rnd.int(1, 50),
        unitCents: Math.round((listCents * rnd.int(85, 100)) / 100),
        listCents,
      };
    });
    const promised = date + rnd.int(7, 30);
    const cancelled = rnd.chance(0.04);
    const delivered =
      cancelled || promised > TODAY + 10 ? null : promised + (rnd.chance(0.8) ? rnd.int(-5, 0) : rnd.int(1, 20));
    const status = cancelled
      ? 'CANCELLED'
      : delivered === null || delivered > TODAY
        ? 'APPROVED'
        : rnd.chance(0.5)
          ? 'CLOSED'
          : 'RECEIVED';
    return {
      n: i + 1,
      no: `PO${pad(i + 1, 8)}`,
      supplier: rnd.pick(suppliers),
      department: rnd.pick(requesters),
      date,
      status,
      lines,
      promised,
      delivered: delivered !== null && delivered <= TODAY ? delivered : null,
    };
  });
}

/** Total of a purchase order in cents (sum of its lines). */
export const poTotalCents = (po: PurchaseOrder): number => po.lines.reduce((s, l) => s + l.quantity * l.unitCents, 0);
