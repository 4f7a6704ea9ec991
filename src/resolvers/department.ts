import type { DepartmentResolvers } from '../generated/graphql';
import { HubError } from '../errors';
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
  payrollCost: async (parent, args, ctx) => {
    const period = periodOf(ctx, args.period);
    const [cost, people] = await Promise.all([
      decimal(measureOf(ctx, parent, FIGURES.payrollCost, { period })),
      ctx.viewer.individuals ? null : measureOf(ctx, parent, FIGURES.headcount, { period }),
    ]);
    const minimum = ctx.runtime.policy.policy.minimumGroupSize;
    if (people !== null && cost !== null && Number(people) < minimum) {
      throw new HubError('SUPPRESSED', `Payroll cost of ${parent.id} is suppressed: it covers fewer than ${minimum} people.`, { minimumGroupSize: minimum });
    }
    return cost;
  },
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
