import type { SourceDefinition } from '../definition';
import { crmDemo } from './demo';
import { crmMapping } from './mapping';

export const crm: SourceDefinition = {
  name: 'crm',
  description: 'CRM: sales teams, accounts (customers), contacts, opportunities, contracts, orders, payments',
  mapping: crmMapping,
  demo: crmDemo,
};
