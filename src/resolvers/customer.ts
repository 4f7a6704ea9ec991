import type { ContactResolvers, ContractResolvers, CustomerResolvers, OrderResolvers, ReceivableResolvers } from '../generated/graphql';
import { relatedEntities } from '../hub/entities';
import { measureOf } from '../hub/measures';
import { pageOf, periodOf } from './args';
import { decimal } from './department';
import { entityFieldResolvers } from './fields';

export const Customer: CustomerResolvers = {
  ...(entityFieldResolvers('Customer') as CustomerResolvers),
  contacts: (parent, _args, ctx) => relatedEntities(ctx, 'Contact', 'customer', parent),
  contracts: (parent, args, ctx) => relatedEntities(ctx, 'Contract', 'customer', parent, pageOf(ctx, args)),
  orders: (parent, args, ctx) => relatedEntities(ctx, 'Order', 'customer', parent, pageOf(ctx, args)),
  receivables: (parent, args, ctx) => relatedEntities(ctx, 'Receivable', 'customer', parent, pageOf(ctx, args)),
  revenue: (parent, args, ctx) =>
    decimal(
      measureOf(ctx, parent, { source: 'crm', fact: 'orders', measure: 'revenue', dimension: 'customer' }, { period: periodOf(ctx, args.period) }),
    ),
};

export const Contact = entityFieldResolvers('Contact') as ContactResolvers;
export const Contract = entityFieldResolvers('Contract') as ContractResolvers;
export const Order = entityFieldResolvers('Order') as OrderResolvers;
export const Receivable = entityFieldResolvers('Receivable') as ReceivableResolvers;
