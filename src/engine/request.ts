import type { Grain, Period } from '../model/period';

/**
 * What a dashboard asks for: indicators × a run of periods at one grain, optionally cut by one dimension
 * (department, customer, supplier, product) or by an attribute of it (department.region, customer.segment…).
 */
export interface ValuesRequest {
  codes: readonly string[];
  buckets: readonly Period[];
  grain: Grain;
  groupBy: GroupBy | null;
  /** Only these members of a dimension (hub ids), e.g. { dimension: 'department', ids: ['D0002'] }. */
  filters: readonly { dimension: string; ids: readonly string[] }[];
  /** With groupBy department: add every department's subtree into it (org-tree roll-up). */
  rollup: boolean;
}

export interface GroupBy {
  dimension: 'department' | 'customer' | 'supplier' | 'product';
  /** An attribute of the dimension's entity to regroup by, e.g. "region". */
  attribute?: string;
}

export const DIMENSION_ENTITY = {
  department: 'Department',
  customer: 'Customer',
  supplier: 'Supplier',
  product: 'Product',
} as const;

/** One cell of the answer: a value, or null with the reason. */
export interface Cell {
  value: string | null;
  reason?: string;
}
