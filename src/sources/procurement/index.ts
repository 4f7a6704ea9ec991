import type { SourceDefinition } from '../definition';
import { procurementDemo } from './demo';
import { procurementMapping } from './mapping';

export const procurement: SourceDefinition = {
  name: 'procurement',
  description: 'Procurement: vendors (suppliers), purchase orders and lines, deliveries, supplier invoices',
  mapping: procurementMapping,
  demo: procurementDemo,
};
