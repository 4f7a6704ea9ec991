import type { Grain, Period } from '../values/period';

/**
 * What a dashboard asks for: indicators × a run of periods at one grain (or one bucket over the whole
 * range: grain "all"), optionally cut by one or more dimension paths — a fact dimension the model declares
 * with an entity (CompanyModel.dimensions), an attribute of its entity or a path through its references —
 * and optionally only the top N members by one indicator over the whole range.
 */
export interface ValuesRequest {
  codes: readonly string[];
  buckets: readonly Period[];
  grain: Grain;
  /** The dimension paths grouped by, in order; empty when not grouped. A member is one value per path. */
  groupBy: readonly GroupBy[];
  /** Only these members of a dimension (hub ids), e.g. { dimension: '<a dimension>', ids: ['<hub id>'] }. */
  filters: readonly { dimension: string; ids: readonly string[] }[];
  /** Grouped by the organisation dimension alone: add every unit's subtree into it (org-tree roll-up). */
  rollup: boolean;
  /** Keep only the first N members ranked by one indicator over the whole requested range. */
  top?: TopRequest | undefined;
  /** One page of the members of the first grouping path (src/engine/member-page.ts): the first `first`
   *  members after the cursor `after`, in order of member id. */
  page?: MemberPage | undefined;
  /** A member-batched request (entities' figures and indicators): exactly the members the caller reads,
   *  those without rows included, in place of the members the statements return. The disclosure check
   *  decides these. */
  members?: readonly string[] | undefined;
}

/** The version of a figure's implicit indicator (src/engine/member-values.ts): computed like any
 *  indicator, never published, not recorded among the request's indicator versions. */
export const FIGURE_VERSION = 'figure';

export interface GroupBy {
  /** A dimension of the model (CompanyModel.dimensions). */
  dimension: string;
  /** An attribute (or reference path, "a.b") of the dimension's entity to regroup by. */
  attribute?: string;
}

export interface MemberPage {
  first: number;
  /** An endCursor of an earlier page (opaque: base64url of the last member id). */
  after?: string | undefined;
}

export interface TopRequest {
  indicator: string;
  n: number;
  direction: 'asc' | 'desc';
  /** Top per group: the grouping path (one of `groupBy`, as pathText) within each of whose members the first
   *  `n` members of the other paths are kept. Absent: the first `n` members overall. */
  per?: string | undefined;
}

/** One cell of the answer: a value, or null with the reason. */
export interface Cell {
  value: string | null;
  reason?: string;
}

/** A grouping path as text: `dimension` or `dimension.attribute.path`. */
export const pathText = (g: GroupBy): string => (g.attribute ? `${g.dimension}.${g.attribute}` : g.dimension);
