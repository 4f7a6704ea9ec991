/**
 * What a question was understood as: the parts of an ordinary indicatorValues request (indicators, a run of
 * periods and its grain, dimensions, filters, a ranking) plus what a question adds on top (a comparison, a
 * threshold, a ranking per group), each with the words it was read from. Everything here is data a client can
 * show as chips and re-run as indicatorValues.
 */
export type Language = 'zh' | 'en';

export type GrainName = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR' | 'ALL';

export interface PeriodReading {
  /** First and last period as indicatorValues' from/to take them (`2025-Q1`, `2025-01`). */
  from: string;
  to: string;
  /** What the question said ("一季度", "last 12 months"); empty when the period was assumed. */
  text: string;
  /** Relative to the clock (上个月, last month, year to date …). */
  relative: boolean;
  /** No period in the question: the default (the current year to date) was used. */
  assumed: boolean;
}

export interface MemberReading {
  /** The fact dimension filtered (a value of the model's dimensions). */
  dimension: string;
  /** Hub ids of that dimension's entity the member stands for (one row, or every row with that attribute value). */
  ids: string[];
  /** The member as named in the model ("Key Accounts", "EAST"). */
  name: string;
  /** The dimension path the name belongs to (`department`, `department_region`, `track_genre`). */
  path: string;
  text: string;
}

export interface ComparisonReading {
  kind: 'year_ago' | 'previous' | 'target';
  /** The dictionary's period-over-period indicators that compute it (empty for a target). */
  indicators: string[];
  /** Without such indicators: the period compared with, computed as a second ordinary request. */
  from: string | null;
  to: string | null;
  text: string;
}

export interface RankingReading {
  indicator: string;
  n: number;
  direction: 'DESC' | 'ASC';
  /** The dimension path ranked (an IndicatorDimension value). */
  dimension: string;
  /** Rank within each member of this dimension path (top per group); null for one overall ranking. */
  per: string | null;
  text: string;
}

export interface ThresholdReading {
  indicator: string;
  /** Keep members whose value is above (or below) this, in the indicator's unit. */
  above: number | null;
  below: number | null;
  /** The alert rule of the dictionary the threshold comes from. */
  rule: string;
  text: string;
}

export interface Interpretation {
  language: Language;
  indicators: string[];
  period: PeriodReading;
  grain: GrainName;
  /** IndicatorDimension values, in order. */
  by: string[];
  filters: MemberReading[];
  comparison: ComparisonReading | null;
  ranking: RankingReading | null;
  threshold: ThresholdReading | null;
  /** Words of the question left unread (neither a name of the model nor a known phrase). */
  unrecognized: string[];
  /** Each recognised phrase and what it was read as, in question order (the chips of an ask box). */
  phrases: Array<{ text: string; kind: string; meaning: string }>;
}

export type CandidateKind = 'INDICATOR' | 'MEMBER' | 'PERIOD' | 'DIMENSION';

export interface Candidate {
  kind: CandidateKind;
  /** What to put in the question or the request: an indicator code, a member's hub id, a period, a path. */
  value: string;
  label: string;
  /** For a member: its dimension path. */
  dimension: string | null;
  /** 0–1, higher is closer. */
  score: number;
}

export type Reading =
  | { status: 'understood'; interpretation: Interpretation }
  | { status: 'ambiguous'; interpretation: Interpretation; candidates: Candidate[]; reason: string }
  | { status: 'not_understood'; interpretation: Interpretation | null; candidates: Candidate[]; reason: string };
