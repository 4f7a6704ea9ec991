import type { PurchaseOrderResolvers, SupplierResolvers } from '../generated/graphql';
import { relatedEntities } from '../hub/entities';
import { measureOf } from '../hub/measures';
import { pageOf, periodOf } from './args';
import { decimal } from './department';
import { entityFieldResolvers } from './fields';

export const Supplier: SupplierResolvers = {
  ...(entityFieldResolvers('Supplier') as SupplierResolvers),
  purchaseOrders: (parent, args, ctx) => relatedEntities(ctx, 'PurchaseOrder', 'supplier', parent, pageOf(ctx, args)),
  spend: (parent, args, ctx) =>
    decimal(
      measureOf(
        ctx,
        parent,
        { source: 'procurement', fact: 'purchases', measure: 'procurementSpend', dimension: 'supplier' },
        { period: periodOf(ctx, args.period) },
      ),
    ),
};

export const PurchaseOrder = entityFieldResolvers('PurchaseOrder') as PurchaseOrderResolvers;
