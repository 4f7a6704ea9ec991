import type { Grain, Period } from '../model/period';

/**
 * What a dashboard asks for: indicators × a run of periods at one grain, optionally cut by one dimension
 * (any fact dimension the model declares with an entity: CompanyModel.dimensions) or by an attribute of
 * its entity (in the demo: department.region, customer.segment…).
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
  /** A dimension of the model (CompanyModel.dimensions). */
  dimension: string;
  /** An attribute of the dimension's entity to regroup by, e.g. "region". */
  attribute?: string;
}

/** One cell of the answer: a value, or null with the reason. */
export interface Cell {
  value: string | null;
  reason?: string;
}
