import type { SourceDefinition } from '../definition';
import { erpDemo } from './demo';
import { erpMapping } from './mapping';

export const erp: SourceDefinition = {
  name: 'erp',
  description: 'ERP: cost centres, customers (credit), materials, GL expenses, budgets, AR invoices and receipts',
  mapping: erpMapping,
  demo: erpDemo,
};
