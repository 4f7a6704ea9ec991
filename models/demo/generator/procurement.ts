import { poTotalCents, type Company } from './company';
import { iso, money } from './calendar';
import { pad } from './random';
import { ccCode, matnr } from './erp';
import type { DemoTables } from '../../../src/seed/definition';

const vendorId = (n: number) => `V${pad(n, 6)}`;

/** Procurement shares the ERP's cost centre and material codes, as most procurement suites do. */
export const procurementDemo: DemoTables<Company> = {
  createTables: (schema) =>
    schema
      .createTable('vendor', (t) => {
        t.string('vendor_id', 16).primary();
        t.string('vendor_name', 120).notNullable();
        t.string('category', 30).notNullable();
        t.string('region_code', 8).notNullable();
        t.integer('rating').notNullable();
      })
      .createTable('purchase_order', (t) => {
        t.string('po_number', 16).primary();
        t.string('vendor_id', 16).notNullable().index();
        t.string('cost_center', 16).notNullable();
        t.date('po_date').notNullable();
        t.string('status', 12).notNullable();
        t.decimal('total_amount', 16, 2).notNullable();
        t.decimal('list_amount', 16, 2).notNullable();
        t.index(['cost_center', 'po_date']);
      })
      .createTable('po_line', (t) => {
        t.string('po_number', 16).notNullable();
        t.integer('line_no').notNullable();
        t.string('item_code', 16).notNullable();
        t.integer('qty').notNullable();
        t.decimal('unit_price', 14, 2).notNullable();
        t.decimal('list_price', 14, 2).notNullable();
        t.decimal('line_amount', 16, 2).notNullable();
        t.primary(['po_number', 'line_no']);
      })
      .createTable('delivery', (t) => {
        t.integer('delivery_id').primary();
        t.string('po_number', 16).notNullable().index();
        t.string('vendor_id', 16).notNullable();
        t.string('cost_center', 16).notNullable();
        t.date('promised_date').notNullable();
        t.date('actual_date').nullable();
        t.integer('on_time').nullable();
      })
      .createTable('supplier_invoice', (t) => {
        t.string('sinv_no', 16).primary();
        t.string('po_number', 16).notNullable().index();
        t.string('vendor_id', 16).notNullable();
        t.date('invoice_date').notNullable();
        t.decimal('amount', 16, 2).notNullable();
      }),

  rows: (c: Company) => {
    const live = c.purchaseOrders.filter((po) => po.status !== 'CANCELLED');
    const received = c.purchaseOrders.filter((po) => po.status === 'RECEIVED' || po.status === 'CLOSED');
    return {
      vendor: c.suppliers.map((s) => ({
        vendor_id: vendorId(s.n),
        vendor_name: s.name,
        category: s.category,
        region_code: s.region,
        rating: s.rating,
      })),
      purchase_order: c.purchaseOrders.map((po) => ({
        po_number: po.no,
        vendor_id: vendorId(po.supplier.n),
        cost_center: ccCode(po.department.n),
        po_date: iso(po.date),
        status: po.status,
        total_amount: money(poTotalCents(po)),
        list_amount: money(po.lines.reduce((sum, l) => sum + l.quantity * l.listCents, 0)),
      })),
      po_line: c.purchaseOrders.flatMap((po) =>
        po.lines.map((l) => ({
          po_number: po.no,
          line_no: l.line,
          item_code: matnr(l.product.n),
          qty: l.quantity,
          unit_price: money(l.unitCents),
          list_price: money(l.listCents),
          line_amount: money(l.quantity * l.unitCents),
        })),
      ),
      delivery: live.map((po) => ({
        delivery_id: po.n,
        po_number: po.no,
        vendor_id: vendorId(po.supplier.n),
        cost_center: ccCode(po.department.n),
        promised_date: iso(po.promised),
        actual_date: po.delivered === null ? null : iso(po.delivered),
        on_time: po.delivered === null ? null : po.delivered <= po.promised ? 1 : 0,
      })),
      supplier_invoice: received.map((po) => ({
        sinv_no: `SI${po.no.slice(2)}`,
        po_number: po.no,
        vendor_id: vendorId(po.supplier.n),
        invoice_date: iso(po.delivered ?? po.promised),
        amount: money(poTotalCents(po)),
      })),
    };
  },

  keyMap: (c: Company) => [
    ...c.departments.map((d) => ({ entity: 'Department' as const, hubId: d.id, sourceKey: ccCode(d.n) })),
    ...c.suppliers.map((s) => ({ entity: 'Supplier' as const, hubId: s.id, sourceKey: vendorId(s.n) })),
  ],
};
