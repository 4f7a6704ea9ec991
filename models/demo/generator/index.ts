import type { DemoTables, ModelGenerator } from '../../../src/seed/definition';
import { generateCompany, type Company } from './company';
import { crmDemo } from './crm';
import { erpDemo } from './erp';
import { hrDemo } from './hr';
import { procurementDemo } from './procurement';

/**
 * The demo company's data generator: one neutral company (company.ts) written into each system's own
 * native tables (crm.ts, erp.ts, hr.ts, procurement.ts). The hub finds it as <model>/generator.
 */
export const DEMO_SOURCES = ['crm', 'erp', 'hr', 'procurement'] as const;
export type DemoSource = (typeof DEMO_SOURCES)[number];

export const generator: ModelGenerator<Company> & { sources: Record<DemoSource, DemoTables<Company>> } = {
  // Bump when the demo company's data changes without a mapping change.
  revision: 3,
  generate: generateCompany,
  sources: { crm: crmDemo, erp: erpDemo, hr: hrDemo, procurement: procurementDemo },
};
