import type { SqlSourceMapping } from '../sql/mapping';

/** ERP (财务/ERP): cost centres, customers, materials, GL expense entries, budgets, AR invoices and receipts. */
export const erpMapping: SqlSourceMapping = {
  entities: {
    Department: { table: 'cost_center', key: 'cc_code', fields: { name: 'cc_name' }, scope: { column: 'cc_code' } },
    Customer: { table: 'customer', key: 'cust_no', fields: { creditLimit: 'credit_limit' } },
    Product: {
      table: 'material',
      key: 'matnr',
      fields: { name: 'descr', category: 'matl_group', standardCost: 'std_cost', listPrice: 'list_price' },
    },
    Receivable: {
      table: 'ar_open_item',
      key: 'item_no',
      fields: {
        customer: 'cust_no',
        department: 'cc_code',
        invoiceNo: 'inv_no',
        issuedOn: 'doc_date',
        dueOn: 'due_date',
        openAmount: 'open_amount',
      },
      scope: { column: 'cc_code' },
      orderBy: 'dueOn',
    },
  },
  facts: {
    expense: {
      table: 'gl_entry',
      time: { column: 'posting_date' },
      dimensions: {
        department: { column: 'cc_code', entity: 'Department' },
        account: { column: 'acct_code' },
      },
      measures: {
        actualExpense: { agg: 'sum', column: 'amount', type: 'decimal' },
        rndExpense: { agg: 'sum', column: 'amount', filter: { acct_code: ['5301'] }, type: 'decimal' },
      },
    },
    budget: {
      table: 'budget',
      time: { column: 'fiscal_period', format: 'yyyymm' },
      dimensions: { department: { column: 'cc_code', entity: 'Department' } },
      measures: { budget: { agg: 'sum', column: 'amount', type: 'decimal' } },
    },
    invoice: {
      table: 'invoice',
      time: { column: 'inv_date' },
      dimensions: {
        department: { column: 'cc_code', entity: 'Department' },
        customer: { column: 'cust_no', entity: 'Customer' },
      },
      measures: {
        invoicedRevenue: { agg: 'sum', column: 'amount', type: 'decimal' },
        cogs: { agg: 'sum', column: 'cogs_amount', type: 'decimal' },
        invoiceCount: { agg: 'count', type: 'int' },
      },
    },
    receipt: {
      table: 'receipt',
      time: { column: 'receipt_date' },
      dimensions: {
        department: { column: 'cc_code', entity: 'Department' },
        customer: { column: 'cust_no', entity: 'Customer' },
      },
      measures: { cashReceived: { agg: 'sum', column: 'amount', type: 'decimal' } },
    },
  },
};
