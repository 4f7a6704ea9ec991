import type { SqlSourceMapping } from '../sql/mapping';

/** Procurement (采购): suppliers (vendors), purchase orders and lines, deliveries, supplier invoices. */
export const procurementMapping: SqlSourceMapping = {
  entities: {
    Supplier: {
      table: 'vendor',
      key: 'vendor_id',
      fields: { name: 'vendor_name', category: 'category', region: 'region_code', rating: 'rating' },
    },
    PurchaseOrder: {
      table: 'purchase_order',
      key: 'po_number',
      fields: {
        supplier: 'vendor_id',
        department: 'cost_center',
        orderedOn: 'po_date',
        status: 'status',
        amount: 'total_amount',
      },
      scope: { column: 'cost_center' },
      orderBy: 'orderedOn',
    },
  },
  facts: {
    purchases: {
      table: 'purchase_order',
      time: { column: 'po_date' },
      dimensions: {
        department: { column: 'cost_center', entity: 'Department' },
        supplier: { column: 'vendor_id', entity: 'Supplier' },
      },
      measures: {
        procurementSpend: {
          agg: 'sum',
          column: 'total_amount',
          filter: { status: ['APPROVED', 'RECEIVED', 'CLOSED'] },
          type: 'decimal',
        },
        poCount: { agg: 'count', filter: { status: ['APPROVED', 'RECEIVED', 'CLOSED'] }, type: 'int' },
        /** The same orders at list prices: what buying without negotiation would have cost. */
        listValue: {
          agg: 'sum',
          column: 'list_amount',
          filter: { status: ['APPROVED', 'RECEIVED', 'CLOSED'] },
          type: 'decimal',
        },
      },
    },
    deliveries: {
      table: 'delivery',
      time: { column: 'promised_date' },
      dimensions: {
        department: { column: 'cost_center', entity: 'Department' },
        supplier: { column: 'vendor_id', entity: 'Supplier' },
      },
      measures: {
        deliveries: { agg: 'count', column: 'actual_date', type: 'int' },
        onTimeDeliveries: { agg: 'count', column: 'actual_date', filter: { on_time: [1] }, type: 'int' },
      },
    },
  },
};
