import type { SourceDefinition } from '../definition';
import { hrDemo } from './demo';
import { hrMapping } from './mapping';

export const hr: SourceDefinition = {
  name: 'hr',
  description: 'HR: org units (the department tree), employees, payroll',
  mapping: hrMapping,
  demo: hrDemo,
};
