import type { Company } from './company';
import { TODAY, iso, money } from './calendar';
import { pad } from './random';
import { orgId } from './hr';
import { accountId } from './crm';
import type { DemoTables } from '../../../src/seed/definition';

export const ccCode = (n: number) => `CC-${1000 + n}`;
const custNo = (n: number) => `C${100000 + n}`;
export const matnr = (n: number) => `MAT-${pad(n, 5)}`;
const ACCOUNTS = [
  { acct_code: '5301', acct_name: '研发支出 R&D expenditure', acct_type: 'RND' },
  { acct_code: '6601', acct_name: '销售费用 Selling expenses', acct_type: 'EXPENSE' },
  { acct_code: '6602', acct_name: '管理费用 Administrative expenses', acct_type: 'EXPENSE' },
  { acct_code: '6605', acct_name: '差旅费 Travel', acct_type: 'EXPENSE' },
];

export const erpDemo: DemoTables<Company> = {
  createTables: (schema) =>
    schema
      .createTable('cost_center', (t) => {
        t.string('cc_code', 16).primary();
        t.string('cc_name', 100).notNullable();
        t.string('parent_cc_code', 16).nullable();
        t.string('company_code', 8).notNullable();
        // The HR org unit this cost centre books for, as an ERP keeps it (the crosswalk reads it).
        t.string('hr_org_id', 16).notNullable().unique();
      })
      .createTable('customer', (t) => {
        t.string('cust_no', 16).primary();
        t.string('cust_name', 120).notNullable();
        t.decimal('credit_limit', 16, 2).notNullable();
        // The CRM account this customer was created from, as an ERP keeps it (the crosswalk reads it).
        t.string('crm_account_id', 16).notNullable().unique();
      })
      .createTable('material', (t) => {
        t.string('matnr', 16).primary();
        t.string('descr', 100).notNullable();
        t.string('matl_group', 30).notNullable();
        t.decimal('std_cost', 14, 2).notNullable();
        t.decimal('list_price', 14, 2).notNullable();
      })
      .createTable('gl_account', (t) => {
        t.string('acct_code', 8).primary();
        t.string('acct_name', 80).notNullable();
        t.string('acct_type', 12).notNullable();
      })
      .createTable('gl_entry', (t) => {
        t.integer('entry_id').primary();
        t.string('cc_code', 16).notNullable();
        t.string('acct_code', 8).notNullable();
        t.date('posting_date').notNullable();
        t.decimal('amount', 16, 2).notNullable();
        t.index(['cc_code', 'posting_date']);
      })
      .createTable('budget', (t) => {
        t.integer('budget_id').primary();
        t.string('cc_code', 16).notNullable();
        t.string('fiscal_period', 6).notNullable();
        t.decimal('amount', 16, 2).notNullable();
        t.index(['cc_code', 'fiscal_period']);
      })
      .createTable('invoice', (t) => {
        t.string('inv_no', 16).primary();
        t.string('cust_no', 16).notNullable().index();
        t.string('cc_code', 16).notNullable();
        t.string('crm_order_ref', 16).notNullable();
        t.date('inv_date').notNullable();
        t.date('due_date').notNullable();
        t.decimal('amount', 16, 2).notNullable();
        t.decimal('cogs_amount', 16, 2).notNullable();
        t.index(['cc_code', 'inv_date']);
      })
      .createTable('receipt', (t) => {
        t.integer('receipt_id').primary();
        t.string('inv_no', 16).notNullable().index();
        t.string('cust_no', 16).notNullable();
        t.string('cc_code', 16).notNullable();
        t.date('receipt_date').notNullable();
        t.decimal('amount', 16, 2).notNullable();
        t.index(['cc_code', 'receipt_date']);
      })
      .createTable('ar_open_item', (t) => {
        t.string('item_no', 16).primary();
        t.string('inv_no', 16).notNullable();
        t.string('cust_no', 16).notNullable().index();
        t.string('cc_code', 16).notNullable();
        t.date('doc_date').notNullable();
        t.date('due_date').notNullable();
        t.decimal('open_amount', 16, 2).notNullable();
      }),

  rows: (c: Company) => {
    const paid = new Map<number, number>();
    for (const r of c.receipts) paid.set(r.invoice.n, (paid.get(r.invoice.n) ?? 0) + r.amountCents);
    return {
      cost_center: c.departments.map((d) => ({
        cc_code: ccCode(d.n),
        cc_name: d.name,
        parent_cc_code: d.parent ? ccCode(d.parent.n) : null,
        company_code: '1000',
        hr_org_id: orgId(d.n),
      })),
      customer: c.customers.map((cu) => ({
        cust_no: custNo(cu.n),
        cust_name: cu.name,
        credit_limit: money(cu.creditLimitCents),
        crm_account_id: accountId(cu.n),
      })),
      material: c.products.map((p) => ({
        matnr: matnr(p.n),
        descr: p.name,
        matl_group: p.category,
        std_cost: money(p.costCents),
        list_price: money(p.priceCents),
      })),
      gl_account: ACCOUNTS,
      gl_entry: c.expenses.map((e) => ({
        entry_id: e.n,
        cc_code: ccCode(e.department.n),
        acct_code: e.account,
        posting_date: iso(e.date),
        amount: money(e.amountCents),
      })),
      budget: c.budgets.map((b) => ({
        budget_id: b.n,
        cc_code: ccCode(b.department.n),
        fiscal_period: `${b.year}${pad(b.month, 2)}`,
        amount: money(b.amountCents),
      })),
      invoice: c.invoices.map((i) => ({
        inv_no: i.no,
        cust_no: custNo(i.order.customer.n),
        cc_code: ccCode(i.order.customer.team.n),
        crm_order_ref: `SO${pad(i.order.n, 8)}`,
        inv_date: iso(i.date),
        due_date: iso(i.due),
        amount: money(i.amountCents),
        cogs_amount: money(i.cogsCents),
      })),
      receipt: c.receipts.map((r) => ({
        receipt_id: r.n,
        inv_no: r.invoice.no,
        cust_no: custNo(r.invoice.order.customer.n),
        cc_code: ccCode(r.invoice.order.customer.team.n),
        receipt_date: iso(r.date),
        amount: money(r.amountCents),
      })),
      ar_open_item: c.invoices
        .filter((i) => i.date <= TODAY && i.amountCents - (paid.get(i.n) ?? 0) > 0)
        .map((i) => ({
          item_no: `AR${i.no.slice(3)}`,
          inv_no: i.no,
          cust_no: custNo(i.order.customer.n),
          cc_code: ccCode(i.order.customer.team.n),
          doc_date: iso(i.date),
          due_date: iso(i.due),
          open_amount: money(i.amountCents - (paid.get(i.n) ?? 0)),
        })),
    };
  },

  keyMap: (c: Company) => [
    ...c.departments.map((d) => ({ entity: 'Department' as const, hubId: d.id, sourceKey: ccCode(d.n) })),
    ...c.customers.map((cu) => ({ entity: 'Customer' as const, hubId: cu.id, sourceKey: custNo(cu.n) })),
    ...c.products.map((p) => ({ entity: 'Product' as const, hubId: p.id, sourceKey: matnr(p.n) })),
  ],
};
