import type { SqlSourceMapping } from '../sql/mapping';

/** CRM (客户关系): sales teams, accounts, contacts, opportunities, contracts, orders, payments. */
export const crmMapping: SqlSourceMapping = {
  entities: {
    Department: {
      table: 'sales_team',
      key: 'team_code',
      fields: { name: 'team_name', region: 'region' },
      scope: { column: 'team_code' },
    },
    Customer: {
      table: 'account',
      key: 'account_id',
      fields: {
        name: 'account_name',
        segment: 'segment',
        industry: 'industry',
        region: 'region',
        salesDepartment: 'owner_team_code',
        createdOn: 'created_at',
      },
      scope: { column: 'owner_team_code' },
    },
    Contact: {
      table: 'contact',
      key: 'contact_id',
      fields: { customer: 'account_id', name: 'contact_name', phone: 'phone', email: 'email' },
      scope: { through: { table: 'account', localColumn: 'account_id', foreignKey: 'account_id', column: 'owner_team_code' } },
    },
    Contract: {
      table: 'contract',
      key: 'contract_no',
      fields: {
        customer: 'account_id',
        department: 'team_code',
        signedOn: 'signed_date',
        startsOn: 'start_date',
        endsOn: 'end_date',
        value: 'total_value',
      },
      scope: { column: 'team_code' },
    },
    Order: {
      table: 'sales_order',
      key: 'order_no',
      fields: {
        customer: 'account_id',
        department: 'team_code',
        product: 'product_code',
        orderedOn: 'order_date',
        quantity: 'quantity',
        amount: 'amount',
      },
      scope: { column: 'team_code' },
      orderBy: 'orderedOn',
    },
  },
  facts: {
    orders: {
      table: 'sales_order',
      time: { column: 'order_date' },
      dimensions: {
        department: { column: 'team_code', entity: 'Department' },
        customer: { column: 'account_id', entity: 'Customer' },
        product: { column: 'product_code', entity: 'Product' },
      },
      measures: {
        revenue: { agg: 'sum', column: 'amount', type: 'decimal' },
        orderCount: { agg: 'count', type: 'int' },
        orderingCustomers: { agg: 'count_distinct', column: 'account_id', type: 'int' },
      },
    },
    contracts: {
      table: 'contract',
      time: { column: 'signed_date' },
      dimensions: {
        department: { column: 'team_code', entity: 'Department' },
        customer: { column: 'account_id', entity: 'Customer' },
      },
      measures: {
        contractValue: { agg: 'sum', column: 'total_value', type: 'decimal' },
        contractCount: { agg: 'count', type: 'int' },
      },
    },
    payments: {
      table: 'payment',
      time: { column: 'received_date' },
      dimensions: {
        department: { column: 'team_code', entity: 'Department' },
        customer: { column: 'account_id', entity: 'Customer' },
      },
      measures: { cashCollected: { agg: 'sum', column: 'amount', type: 'decimal' } },
    },
    accounts: {
      table: 'account',
      time: { column: 'created_at' },
      dimensions: { department: { column: 'owner_team_code', entity: 'Department' } },
      measures: { newCustomers: { agg: 'count', type: 'int' } },
    },
  },
};
