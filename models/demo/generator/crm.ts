import type { Company } from './company';
import { iso, money } from './calendar';
import { pad } from './random';
import type { DemoTables } from '../../../src/seed/definition';

export const accountId = (n: number) => `A${pad(n, 7)}`;
const productCode = (n: number) => `P-${1000 + n}`;
const orderNo = (n: number) => `SO${pad(n, 8)}`;
const STAGES = ['PROSPECT', 'QUALIFIED', 'PROPOSAL', 'WON', 'LOST'];

export const crmDemo: DemoTables<Company> = {
  createTables: (schema) =>
    schema
      .createTable('sales_team', (t) => {
        t.string('team_code', 16).primary();
        t.string('team_name', 100).notNullable();
        t.string('region', 8).notNullable();
      })
      // The CRM's cross-reference of its sales teams to the company's department ids (the crosswalk reads it).
      .createTable('team_xref', (t) => {
        t.string('team_code', 16).primary();
        t.string('department_id', 16).notNullable();
      })
      .createTable('account', (t) => {
        t.string('account_id', 16).primary();
        t.string('account_name', 120).notNullable();
        t.string('segment', 16).notNullable();
        t.string('industry', 30).notNullable();
        t.string('region', 8).notNullable();
        t.string('owner_team_code', 16).notNullable().index();
        t.date('created_at').notNullable();
      })
      .createTable('contact', (t) => {
        t.integer('contact_id').primary();
        t.string('account_id', 16).notNullable().index();
        t.string('contact_name', 60).notNullable();
        t.string('phone', 20).notNullable();
        t.string('email', 80).notNullable();
      })
      .createTable('opportunity', (t) => {
        t.integer('opp_id').primary();
        t.string('account_id', 16).notNullable().index();
        t.string('team_code', 16).notNullable();
        t.string('stage', 12).notNullable();
        t.decimal('amount', 16, 2).notNullable();
        t.date('expected_close').notNullable();
      })
      .createTable('contract', (t) => {
        t.string('contract_no', 16).primary();
        t.string('account_id', 16).notNullable().index();
        t.string('team_code', 16).notNullable();
        t.date('signed_date').notNullable();
        t.date('start_date').notNullable();
        t.date('end_date').notNullable();
        t.decimal('total_value', 16, 2).notNullable();
      })
      .createTable('sales_order', (t) => {
        t.string('order_no', 16).primary();
        t.string('account_id', 16).notNullable().index();
        t.string('team_code', 16).notNullable();
        t.string('contract_no', 16).nullable();
        t.date('order_date').notNullable();
        t.string('product_code', 16).notNullable();
        t.integer('quantity').notNullable();
        t.decimal('amount', 16, 2).notNullable();
        t.index(['team_code', 'order_date']);
      })
      .createTable('payment', (t) => {
        t.integer('payment_id').primary();
        t.string('account_id', 16).notNullable().index();
        t.string('team_code', 16).notNullable();
        t.date('received_date').notNullable();
        t.decimal('amount', 16, 2).notNullable();
        t.index(['team_code', 'received_date']);
      }),

  rows: (c: Company) => ({
    sales_team: c.departments
      .filter((d) => d.teamCode)
      .map((d) => ({ team_code: d.teamCode!, team_name: d.name, region: d.region! })),
    team_xref: c.departments.filter((d) => d.teamCode).map((d) => ({ team_code: d.teamCode!, department_id: d.id })),
    account: c.customers.map((cu) => ({
      account_id: accountId(cu.n),
      account_name: cu.name,
      segment: cu.segment,
      industry: cu.industry,
      region: cu.team.region!,
      owner_team_code: cu.team.teamCode!,
      created_at: iso(cu.created),
    })),
    contact: c.customers.flatMap((cu) =>
      cu.contacts.map((ct) => ({
        contact_id: ct.n,
        account_id: accountId(cu.n),
        contact_name: ct.name,
        phone: ct.phone,
        email: ct.email,
      })),
    ),
    opportunity: c.contracts.map((k) => ({
      opp_id: k.n,
      account_id: accountId(k.customer.n),
      team_code: k.customer.team.teamCode!,
      stage: STAGES[k.n % STAGES.length]!,
      amount: money(k.valueCents),
      expected_close: iso(k.signed),
    })),
    contract: c.contracts.map((k) => ({
      contract_no: k.no,
      account_id: accountId(k.customer.n),
      team_code: k.customer.team.teamCode!,
      signed_date: iso(k.signed),
      start_date: iso(k.starts),
      end_date: iso(k.ends),
      total_value: money(k.valueCents),
    })),
    sales_order: c.orders.map((o) => ({
      order_no: orderNo(o.n),
      account_id: accountId(o.customer.n),
      team_code: o.customer.team.teamCode!,
      contract_no: o.contract?.no ?? null,
      order_date: iso(o.date),
      product_code: productCode(o.product.n),
      quantity: o.quantity,
      amount: money(o.amountCents),
    })),
    payment: c.receipts.map((r) => ({
      payment_id: r.n,
      account_id: accountId(r.invoice.order.customer.n),
      team_code: r.invoice.order.customer.team.teamCode!,
      received_date: iso(r.date),
      amount: money(r.amountCents),
    })),
  }),

  keyMap: (c: Company) => [
    ...c.departments
      .filter((d) => d.teamCode)
      .map((d) => ({ entity: 'Department' as const, hubId: d.id, sourceKey: d.teamCode! })),
    ...c.customers.map((cu) => ({ entity: 'Customer' as const, hubId: cu.id, sourceKey: accountId(cu.n) })),
    ...c.products.map((p) => ({ entity: 'Product' as const, hubId: p.id, sourceKey: productCode(p.n) })),
  ],
};
