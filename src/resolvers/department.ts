import type { DepartmentResolvers } from '../generated/graphql';
import { releasedMeasure } from '../engine/release';
import { relatedEntities } from '../hub/entities';
import { measureOf, type MeasureRef } from '../hub/measures';
import { entityFieldResolvers } from './fields';
import { pageOf, periodOf } from './args';
import { departmentIndicators } from './indicators';

/** Where each department figure comes from. The indicator dictionary (issue 3) generalises this. */
const FIGURES = {
  headcount: { source: 'hr', fact: 'employment', measure: 'headcount', dimension: 'department' },
  payrollCost: { source: 'hr', fact: 'payroll', measure: 'payrollCost', dimension: 'department' },
  budget: { source: 'erp', fact: 'budget', measure: 'budget', dimension: 'department' },
  actualExpense: { source: 'erp', fact: 'expense', measure: 'actualExpense', dimension: 'department' },
  revenue: { source: 'crm', fact: 'orders', measure: 'revenue', dimension: 'department' },
  procurementSpend: { source: 'procurement', fact: 'purchases', measure: 'procurementSpend', dimension: 'department' },
} satisfies Record<string, MeasureRef>;

const today = () => new Date().toISOString().slice(0, 10);

export const Department: DepartmentResolvers = {
  ...(entityFieldResolvers('Department') as DepartmentResolvers),
  children: (parent, _args, ctx) => relatedEntities(ctx, 'Department', 'parent', parent),
  employees: (parent, args, ctx) => relatedEntities(ctx, 'Employee', 'department', parent, pageOf(ctx, args)),
  headcount: async (parent, args, ctx) =>
    (await measureOf(ctx, parent, FIGURES.headcount, args.period ? { period: periodOf(ctx, args.period) } : { asOf: today() })) as number | null,
  payrollCost: (parent, args, ctx) => decimal(releasedMeasure(ctx, parent, FIGURES.payrollCost, periodOf(ctx, args.period))),
  budget: (parent, args, ctx) => decimal(measureOf(ctx, parent, FIGURES.budget, { period: periodOf(ctx, args.period) })),
  actualExpense: (parent, args, ctx) => decimal(measureOf(ctx, parent, FIGURES.actualExpense, { period: periodOf(ctx, args.period) })),
  revenue: (parent, args, ctx) => decimal(measureOf(ctx, parent, FIGURES.revenue, { period: periodOf(ctx, args.period) })),
  indicators: departmentIndicators,
  procurementSpend: (parent, args, ctx) =>
    decimal(measureOf(ctx, parent, FIGURES.procurementSpend, { period: periodOf(ctx, args.period) })),
};

export async function decimal(value: Promise<string | number | null>): Promise<string | null> {
  const v = await value;
  return v === null ? null : String(v);
}
