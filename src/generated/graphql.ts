import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { IndicatorParent, IndicatorOwnerParent } from '../resolvers/parents';
import { Viewer as ViewerModel } from '../auth/viewer';
import { AuditRecord as AuditRecordModel } from '../audit/record';
import { ChangeRequest as ChangeRequestModel, PublishedVersion as PublishedVersionModel } from '../governance/types';
import { Notice as NoticeModel, NoticeSubscription as NoticeSubscriptionModel, WebhookDelivery as WebhookDeliveryModel } from '../notices/types';
import { HubContext } from '../app/context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** ISO 8601 calendar date */
  Date: { input: string; output: string; }
  /** Exact decimal as a string */
  Decimal: { input: string; output: string; }
};

export type AccessExplanation = {
  __typename?: 'AccessExplanation';
  /** False when the principal would be refused (unknown, departed, no role); `reason` says why. */
  admitted: Scalars['Boolean']['output'];
  decision?: Maybe<Scalars['String']['output']>;
  field: Scalars['String']['output'];
  principal: Scalars['String']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  roles: Array<Scalars['String']['output']>;
  rule?: Maybe<Scalars['String']['output']>;
  scope?: Maybe<Scalars['String']['output']>;
};

export type Alert = {
  __typename?: 'Alert';
  comparedWith?: Maybe<Scalars['Decimal']['output']>;
  /** @deprecated Use `unit`. */
  department?: Maybe<Department>;
  indicator: Indicator;
  message: Scalars['String']['output'];
  /** What the bands were applied to: the value, its % of the target or other indicator, or growth %. */
  metric: Scalars['Decimal']['output'];
  /** The indicator's owning person and the head of the organisation unit the rule fired for. */
  notify: Array<Scalars['String']['output']>;
  period: Scalars['String']['output'];
  rule: Scalars['String']['output'];
  severity: Severity;
  threshold: Scalars['String']['output'];
  /** The Department the rule fired for. */
  unit?: Maybe<Department>;
  value: Scalars['Decimal']['output'];
};

export type AskAnswer = {
  __typename?: 'AskAnswer';
  /** One sentence in the question's language; null unless ANSWERED. */
  answer?: Maybe<Scalars['String']['output']>;
  /** Ranked choices when unsure (NEEDS_CHOICE, NOT_UNDERSTOOD): indicators, members, dimensions. */
  candidates: Array<AskCandidate>;
  /** A comparison the dictionary has no indicator for: the same request over the compared period, computed the same way. */
  compared?: Maybe<IndicatorTable>;
  /** Null when nothing of the question was understood. */
  interpretation?: Maybe<AskInterpretation>;
  language: Language;
  question: Scalars['String']['output'];
  /** Why nothing was computed, in the question's language; the refusal's message when REFUSED. */
  reason?: Maybe<Scalars['String']['output']>;
  /** The refusal's error code when REFUSED (FORBIDDEN, BAD_USER_INPUT, RESPONSE_TOO_LARGE…). */
  refusalCode?: Maybe<Scalars['String']['output']>;
  /** The same as indicatorValues arguments, to re-run or edit; null unless the question was understood. */
  request?: Maybe<AskRequest>;
  status: AskStatus;
  /** Targets of the first indicator per period (and organisation unit when grouped by it), for a comparison with the target. */
  targets: Array<AskTarget>;
  /** The computed table (indicatorValues' own type); null unless ANSWERED. REFUSED: fails with the ordinary coded error. */
  values?: Maybe<IndicatorTable>;
};

export type AskCandidate = {
  __typename?: 'AskCandidate';
  /** For a member: its dimension path. */
  dimension?: Maybe<Scalars['String']['output']>;
  /** INDICATOR, MEMBER, PERIOD or DIMENSION. */
  kind: Scalars['String']['output'];
  label: Scalars['String']['output'];
  /** 0–1, higher is closer. */
  score: Scalars['Float']['output'];
  /** An indicator code, a member's hub id (or attribute value), a period or a dimension path. */
  value: Scalars['String']['output'];
};

export type AskComparison = {
  __typename?: 'AskComparison';
  /** Without such an indicator: the period compared with (AskAnswer.compared holds its values). */
  from?: Maybe<Scalars['String']['output']>;
  /** The dictionary's period-over-period indicators computing it. */
  indicators: Array<Scalars['String']['output']>;
  /** YEAR_AGO, PREVIOUS or TARGET, as lower-case words: year_ago, previous, target. */
  kind: Scalars['String']['output'];
  text: Scalars['String']['output'];
  to?: Maybe<Scalars['String']['output']>;
};

export type AskFilter = {
  __typename?: 'AskFilter';
  dimension: Scalars['String']['output'];
  ids: Array<Scalars['ID']['output']>;
};

export type AskInterpretation = {
  __typename?: 'AskInterpretation';
  /** IndicatorDimension values grouped by, in order. */
  by: Array<Scalars['String']['output']>;
  comparison?: Maybe<AskComparison>;
  filters: Array<AskMember>;
  grain: Grain;
  indicators: Array<Scalars['String']['output']>;
  period: AskPeriod;
  /** Each recognised phrase and what it was read as, in question order. */
  phrases: Array<AskPhrase>;
  ranking?: Maybe<AskRanking>;
  threshold?: Maybe<AskThreshold>;
  /** Words of the question that were not read. */
  unrecognized: Array<Scalars['String']['output']>;
};

export type AskMember = {
  __typename?: 'AskMember';
  /** The fact dimension filtered. */
  dimension: Scalars['String']['output'];
  /** Hub ids of that dimension's entity the name stands for. */
  ids: Array<Scalars['ID']['output']>;
  name: Scalars['String']['output'];
  /** The dimension path the name belongs to (IndicatorDimension value). */
  path: Scalars['String']['output'];
  text: Scalars['String']['output'];
};

export type AskPeriod = {
  __typename?: 'AskPeriod';
  /** No period in the question: the current year to date was used. */
  assumed: Scalars['Boolean']['output'];
  from: Scalars['String']['output'];
  /** Relative to the clock (上个月, last 12 months). */
  relative: Scalars['Boolean']['output'];
  /** The words it was read from; empty when assumed. */
  text: Scalars['String']['output'];
  to: Scalars['String']['output'];
};

export type AskPhrase = {
  __typename?: 'AskPhrase';
  kind: Scalars['String']['output'];
  meaning: Scalars['String']['output'];
  text: Scalars['String']['output'];
};

export type AskRanking = {
  __typename?: 'AskRanking';
  /** The dimension path ranked. */
  dimension: Scalars['String']['output'];
  direction: SortDirection;
  indicator: Scalars['String']['output'];
  n: Scalars['Int']['output'];
  /** Ranked within each member of this dimension path (top per group); null for one ranking. */
  per?: Maybe<Scalars['String']['output']>;
  text: Scalars['String']['output'];
};

/** indicatorValues arguments for the interpretation. */
export type AskRequest = {
  __typename?: 'AskRequest';
  by: Array<Scalars['String']['output']>;
  codes: Array<Scalars['String']['output']>;
  filters: Array<AskFilter>;
  from: Scalars['String']['output'];
  grain: Grain;
  to: Scalars['String']['output'];
  top?: Maybe<AskTop>;
};

export type AskStatus =
  /** Understood and computed: `values` and `answer` are set. */
  | 'ANSWERED'
  /** Understood in part: choose among `candidates` (nothing was computed). */
  | 'NEEDS_CHOICE'
  /** Not understood: `candidates` suggests indicators to ask about (nothing was computed). */
  | 'NOT_UNDERSTOOD'
  /** Understood, but the hub cannot compute this kind of question yet (`reason` says what is missing). */
  | 'NOT_YET_COMPUTABLE'
  /** Understood, but the computation was refused (the ordinary coded error; `values` fails with it). */
  | 'REFUSED';

export type AskTarget = {
  __typename?: 'AskTarget';
  code: Scalars['String']['output'];
  /** An organisation unit's hub id; null for the whole company. */
  member?: Maybe<Scalars['String']['output']>;
  period: Scalars['String']['output'];
  target: Scalars['Decimal']['output'];
};

export type AskThreshold = {
  __typename?: 'AskThreshold';
  above?: Maybe<Scalars['Float']['output']>;
  below?: Maybe<Scalars['Float']['output']>;
  indicator: Scalars['String']['output'];
  /** The dictionary's alert rule the threshold comes from. */
  rule: Scalars['String']['output'];
  text: Scalars['String']['output'];
};

export type AskTop = {
  __typename?: 'AskTop';
  direction: SortDirection;
  indicator: Scalars['String']['output'];
  n: Scalars['Int']['output'];
  /** Rank within each member of this dimension path (top per group). */
  per?: Maybe<Scalars['String']['output']>;
};

export type AuditAnchorInput = {
  hash: Scalars['String']['input'];
  seq: Scalars['Int']['input'];
};

/** The audit taxonomy of events (README, Auditing). */
export type AuditEventType =
  | 'administration'
  | 'audit_access'
  | 'authentication'
  | 'read'
  | 'system'
  | 'write';

export type AuditFieldDecision = {
  __typename?: 'AuditFieldDecision';
  field: Scalars['String']['output'];
  rule: Scalars['String']['output'];
};

export type AuditIndicatorInputs = {
  __typename?: 'AuditIndicatorInputs';
  code: Scalars['String']['output'];
  inputs: Array<IndicatorVersion>;
  version: Scalars['String']['output'];
};

export type AuditLifecycleEvent = {
  __typename?: 'AuditLifecycleEvent';
  changeId: Scalars['Int']['output'];
  code: Scalars['String']['output'];
  kind: Scalars['String']['output'];
  /** The proposer's reason or the reviewer's comment. */
  note: Scalars['String']['output'];
  version?: Maybe<Scalars['Int']['output']>;
};

export type AuditLogPage = {
  __typename?: 'AuditLogPage';
  nextCursor?: Maybe<Scalars['Int']['output']>;
  records: Array<AuditRecord>;
};

export type AuditOutcome =
  | 'denied'
  | 'error'
  | 'ok'
  | 'partial'
  | 'refused';

export type AuditRecord = {
  __typename?: 'AuditRecord';
  /** Origination: the client address (the TCP peer, or what a configured trusted proxy forwarded). Null for system events. */
  address?: Maybe<Scalars['String']['output']>;
  /** Literal (inline) arguments, as JSON: "Type.field(argument)" → value, sensitive ones redacted like variables. */
  arguments?: Maybe<Scalars['String']['output']>;
  at: Scalars['String']['output'];
  denied: Array<AuditFieldDecision>;
  documentHash?: Maybe<Scalars['String']['output']>;
  errorCodes: Array<Scalars['String']['output']>;
  /** What kind of event (PCI DSS 10.2.2 type of event): read, write, authentication, administration, audit_access, system. */
  eventType: AuditEventType;
  fieldsRequested: Array<Scalars['String']['output']>;
  hash: Scalars['String']['output'];
  /** Indicators used with the definition versions of every input they were computed from. */
  indicatorInputs: Array<AuditIndicatorInputs>;
  indicators: Array<IndicatorVersion>;
  latencyMs: Scalars['Float']['output'];
  /** Indicator lifecycle steps the request made: proposed, approved, rejected, archived… */
  lifecycleEvents: Array<AuditLifecycleEvent>;
  masked: Array<AuditFieldDecision>;
  operationName?: Maybe<Scalars['String']['output']>;
  outcome: AuditOutcome;
  prevHash: Scalars['String']['output'];
  principal: Scalars['String']['output'];
  /** Questions asked in words (ask), as typed (at most 1000 characters each). */
  questions: Array<Scalars['String']['output']>;
  reason?: Maybe<Scalars['String']['output']>;
  /** Ids of the records personal-data fields were returned for (masked or in clear), per Type.field. */
  recordIds: Array<AuditRecordIds>;
  /** Refused requests recorded together: how many (1 for a single refusal); null otherwise. */
  refusalCount?: Maybe<Scalars['Int']['output']>;
  /** Refused requests recorded together: first and last arrival; null otherwise. */
  refusalFirstAt?: Maybe<Scalars['String']['output']>;
  /** Refused requests: what they were (BAD_TOKEN, ACCESS_REVOKED, THROTTLED…); null otherwise. */
  refusalKind?: Maybe<Scalars['String']['output']>;
  refusalLastAt?: Maybe<Scalars['String']['output']>;
  requestId: Scalars['String']['output'];
  /** True when the answer was served from the response cache: the bytes of an earlier identical request of the same principal, no statement run. */
  responseCacheHit: Scalars['Boolean']['output'];
  roles: Array<Scalars['String']['output']>;
  rows: Scalars['Int']['output'];
  scope: Scalars['String']['output'];
  seq: Scalars['Int']['output'];
  statements: Array<AuditSourceStatements>;
  /** Indicator cells withheld by the disclosure rules. */
  suppressed: Array<AuditSuppressedCell>;
  /** System and access events: start, stop, unclean_stop, access_changes, checkpoint…; null on request records. */
  systemEvent?: Maybe<AuditSystemEvent>;
  /** Variables with sensitive values redacted, as JSON. */
  variables?: Maybe<Scalars['String']['output']>;
};

export type AuditRecordIds = {
  __typename?: 'AuditRecordIds';
  field: Scalars['String']['output'];
  ids: Array<Scalars['String']['output']>;
  /** Ids beyond the first 1000, counted. */
  more: Scalars['Int']['output'];
};

export type AuditSourceStatements = {
  __typename?: 'AuditSourceStatements';
  fingerprints: Array<Scalars['String']['output']>;
  rows: Scalars['Int']['output'];
  source: Scalars['String']['output'];
  statements: Scalars['Int']['output'];
};

export type AuditSuppressedCell = {
  __typename?: 'AuditSuppressedCell';
  indicator: Scalars['String']['output'];
  member: Scalars['String']['output'];
  period: Scalars['String']['output'];
  reason: Scalars['String']['output'];
};

export type AuditSystemEvent = {
  __typename?: 'AuditSystemEvent';
  /** What happened, as JSON (fingerprints, roles granted and removed per principal, keys added and revoked…). */
  details: Scalars['String']['output'];
  kind: Scalars['String']['output'];
};

export type AuditVerification = {
  __typename?: 'AuditVerification';
  checked: Scalars['Int']['output'];
  firstBrokenSeq?: Maybe<Scalars['Int']['output']>;
  headHash?: Maybe<Scalars['String']['output']>;
  headSeq?: Maybe<Scalars['Int']['output']>;
  ok: Scalars['Boolean']['output'];
  reason?: Maybe<Scalars['String']['output']>;
};

export type ChangeKind =
  | 'ARCHIVE'
  | 'CREATE'
  | 'UPDATE';

export type ChangeRequest = {
  __typename?: 'ChangeRequest';
  author: Scalars['String']['output'];
  /** The published version it was made against. */
  baseVersion?: Maybe<Scalars['Int']['output']>;
  code: Scalars['String']['output'];
  comment?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['String']['output'];
  decidedAt?: Maybe<Scalars['String']['output']>;
  /** The proposed definition as YAML (CREATE/UPDATE). */
  definition?: Maybe<Scalars['String']['output']>;
  /** What changes against the base version, field by field. */
  diff: Array<DefinitionDiff>;
  domain: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /**
   * For an open change (draft or in review): what approving it would affect in the published dictionary.
   * Null once the change is decided.
   */
  impact?: Maybe<ImpactReport>;
  kind: ChangeKind;
  /** The proposed indicator, to inspect like a published one (its version reads "draft #<id>"). */
  proposed?: Maybe<Indicator>;
  reason: Scalars['String']['output'];
  /** The version an approved CREATE/UPDATE published. */
  resultVersion?: Maybe<Scalars['Int']['output']>;
  reviewer?: Maybe<Scalars['String']['output']>;
  /** Send it back as expectedRevision with your next step on this change. */
  revision: Scalars['Int']['output'];
  state: ChangeState;
  successor?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['String']['output'];
};

export type ChangeState =
  | 'APPROVED'
  | 'DRAFT'
  | 'IN_REVIEW'
  | 'REJECTED'
  | 'WITHDRAWN';

/**
 * MEASURE: aggregated; TIME: places a row in the period (time or validity column); DIMENSION: grouped or
 * filtered by, for a dimension the indicator may be cut by; FILTER: a measure's condition (status in …) or the
 * row-scope column every scoped statement filters on.
 */
export type ColumnRole =
  | 'DIMENSION'
  | 'FILTER'
  | 'MEASURE'
  | 'TIME';

/** A person at a customer (CRM). */
export type Contact = {
  __typename?: 'Contact';
  customer?: Maybe<Customer>;
  email?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name?: Maybe<Scalars['String']['output']>;
  phone?: Maybe<Scalars['String']['output']>;
};

/** A signed sales contract (CRM). */
export type Contract = {
  __typename?: 'Contract';
  customer?: Maybe<Customer>;
  department?: Maybe<Department>;
  endsOn?: Maybe<Scalars['Date']['output']>;
  id: Scalars['ID']['output'];
  signedOn?: Maybe<Scalars['Date']['output']>;
  startsOn?: Maybe<Scalars['Date']['output']>;
  value?: Maybe<Scalars['Decimal']['output']>;
};

/** A customer: the CRM account, which is also an ERP customer. */
export type Customer = {
  __typename?: 'Customer';
  contacts?: Maybe<Array<Contact>>;
  contracts?: Maybe<Array<Contract>>;
  createdOn?: Maybe<Scalars['Date']['output']>;
  /** Credit limit (ERP). */
  creditLimit?: Maybe<Scalars['Decimal']['output']>;
  id: Scalars['ID']['output'];
  /** Indicator values of this Customer (dimension "customer") for one period, batched across Customer rows: one statement per source fact. */
  indicators?: Maybe<Array<IndicatorCell>>;
  industry?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  orders?: Maybe<Array<Order>>;
  /** Open receivables (ERP open items), oldest due date first. */
  receivables?: Maybe<Array<Receivable>>;
  region?: Maybe<Scalars['String']['output']>;
  /** Order amount in the period (CRM). */
  revenue?: Maybe<Scalars['Decimal']['output']>;
  /** The sales team that owns the account. */
  salesDepartment?: Maybe<Department>;
  /** ENTERPRISE, SMB or PUBLIC. */
  segment?: Maybe<Scalars['String']['output']>;
};


/** A customer: the CRM account, which is also an ERP customer. */
export type CustomerContractsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** A customer: the CRM account, which is also an ERP customer. */
export type CustomerIndicatorsArgs = {
  codes: Array<Scalars['String']['input']>;
  period: Scalars['String']['input'];
};


/** A customer: the CRM account, which is also an ERP customer. */
export type CustomerOrdersArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** A customer: the CRM account, which is also an ERP customer. */
export type CustomerReceivablesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** A customer: the CRM account, which is also an ERP customer. */
export type CustomerRevenueArgs = {
  period: Scalars['String']['input'];
};

/** How to sort customers: ties are broken by key. */
export type CustomerOrder = {
  direction?: InputMaybe<SortDirection>;
  field: CustomerSortField;
};

/** A field customers can be sorted by (its home source maps it). */
export type CustomerSortField =
  | 'createdOn'
  | 'id'
  | 'industry'
  | 'name'
  | 'region'
  | 'segment';

export type DecompositionNode = {
  __typename?: 'DecompositionNode';
  baseValue?: Maybe<Scalars['Decimal']['output']>;
  change?: Maybe<Scalars['Decimal']['output']>;
  code: Scalars['String']['output'];
  /** This driver's share of its parent's change (null at the root). */
  contribution?: Maybe<Scalars['Decimal']['output']>;
  drivers: Array<DecompositionNode>;
  /** Null for pseudo-drivers such as the number of days in the period. */
  indicator?: Maybe<Indicator>;
  label: Scalars['String']['output'];
  /** How the change splits among the drivers. */
  method?: Maybe<Scalars['String']['output']>;
  /** Why a value is null. */
  reason?: Maybe<Scalars['String']['output']>;
  /** Change not explained by the drivers: zero for formulas and ratios; rounding for declared identities. */
  residual?: Maybe<Scalars['Decimal']['output']>;
  value?: Maybe<Scalars['Decimal']['output']>;
};

/** One field that differs: its path in the definition and its JSON before and after (null = absent). */
export type DefinitionDiff = {
  __typename?: 'DefinitionDiff';
  after?: Maybe<Scalars['String']['output']>;
  before?: Maybe<Scalars['String']['output']>;
  path: Scalars['String']['output'];
};

/** A department of the company: the HR org unit, which is also an ERP cost centre, a procurement cost centre and — for sales departments — a CRM sales team. `period` arguments take 2025, 2025-Q4, 2025-11, 2025-11-05, 2025-W03, FY2025 or FY2025-Q1 (fiscal year start is configurable). Figures are the department's own records (no roll-up of the subtree). A figure is null when the department has no counterpart in that source system (e.g. revenue of a non-sales department) and zero when it has one but no records in the period. */
export type Department = {
  __typename?: 'Department';
  /** Expenses posted to the cost centre in the period (ERP general ledger). */
  actualExpense?: Maybe<Scalars['Decimal']['output']>;
  /** Budget for the period (ERP, by cost centre and fiscal month). */
  budget?: Maybe<Scalars['Decimal']['output']>;
  children?: Maybe<Array<Department>>;
  employees?: Maybe<Array<Employee>>;
  /** Head of the department (HR). */
  head?: Maybe<Employee>;
  /** Employees employed at the end of the period (HR); without a period, today. */
  headcount?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  /** Indicator values of this Department (dimension "department") for one period, batched across Department rows: one statement per source fact. */
  indicators?: Maybe<Array<IndicatorCell>>;
  /** 1 = company, 2 = division, 3 = team. */
  level?: Maybe<Scalars['Int']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  parent?: Maybe<Department>;
  /** Payroll cost: gross pay plus employer contributions (HR). */
  payrollCost?: Maybe<Scalars['Decimal']['output']>;
  /** Purchase orders raised by the department in the period, cancelled ones excluded (procurement). */
  procurementSpend?: Maybe<Scalars['Decimal']['output']>;
  /** Sales region (CRM), for sales teams. */
  region?: Maybe<Scalars['String']['output']>;
  /** Order amount booked by the sales team in the period (CRM). */
  revenue?: Maybe<Scalars['Decimal']['output']>;
};


/** A department of the company: the HR org unit, which is also an ERP cost centre, a procurement cost centre and — for sales departments — a CRM sales team. `period` arguments take 2025, 2025-Q4, 2025-11, 2025-11-05, 2025-W03, FY2025 or FY2025-Q1 (fiscal year start is configurable). Figures are the department's own records (no roll-up of the subtree). A figure is null when the department has no counterpart in that source system (e.g. revenue of a non-sales department) and zero when it has one but no records in the period. */
export type DepartmentActualExpenseArgs = {
  period: Scalars['String']['input'];
};


/** A department of the company: the HR org unit, which is also an ERP cost centre, a procurement cost centre and — for sales departments — a CRM sales team. `period` arguments take 2025, 2025-Q4, 2025-11, 2025-11-05, 2025-W03, FY2025 or FY2025-Q1 (fiscal year start is configurable). Figures are the department's own records (no roll-up of the subtree). A figure is null when the department has no counterpart in that source system (e.g. revenue of a non-sales department) and zero when it has one but no records in the period. */
export type DepartmentBudgetArgs = {
  period: Scalars['String']['input'];
};


/** A department of the company: the HR org unit, which is also an ERP cost centre, a procurement cost centre and — for sales departments — a CRM sales team. `period` arguments take 2025, 2025-Q4, 2025-11, 2025-11-05, 2025-W03, FY2025 or FY2025-Q1 (fiscal year start is configurable). Figures are the department's own records (no roll-up of the subtree). A figure is null when the department has no counterpart in that source system (e.g. revenue of a non-sales department) and zero when it has one but no records in the period. */
export type DepartmentEmployeesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** A department of the company: the HR org unit, which is also an ERP cost centre, a procurement cost centre and — for sales departments — a CRM sales team. `period` arguments take 2025, 2025-Q4, 2025-11, 2025-11-05, 2025-W03, FY2025 or FY2025-Q1 (fiscal year start is configurable). Figures are the department's own records (no roll-up of the subtree). A figure is null when the department has no counterpart in that source system (e.g. revenue of a non-sales department) and zero when it has one but no records in the period. */
export type DepartmentHeadcountArgs = {
  period?: InputMaybe<Scalars['String']['input']>;
};


/** A department of the company: the HR org unit, which is also an ERP cost centre, a procurement cost centre and — for sales departments — a CRM sales team. `period` arguments take 2025, 2025-Q4, 2025-11, 2025-11-05, 2025-W03, FY2025 or FY2025-Q1 (fiscal year start is configurable). Figures are the department's own records (no roll-up of the subtree). A figure is null when the department has no counterpart in that source system (e.g. revenue of a non-sales department) and zero when it has one but no records in the period. */
export type DepartmentIndicatorsArgs = {
  codes: Array<Scalars['String']['input']>;
  period: Scalars['String']['input'];
};


/** A department of the company: the HR org unit, which is also an ERP cost centre, a procurement cost centre and — for sales departments — a CRM sales team. `period` arguments take 2025, 2025-Q4, 2025-11, 2025-11-05, 2025-W03, FY2025 or FY2025-Q1 (fiscal year start is configurable). Figures are the department's own records (no roll-up of the subtree). A figure is null when the department has no counterpart in that source system (e.g. revenue of a non-sales department) and zero when it has one but no records in the period. */
export type DepartmentPayrollCostArgs = {
  period: Scalars['String']['input'];
};


/** A department of the company: the HR org unit, which is also an ERP cost centre, a procurement cost centre and — for sales departments — a CRM sales team. `period` arguments take 2025, 2025-Q4, 2025-11, 2025-11-05, 2025-W03, FY2025 or FY2025-Q1 (fiscal year start is configurable). Figures are the department's own records (no roll-up of the subtree). A figure is null when the department has no counterpart in that source system (e.g. revenue of a non-sales department) and zero when it has one but no records in the period. */
export type DepartmentProcurementSpendArgs = {
  period: Scalars['String']['input'];
};


/** A department of the company: the HR org unit, which is also an ERP cost centre, a procurement cost centre and — for sales departments — a CRM sales team. `period` arguments take 2025, 2025-Q4, 2025-11, 2025-11-05, 2025-W03, FY2025 or FY2025-Q1 (fiscal year start is configurable). Figures are the department's own records (no roll-up of the subtree). A figure is null when the department has no counterpart in that source system (e.g. revenue of a non-sales department) and zero when it has one but no records in the period. */
export type DepartmentRevenueArgs = {
  period: Scalars['String']['input'];
};

/** How to sort departments: ties are broken by key. */
export type DepartmentOrder = {
  direction?: InputMaybe<SortDirection>;
  field: DepartmentSortField;
};

/** A field departments can be sorted by (its home source maps it). */
export type DepartmentSortField =
  | 'id'
  | 'level'
  | 'name';

/** INPUT: computed from it; DRIVER: names it as a declared driver; ALERT: compares with it in an alert rule. */
export type DependencyKind =
  | 'ALERT'
  | 'DRIVER'
  | 'INPUT';

export type DimensionFilter = {
  /** A dimension of the model (a value of IndicatorDimension without an attribute path). */
  dimension: Scalars['String']['input'];
  /** Hub ids of that dimension's entity. */
  ids: Array<Scalars['ID']['input']>;
};

export type DisclosureLogEntry = {
  __typename?: 'DisclosureLogEntry';
  fact: Scalars['String']['output'];
  id: Scalars['Int']['output'];
  /** The base members of the released query set. */
  members: Array<Scalars['String']['output']>;
  principal: Scalars['String']['output'];
  releasedAt: Scalars['String']['output'];
  windowFrom: Scalars['String']['output'];
  windowTo: Scalars['String']['output'];
};

export type DisclosureLogPage = {
  __typename?: 'DisclosureLogPage';
  entries: Array<DisclosureLogEntry>;
  nextCursor?: Maybe<Scalars['Int']['output']>;
};

export type EffectiveAccess = {
  __typename?: 'EffectiveAccess';
  /** False when the principal would be refused (unknown, departed, no role); `reason` says why. */
  admitted: Scalars['Boolean']['output'];
  /** Per Type.field (default: every field some role sees differently): the decision for the union of roles. */
  fields: Array<EffectiveFieldAccess>;
  /** May see aggregates of personal data over groups smaller than the minimum. */
  individuals: Scalars['Boolean']['output'];
  operations: Array<Scalars['String']['output']>;
  principal: Scalars['String']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  roles: Array<Scalars['String']['output']>;
  /** The row scope, in words (union of the roles' row rules). */
  scope?: Maybe<Scalars['String']['output']>;
};

export type EffectiveFieldAccess = {
  __typename?: 'EffectiveFieldAccess';
  /** Each role's own decision, for comparison with the per-role matrix. */
  byRole: Array<RoleDecision>;
  /** allow, deny or mask:<kind> — the most permissive of the principal's roles. */
  decision: Scalars['String']['output'];
  field: Scalars['String']['output'];
  /** The rule that decided, naming the role it came through. */
  rule: Scalars['String']['output'];
};

/** An employee (HR). */
export type Employee = {
  __typename?: 'Employee';
  bankAccount?: Maybe<Scalars['String']['output']>;
  department?: Maybe<Department>;
  email?: Maybe<Scalars['String']['output']>;
  hireDate?: Maybe<Scalars['Date']['output']>;
  id: Scalars['ID']['output'];
  idCardNo?: Maybe<Scalars['String']['output']>;
  /** Indicator values of this Employee (dimension "employee") for one period, batched across Employee rows: one statement per source fact. */
  indicators?: Maybe<Array<IndicatorCell>>;
  leaveDate?: Maybe<Scalars['Date']['output']>;
  manager?: Maybe<Employee>;
  /** Base monthly salary (HR master data), e.g. "18500.00"; some roles see a band such as "10000-20000". */
  monthlySalary?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  phone?: Maybe<Scalars['String']['output']>;
  /** ACTIVE or LEFT. */
  status?: Maybe<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
};


/** An employee (HR). */
export type EmployeeIndicatorsArgs = {
  codes: Array<Scalars['String']['input']>;
  period: Scalars['String']['input'];
};

/** How to sort employees: ties are broken by key. */
export type EmployeeOrder = {
  direction?: InputMaybe<SortDirection>;
  field: EmployeeSortField;
};

/** A field employees can be sorted by (its home source maps it). */
export type EmployeeSortField =
  | 'bankAccount'
  | 'email'
  | 'hireDate'
  | 'id'
  | 'idCardNo'
  | 'leaveDate'
  | 'monthlySalary'
  | 'name'
  | 'phone'
  | 'status'
  | 'title';

/**
 * Every `extensions.code` the hub answers (the error contract: README "Errors as a contract").
 * Not used as a field type: clients generate it to switch over `extensions.code`.
 */
export type ErrorCode =
  /** HTTP 200 (field). An archived indicator asked for where the configuration makes that an error. */
  | 'ARCHIVED'
  /** HTTP 503 (request, websocket). The audit record could not be written, so nothing was answered (fail closed). */
  | 'AUDIT_UNAVAILABLE'
  /** HTTP 400 (request). Not a GraphQL request: the body is not JSON, has no query, is a corrupt gzip/br stream, or its length is wrong. */
  | 'BAD_REQUEST'
  /** HTTP 400 (request, field). An argument or variable is not acceptable; the message says what was expected and what arrived. Reasons: INVALID_DEFINITION, WEBHOOK_URL_NOT_ALLOWED. */
  | 'BAD_USER_INPUT'
  /** HTTP 200 (field). Someone changed the thing first (optimistic concurrency); the message names its current version. */
  | 'CONFLICT'
  /** HTTP 403 (request, field, websocket). Authenticated, but the policy does not permit this. `me { fieldAccess }` tells a UI beforehand. Reasons: FIELD_DENIED, FIELD_MASKED, NO_ROLE, UNTRUSTED_DOCUMENT, PERSONAL_DATA_CUT, NOT_AN_EDITOR, NOT_AN_APPROVER, NOT_THE_AUTHOR, OWN_CHANGE, BOOTSTRAP_CLOSED, WEBHOOKS_DISABLED, WEBHOOK_TARGETS_HUB, AUDITORS_ONLY, EXPORT_NOT_GRANTED. */
  | 'FORBIDDEN'
  /** HTTP 400 (request, websocket). The document is not GraphQL, or has more tokens than `limits.maxTokens`. */
  | 'GRAPHQL_PARSE_FAILED'
  /** HTTP 400 (request, websocket). The document does not fit the schema, or exceeds a depth, alias, directive, duplicate or cost limit. */
  | 'GRAPHQL_VALIDATION_FAILED'
  /** HTTP 200 (field). A source value cannot be read exactly (a float column read as an exact decimal without its scale); the message names the source, fact, measure and the YAML to write. */
  | 'INEXACT_VALUE'
  /** HTTP 200 (websocket). A subscribe arrived on a connection the hub is closing (its token expired, access was revoked, or the hub is stopping): connect again. Not a fault; an internal fault over WebSocket is `INTERNAL_SERVER_ERROR`, or a close with 4500 and an error id. */
  | 'INTERNAL'
  /** HTTP 500 (request, field, websocket). The hub's fault. The message and `errorId` lead the operators to the cause in the log. */
  | 'INTERNAL_SERVER_ERROR'
  /** HTTP 200 (field). The thing asked for does not exist or is not visible to you. */
  | 'NOT_FOUND'
  /** HTTP 400 (request). The operation to run cannot be chosen (an unknown `operationName`, or several operations and none named). */
  | 'OPERATION_RESOLUTION_FAILURE'
  /** HTTP 503 (request). The hub's in-flight budget (`limits.inFlight`) is spent; refused before any statement. Retry after `Retry-After`. */
  | 'OVERLOADED'
  /** HTTP 413 (request). The request body is larger than `server.bodyLimitBytes`. */
  | 'PAYLOAD_TOO_LARGE'
  /** HTTP 404 (request, websocket). A document id (`documentId` or `persistedQuery`) that is not registered; send the full text. Reasons: UNKNOWN_DOCUMENT_ID. */
  | 'PERSISTED_QUERY_NOT_FOUND'
  /** HTTP 400 (request). Apollo's automatic persisted queries are not available here. */
  | 'PERSISTED_QUERY_NOT_SUPPORTED'
  /** HTTP 429 (request, websocket). Too many requests (per principal), or too many refused ones (per address). Retry after `Retry-After`. */
  | 'RATE_LIMITED'
  /** HTTP 400 (request). The request would produce more indicator cells than `limits.maxResponseCells`; refused before any statement. */
  | 'RESPONSE_TOO_LARGE'
  /** HTTP 200 (field). A source did not answer within its statement timeout. */
  | 'SOURCE_TIMEOUT'
  /** HTTP 200 (field). A source database failed or its circuit is open; other sources' fields are still answered. */
  | 'SOURCE_UNAVAILABLE'
  /** HTTP 200 (websocket). The subscriber fell behind; subscribe again and read the rest in `noticeInbox`. */
  | 'SUBSCRIBER_TOO_SLOW'
  /** HTTP 200 (field). A value withheld to protect people (too few in the group, or differencing); the cell says why in `reason`. */
  | 'SUPPRESSED'
  /** HTTP 200 (websocket). The connection's token expired: connect again with a new one. */
  | 'TOKEN_EXPIRED'
  /** HTTP 200 (websocket). The principal has `limits.websocket.maxConnectionsPerPrincipal` sockets open already: the new one closes with 4442 and the reason `TOO_MANY_CONNECTIONS: …`. */
  | 'TOO_MANY_CONNECTIONS'
  /** HTTP 429 (request). The principal's in-flight budget (`limits.inFlight`) is spent; refused before any statement. Retry after `Retry-After`. */
  | 'TOO_MANY_IN_FLIGHT'
  /** HTTP 200 (field). An aggregate statement returned more rows than `limits.maxStatementRows`. */
  | 'TOO_MANY_ROWS'
  /** HTTP 200 (websocket). The principal has `limits.websocket.maxSubscriptions` subscriptions open already. */
  | 'TOO_MANY_SUBSCRIPTIONS'
  /** HTTP 401 (request, websocket). No credentials, or credentials not accepted. The answer carries `WWW-Authenticate: Bearer`; over WebSocket the socket closes with 4401. Reasons: MISSING_CREDENTIALS, BAD_TOKEN, UNKNOWN_API_KEY, ACCESS_REVOKED. */
  | 'UNAUTHENTICATED'
  /** HTTP 415 (request). The body is in a charset or content-encoding the hub does not read: send JSON in UTF-8, plain, gzip or br. */
  | 'UNSUPPORTED_MEDIA_TYPE';

export type ExportColumn = {
  header: Scalars['String']['input'];
  path: Scalars['String']['input'];
};

export type ExportFormat =
  | 'CSV'
  | 'XLSX';

export type FieldAccess = {
  __typename?: 'FieldAccess';
  /** The row rules of the viewer's roles (policy.yaml `rows`), in words; a row is visible when any role's rules let it through. */
  rowRules: Array<RowRule>;
  types: Array<TypeAccess>;
};

export type FieldAccessDecision =
  | 'ALLOWED'
  | 'DENIED'
  | 'MASKED';

export type FieldAccessEntry = {
  __typename?: 'FieldAccessEntry';
  access: FieldAccessDecision;
  field: Scalars['String']['output'];
  /** The mask applied when `access` is MASKED (e.g. phone, salary_band). */
  mask?: Maybe<Scalars['String']['output']>;
  /** The policy rule that decided. */
  rule: Scalars['String']['output'];
};

export type FieldPermissions = {
  __typename?: 'FieldPermissions';
  decisions: Array<RoleDecision>;
  field: Scalars['String']['output'];
};

export type Grain =
  /** One bucket over the whole requested range: sums, ratios and distinct counts of the range itself (one statement over it, not added periods). Indicators comparing or accumulating periods (previous period, year ago, YTD, rolling) are refused. */
  | 'ALL'
  | 'DAY'
  | 'MONTH'
  | 'QUARTER'
  | 'WEEK'
  | 'YEAR';

export type ImpactFlag = {
  __typename?: 'ImpactFlag';
  kind: ImpactFlagKind;
  message: Scalars['String']['output'];
};

export type ImpactFlagKind =
  | 'ADDITIVITY_CHANGED'
  | 'ARCHIVED_WITHOUT_SUCCESSOR'
  | 'ARCHIVED_WITH_SUCCESSOR'
  | 'COMPUTATION_CHANGED'
  | 'CREATED'
  | 'DIMENSIONS_REMOVED'
  | 'INPUTS_CHANGED'
  | 'TYPE_CHANGED'
  | 'UNIT_CHANGED';

export type ImpactOwner = {
  __typename?: 'ImpactOwner';
  codes: Array<Scalars['String']['output']>;
  owner: IndicatorOwner;
};

export type ImpactReport = {
  __typename?: 'ImpactReport';
  code: Scalars['String']['output'];
  /** Dashboards that registered interest in it or a dependent; null when no interest registry is connected. */
  dashboards?: Maybe<Array<InterestedDashboard>>;
  /** The indicators that depend on it, transitively, with the path. */
  dependents: Array<IndicatorDependency>;
  /** What kind of change it is: unit, inputs or computation changed, dimensions removed, archived with or without successor. */
  flags: Array<ImpactFlag>;
  kind: ChangeKind;
  /** Registered operations (trusted documents) that use it or a dependent, or that cannot be read statically. */
  operations: Array<OperationImpact>;
  /** Whom to tell: the owners of the indicator and of its dependents, with the codes each owns. */
  owners: Array<ImpactOwner>;
};

/** One indicator of the dictionary. */
export type Indicator = {
  __typename?: 'Indicator';
  /** additive, snapshot (a balance taken at period end) or non_additive. */
  additivity: Scalars['String']['output'];
  code: Scalars['String']['output'];
  /** 口径: exactly what is counted and when. */
  definition: Scalars['String']['output'];
  /**
   * Every indicator that depends on it: computed from it (transitively, with the shortest path), or naming it
   * as a declared driver or in an alert rule.
   */
  dependents: Array<IndicatorDependency>;
  dimensions: Array<Scalars['String']['output']>;
  direction: Scalars['String']['output'];
  /** Owner domain (a domain of the policy file): its editors and approvers govern the definition. */
  domain: Scalars['String']['output'];
  /** Hash of the definition: result caches are keyed by it. */
  fingerprint: Scalars['String']['output'];
  format: Scalars['String']['output'];
  /** For formulas: the formula text; for ratios: numerator / denominator. */
  formula?: Maybe<Scalars['String']['output']>;
  /** Every published version, oldest first: author, approver, reason, time and diff against the one before. */
  history: Array<IndicatorVersionRecord>;
  /** The indicators it is computed from (its decomposition). */
  inputs: Array<Indicator>;
  /** Where its value comes from: the indicators it is computed from (transitively), the source tables and columns read. */
  lineage: Lineage;
  /** For simple indicators: the source measure it aggregates. */
  measure?: Maybe<SourceMeasure>;
  nameEn: Scalars['String']['output'];
  nameZh: Scalars['String']['output'];
  owner: IndicatorOwner;
  /** Decimal places its values are shown with (rounded once, half-up): the definition's precision, else its unit's. */
  precision: Scalars['Int']['output'];
  /** Source systems its simple inputs come from. */
  sources: Array<Scalars['String']['output']>;
  /** PUBLISHED or ARCHIVED (drafts are change requests; see indicatorChanges). */
  status: IndicatorStatus;
  /** For an archived indicator: the one to use instead. */
  successor?: Maybe<Indicator>;
  synonyms: Array<Scalars['String']['output']>;
  tags: Array<Scalars['String']['output']>;
  /**
   * 目标: the targets of targets/*.yaml for periods inside `from` … `to` (any period forms; a target counts when
   * its period lies within), per organisation unit (`unit`, a hub id) or for the whole company (`unit` null).
   * Row rules apply: a unit the viewer may not see is left out, and the whole company's target only shows to
   * viewers who see every unit.
   */
  targets: Array<IndicatorTarget>;
  /** simple, ratio, formula, cumulative or period_over_period. */
  type: Scalars['String']['output'];
  /** A unit of the units file (units.yaml): the company's currency, count, percent (in percent points), days, ratio… */
  unit: Scalars['String']['output'];
  /** Which version this is: v1, v2, … (published), or "draft #12" for a change request's proposal. */
  version: Scalars['String']['output'];
  /** The published version number; null for a draft. */
  versionNumber?: Maybe<Scalars['Int']['output']>;
};


/** One indicator of the dictionary. */
export type IndicatorTargetsArgs = {
  from: Scalars['String']['input'];
  to: Scalars['String']['input'];
};

export type IndicatorCell = {
  __typename?: 'IndicatorCell';
  code: Scalars['String']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  /** Null with a reason when there is no value (empty period, division by zero, no counterpart). */
  value?: Maybe<Scalars['Decimal']['output']>;
};

export type IndicatorDependency = {
  __typename?: 'IndicatorDependency';
  code: Scalars['String']['output'];
  indicator?: Maybe<Indicator>;
  /** From the indicator depended on to the dependent, e.g. [invoiced_revenue, gross_profit, gross_margin]. */
  path: Array<Scalars['String']['output']>;
  via: DependencyKind;
};

/** A dimension path indicatorValues can group by (argument `by`): a fact dimension of the model, an attribute of its entity or a path through its references, "." spelled "_". */
export type IndicatorDimension =
  /** customer: members are Customer rows */
  | 'customer'
  /** customer.createdOn: members are the values of Customer.createdOn */
  | 'customer_createdOn'
  /** customer.creditLimit: members are the values of Customer.creditLimit */
  | 'customer_creditLimit'
  /** customer.industry: members are the values of Customer.industry */
  | 'customer_industry'
  /** customer.region: members are the values of Customer.region */
  | 'customer_region'
  /** customer.salesDepartment: members are Department rows (Customer.salesDepartment) */
  | 'customer_salesDepartment'
  /** customer.salesDepartment.head: members are Employee rows (Department.head) */
  | 'customer_salesDepartment_head'
  /** customer.salesDepartment.head.bankAccount: members are the values of Employee.bankAccount */
  | 'customer_salesDepartment_head_bankAccount'
  /** customer.salesDepartment.head.department: members are Department rows (Employee.department) */
  | 'customer_salesDepartment_head_department'
  /** customer.salesDepartment.head.email: members are the values of Employee.email */
  | 'customer_salesDepartment_head_email'
  /** customer.salesDepartment.head.hireDate: members are the values of Employee.hireDate */
  | 'customer_salesDepartment_head_hireDate'
  /** customer.salesDepartment.head.idCardNo: members are the values of Employee.idCardNo */
  | 'customer_salesDepartment_head_idCardNo'
  /** customer.salesDepartment.head.leaveDate: members are the values of Employee.leaveDate */
  | 'customer_salesDepartment_head_leaveDate'
  /** customer.salesDepartment.head.manager: members are Employee rows (Employee.manager) */
  | 'customer_salesDepartment_head_manager'
  /** customer.salesDepartment.head.monthlySalary: members are the values of Employee.monthlySalary */
  | 'customer_salesDepartment_head_monthlySalary'
  /** customer.salesDepartment.head.phone: members are the values of Employee.phone */
  | 'customer_salesDepartment_head_phone'
  /** customer.salesDepartment.head.status: members are the values of Employee.status */
  | 'customer_salesDepartment_head_status'
  /** customer.salesDepartment.head.title: members are the values of Employee.title */
  | 'customer_salesDepartment_head_title'
  /** customer.salesDepartment.level: members are the values of Department.level */
  | 'customer_salesDepartment_level'
  /** customer.salesDepartment.parent: members are Department rows (Department.parent) */
  | 'customer_salesDepartment_parent'
  /** customer.salesDepartment.parent.head: members are Employee rows (Department.head) */
  | 'customer_salesDepartment_parent_head'
  /** customer.salesDepartment.parent.level: members are the values of Department.level */
  | 'customer_salesDepartment_parent_level'
  /** customer.salesDepartment.parent.parent: members are Department rows (Department.parent) */
  | 'customer_salesDepartment_parent_parent'
  /** customer.salesDepartment.parent.region: members are the values of Department.region */
  | 'customer_salesDepartment_parent_region'
  /** customer.salesDepartment.region: members are the values of Department.region */
  | 'customer_salesDepartment_region'
  /** customer.segment: members are the values of Customer.segment */
  | 'customer_segment'
  /** department: members are Department rows */
  | 'department'
  /** department.head: members are Employee rows (Department.head) */
  | 'department_head'
  /** department.head.bankAccount: members are the values of Employee.bankAccount */
  | 'department_head_bankAccount'
  /** department.head.department: members are Department rows (Employee.department) */
  | 'department_head_department'
  /** department.head.department.head: members are Employee rows (Department.head) */
  | 'department_head_department_head'
  /** department.head.department.level: members are the values of Department.level */
  | 'department_head_department_level'
  /** department.head.department.parent: members are Department rows (Department.parent) */
  | 'department_head_department_parent'
  /** department.head.department.region: members are the values of Department.region */
  | 'department_head_department_region'
  /** department.head.email: members are the values of Employee.email */
  | 'department_head_email'
  /** department.head.hireDate: members are the values of Employee.hireDate */
  | 'department_head_hireDate'
  /** department.head.idCardNo: members are the values of Employee.idCardNo */
  | 'department_head_idCardNo'
  /** department.head.leaveDate: members are the values of Employee.leaveDate */
  | 'department_head_leaveDate'
  /** department.head.manager: members are Employee rows (Employee.manager) */
  | 'department_head_manager'
  /** department.head.manager.bankAccount: members are the values of Employee.bankAccount */
  | 'department_head_manager_bankAccount'
  /** department.head.manager.department: members are Department rows (Employee.department) */
  | 'department_head_manager_department'
  /** department.head.manager.email: members are the values of Employee.email */
  | 'department_head_manager_email'
  /** department.head.manager.hireDate: members are the values of Employee.hireDate */
  | 'department_head_manager_hireDate'
  /** department.head.manager.idCardNo: members are the values of Employee.idCardNo */
  | 'department_head_manager_idCardNo'
  /** department.head.manager.leaveDate: members are the values of Employee.leaveDate */
  | 'department_head_manager_leaveDate'
  /** department.head.manager.manager: members are Employee rows (Employee.manager) */
  | 'department_head_manager_manager'
  /** department.head.manager.monthlySalary: members are the values of Employee.monthlySalary */
  | 'department_head_manager_monthlySalary'
  /** department.head.manager.phone: members are the values of Employee.phone */
  | 'department_head_manager_phone'
  /** department.head.manager.status: members are the values of Employee.status */
  | 'department_head_manager_status'
  /** department.head.manager.title: members are the values of Employee.title */
  | 'department_head_manager_title'
  /** department.head.monthlySalary: members are the values of Employee.monthlySalary */
  | 'department_head_monthlySalary'
  /** department.head.phone: members are the values of Employee.phone */
  | 'department_head_phone'
  /** department.head.status: members are the values of Employee.status */
  | 'department_head_status'
  /** department.head.title: members are the values of Employee.title */
  | 'department_head_title'
  /** department.level: members are the values of Department.level */
  | 'department_level'
  /** department.parent: members are Department rows (Department.parent) */
  | 'department_parent'
  /** department.parent.head: members are Employee rows (Department.head) */
  | 'department_parent_head'
  /** department.parent.head.bankAccount: members are the values of Employee.bankAccount */
  | 'department_parent_head_bankAccount'
  /** department.parent.head.department: members are Department rows (Employee.department) */
  | 'department_parent_head_department'
  /** department.parent.head.email: members are the values of Employee.email */
  | 'department_parent_head_email'
  /** department.parent.head.hireDate: members are the values of Employee.hireDate */
  | 'department_parent_head_hireDate'
  /** department.parent.head.idCardNo: members are the values of Employee.idCardNo */
  | 'department_parent_head_idCardNo'
  /** department.parent.head.leaveDate: members are the values of Employee.leaveDate */
  | 'department_parent_head_leaveDate'
  /** department.parent.head.manager: members are Employee rows (Employee.manager) */
  | 'department_parent_head_manager'
  /** department.parent.head.monthlySalary: members are the values of Employee.monthlySalary */
  | 'department_parent_head_monthlySalary'
  /** department.parent.head.phone: members are the values of Employee.phone */
  | 'department_parent_head_phone'
  /** department.parent.head.status: members are the values of Employee.status */
  | 'department_parent_head_status'
  /** department.parent.head.title: members are the values of Employee.title */
  | 'department_parent_head_title'
  /** department.parent.level: members are the values of Department.level */
  | 'department_parent_level'
  /** department.parent.parent: members are Department rows (Department.parent) */
  | 'department_parent_parent'
  /** department.parent.parent.head: members are Employee rows (Department.head) */
  | 'department_parent_parent_head'
  /** department.parent.parent.level: members are the values of Department.level */
  | 'department_parent_parent_level'
  /** department.parent.parent.parent: members are Department rows (Department.parent) */
  | 'department_parent_parent_parent'
  /** department.parent.parent.region: members are the values of Department.region */
  | 'department_parent_parent_region'
  /** department.parent.region: members are the values of Department.region */
  | 'department_parent_region'
  /** department.region: members are the values of Department.region */
  | 'department_region'
  /** employee: members are Employee rows */
  | 'employee'
  /** employee.bankAccount: members are the values of Employee.bankAccount */
  | 'employee_bankAccount'
  /** employee.department: members are Department rows (Employee.department) */
  | 'employee_department'
  /** employee.department.head: members are Employee rows (Department.head) */
  | 'employee_department_head'
  /** employee.department.head.bankAccount: members are the values of Employee.bankAccount */
  | 'employee_department_head_bankAccount'
  /** employee.department.head.department: members are Department rows (Employee.department) */
  | 'employee_department_head_department'
  /** employee.department.head.email: members are the values of Employee.email */
  | 'employee_department_head_email'
  /** employee.department.head.hireDate: members are the values of Employee.hireDate */
  | 'employee_department_head_hireDate'
  /** employee.department.head.idCardNo: members are the values of Employee.idCardNo */
  | 'employee_department_head_idCardNo'
  /** employee.department.head.leaveDate: members are the values of Employee.leaveDate */
  | 'employee_department_head_leaveDate'
  /** employee.department.head.manager: members are Employee rows (Employee.manager) */
  | 'employee_department_head_manager'
  /** employee.department.head.monthlySalary: members are the values of Employee.monthlySalary */
  | 'employee_department_head_monthlySalary'
  /** employee.department.head.phone: members are the values of Employee.phone */
  | 'employee_department_head_phone'
  /** employee.department.head.status: members are the values of Employee.status */
  | 'employee_department_head_status'
  /** employee.department.head.title: members are the values of Employee.title */
  | 'employee_department_head_title'
  /** employee.department.level: members are the values of Department.level */
  | 'employee_department_level'
  /** employee.department.parent: members are Department rows (Department.parent) */
  | 'employee_department_parent'
  /** employee.department.parent.head: members are Employee rows (Department.head) */
  | 'employee_department_parent_head'
  /** employee.department.parent.level: members are the values of Department.level */
  | 'employee_department_parent_level'
  /** employee.department.parent.parent: members are Department rows (Department.parent) */
  | 'employee_department_parent_parent'
  /** employee.department.parent.region: members are the values of Department.region */
  | 'employee_department_parent_region'
  /** employee.department.region: members are the values of Department.region */
  | 'employee_department_region'
  /** employee.email: members are the values of Employee.email */
  | 'employee_email'
  /** employee.hireDate: members are the values of Employee.hireDate */
  | 'employee_hireDate'
  /** employee.idCardNo: members are the values of Employee.idCardNo */
  | 'employee_idCardNo'
  /** employee.leaveDate: members are the values of Employee.leaveDate */
  | 'employee_leaveDate'
  /** employee.manager: members are Employee rows (Employee.manager) */
  | 'employee_manager'
  /** employee.manager.bankAccount: members are the values of Employee.bankAccount */
  | 'employee_manager_bankAccount'
  /** employee.manager.department: members are Department rows (Employee.department) */
  | 'employee_manager_department'
  /** employee.manager.department.head: members are Employee rows (Department.head) */
  | 'employee_manager_department_head'
  /** employee.manager.department.level: members are the values of Department.level */
  | 'employee_manager_department_level'
  /** employee.manager.department.parent: members are Department rows (Department.parent) */
  | 'employee_manager_department_parent'
  /** employee.manager.department.region: members are the values of Department.region */
  | 'employee_manager_department_region'
  /** employee.manager.email: members are the values of Employee.email */
  | 'employee_manager_email'
  /** employee.manager.hireDate: members are the values of Employee.hireDate */
  | 'employee_manager_hireDate'
  /** employee.manager.idCardNo: members are the values of Employee.idCardNo */
  | 'employee_manager_idCardNo'
  /** employee.manager.leaveDate: members are the values of Employee.leaveDate */
  | 'employee_manager_leaveDate'
  /** employee.manager.manager: members are Employee rows (Employee.manager) */
  | 'employee_manager_manager'
  /** employee.manager.manager.bankAccount: members are the values of Employee.bankAccount */
  | 'employee_manager_manager_bankAccount'
  /** employee.manager.manager.department: members are Department rows (Employee.department) */
  | 'employee_manager_manager_department'
  /** employee.manager.manager.email: members are the values of Employee.email */
  | 'employee_manager_manager_email'
  /** employee.manager.manager.hireDate: members are the values of Employee.hireDate */
  | 'employee_manager_manager_hireDate'
  /** employee.manager.manager.idCardNo: members are the values of Employee.idCardNo */
  | 'employee_manager_manager_idCardNo'
  /** employee.manager.manager.leaveDate: members are the values of Employee.leaveDate */
  | 'employee_manager_manager_leaveDate'
  /** employee.manager.manager.manager: members are Employee rows (Employee.manager) */
  | 'employee_manager_manager_manager'
  /** employee.manager.manager.monthlySalary: members are the values of Employee.monthlySalary */
  | 'employee_manager_manager_monthlySalary'
  /** employee.manager.manager.phone: members are the values of Employee.phone */
  | 'employee_manager_manager_phone'
  /** employee.manager.manager.status: members are the values of Employee.status */
  | 'employee_manager_manager_status'
  /** employee.manager.manager.title: members are the values of Employee.title */
  | 'employee_manager_manager_title'
  /** employee.manager.monthlySalary: members are the values of Employee.monthlySalary */
  | 'employee_manager_monthlySalary'
  /** employee.manager.phone: members are the values of Employee.phone */
  | 'employee_manager_phone'
  /** employee.manager.status: members are the values of Employee.status */
  | 'employee_manager_status'
  /** employee.manager.title: members are the values of Employee.title */
  | 'employee_manager_title'
  /** employee.monthlySalary: members are the values of Employee.monthlySalary */
  | 'employee_monthlySalary'
  /** employee.phone: members are the values of Employee.phone */
  | 'employee_phone'
  /** employee.status: members are the values of Employee.status */
  | 'employee_status'
  /** employee.title: members are the values of Employee.title */
  | 'employee_title'
  /** product: members are Product rows */
  | 'product'
  /** product.category: members are the values of Product.category */
  | 'product_category'
  /** product.listPrice: members are the values of Product.listPrice */
  | 'product_listPrice'
  /** product.standardCost: members are the values of Product.standardCost */
  | 'product_standardCost'
  /** supplier: members are Supplier rows */
  | 'supplier'
  /** supplier.category: members are the values of Supplier.category */
  | 'supplier_category'
  /** supplier.rating: members are the values of Supplier.rating */
  | 'supplier_rating'
  /** supplier.region: members are the values of Supplier.region */
  | 'supplier_region';

export type IndicatorEdge = {
  __typename?: 'IndicatorEdge';
  code: Scalars['String']['output'];
  /** Its direct inputs, in definition order (numerator, denominator; formula references; base). */
  inputs: Array<Scalars['String']['output']>;
};

export type IndicatorExplanation = {
  __typename?: 'IndicatorExplanation';
  code: Scalars['String']['output'];
  definition: Scalars['String']['output'];
  /** Filters applied by the request, in words. */
  filters: Array<Scalars['String']['output']>;
  formula?: Maybe<Scalars['String']['output']>;
  /** Every indicator it is computed from (transitively), with the versions used. */
  inputs: Array<IndicatorVersion>;
  /** How time applies, in words: e.g. "snapshot, as of now" for an indicator read from a fact without time or validity. */
  notes: Array<Scalars['String']['output']>;
  /** The statements its simple inputs came from. */
  statements: Array<StatementProvenance>;
  type: Scalars['String']['output'];
  version: Scalars['String']['output'];
};

/**
 * A notice of indicator governance: a change proposed, approved, rejected or archived. Told to the
 * indicator's owners and its dependents' owners (inbox), to registered interest (webhooks) and to live
 * subscribers (Subscription.indicatorNotices).
 */
export type IndicatorNotice = {
  __typename?: 'IndicatorNotice';
  /** Who acted (principal). */
  actor: Scalars['String']['output'];
  /** The code and every indicator that depends on it (transitively). */
  affected: Array<Scalars['String']['output']>;
  /** When, ISO 8601 UTC. */
  at: Scalars['String']['output'];
  changeId: Scalars['ID']['output'];
  /** The indicator the change is about. */
  code: Scalars['String']['output'];
  /** Its owner domain. */
  domain: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  kind: NoticeKind;
  /** The proposer's reason or the reviewer's comment. */
  note: Scalars['String']['output'];
  /** Whether you marked it read (always false when pushed live). */
  read: Scalars['Boolean']['output'];
  /** The version published (approved) or archived; null otherwise. */
  version?: Maybe<Scalars['Int']['output']>;
};

/**
 * Who owns a definition: a person and, when the model declares an organisation unit, their unit (field
 * `unit`), as the definition names them.
 */
export type IndicatorOwner = {
  __typename?: 'IndicatorOwner';
  /** @deprecated Use `unit`. */
  department?: Maybe<Department>;
  /** The owning person's hub id (an id of the model's people entity). */
  person: Scalars['String']['output'];
  /** The owning Department. */
  unit?: Maybe<Department>;
};

export type IndicatorRow = {
  __typename?: 'IndicatorRow';
  cells: Array<IndicatorCell>;
  /** @deprecated Use `members`: the first of them. */
  member?: Maybe<Member>;
  /** One member per dimension path of `by`, in order; empty when not grouped. */
  members: Array<Member>;
  period: Scalars['String']['output'];
};

export type IndicatorSeries = {
  __typename?: 'IndicatorSeries';
  code: Scalars['String']['output'];
  /** @deprecated Use `members`: the first of them. */
  member?: Maybe<Member>;
  /** One member per dimension path of `by`, in order; empty when not grouped. */
  members: Array<Member>;
  points: Array<SeriesPoint>;
};

export type IndicatorStatus =
  | 'ARCHIVED'
  | 'DRAFT'
  | 'IN_REVIEW'
  | 'PUBLISHED';

export type IndicatorTable = {
  __typename?: 'IndicatorTable';
  /** Each source's data as-of time for this answer (the oldest statement or cache entry used). */
  asOf: Array<SourceAsOf>;
  /** The dimension paths grouped by, in order (dimension or dimension.attribute.path); empty when not grouped. */
  by: Array<Scalars['String']['output']>;
  /** Provenance of each requested indicator: definition version, formula, inputs, statements, filters. */
  explain: Array<IndicatorExplanation>;
  grain: Grain;
  /**
   * The first dimension path grouped by, if any.
   * @deprecated Use `by`: a table may be grouped by several dimensions.
   */
  groupBy?: Maybe<Scalars['String']['output']>;
  indicators: Array<Indicator>;
  /** For a paged table (`page`): where this page stands; null when not paged. */
  pageInfo?: Maybe<MemberPageInfo>;
  periods: Array<PeriodBucket>;
  /** One row per period × member, a cell per requested indicator (in request order). */
  rows: Array<IndicatorRow>;
  /** The same values as one series per indicator × member, for charts. */
  series: Array<IndicatorSeries>;
  /** Sources that failed for this table: their indicators are null with the reason, the rest stands. */
  sourceErrors: Array<SourceFailure>;
  /** Every aggregate statement behind the table: one per source fact, run now or reused from the cache. */
  statements: Array<StatementProvenance>;
  /** Deprecations and the like: an archived indicator was computed with its last version (the successor named); an indicator read from a snapshot fact shows its current value in every period. */
  warnings: Array<Scalars['String']['output']>;
};

export type IndicatorTarget = {
  __typename?: 'IndicatorTarget';
  period: Scalars['String']['output'];
  /** A hub id of the model's organisation unit; null for the whole company. */
  unit?: Maybe<Scalars['ID']['output']>;
  value: Scalars['Decimal']['output'];
};

export type IndicatorVersion = {
  __typename?: 'IndicatorVersion';
  code: Scalars['String']['output'];
  fingerprint?: Maybe<Scalars['String']['output']>;
  /** v1, v2, … or "draft #12". */
  version: Scalars['String']['output'];
};

/** One published version: never edited, never deleted. */
export type IndicatorVersionRecord = {
  __typename?: 'IndicatorVersionRecord';
  approvedBy: Scalars['String']['output'];
  author: Scalars['String']['output'];
  changeId?: Maybe<Scalars['ID']['output']>;
  code: Scalars['String']['output'];
  /** The definition as YAML. */
  definition: Scalars['String']['output'];
  /** Against the version before (empty for v1). */
  diff: Array<DefinitionDiff>;
  fingerprint: Scalars['String']['output'];
  /** As-of queries use this version from this instant (the epoch for the initial import). */
  inForceFrom: Scalars['String']['output'];
  publishedAt: Scalars['String']['output'];
  reason: Scalars['String']['output'];
  version: Scalars['Int']['output'];
};

export type InterestedDashboard = {
  __typename?: 'InterestedDashboard';
  codes: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  owner: Scalars['String']['output'];
};

export type Language =
  | 'EN'
  | 'ZH';

export type Lineage = {
  __typename?: 'Lineage';
  /** Every source column the statements behind it read, with the role the column plays there. */
  columns: Array<SourceColumn>;
  /** The source systems it reads. */
  sources: Array<Scalars['String']['output']>;
  /** The source tables read, with the facts mapped over them. */
  tables: Array<SourceTable>;
  /** One edge per derived indicator in the closure (itself first): the code and its direct inputs. */
  upstream: Array<IndicatorEdge>;
};

/** A member of a grouped dimension path: a row of the dimension's entity (or of the entity a reference path reaches), or an attribute value. */
export type Member = {
  __typename?: 'Member';
  id: Scalars['String']['output'];
  name?: Maybe<Scalars['String']['output']>;
};

/**
 * A page of the members of the first grouping dimension (a plain dimension of the model, not an attribute
 * path), ordered by member id: the table holds the rows of the first `first` members after the cursor `after`
 * (the `endCursor` of the previous page) that have data, as the unpaged table would show them. Every page is
 * computed like the unpaged table restricted to its members (a member filter), so it costs the same statements
 * and holds only the viewer's members. Not with `top` (which already bounds the members) or `rollup`.
 */
export type MemberPage = {
  /** The endCursor of the previous page; absent for the first page. */
  after?: InputMaybe<Scalars['String']['input']>;
  /** Members per page (1 or more). */
  first: Scalars['Int']['input'];
};

/** Where a paged table (indicatorValues with `page`) stands among the members of its first dimension. */
export type MemberPageInfo = {
  __typename?: 'MemberPageInfo';
  /** The cursor of this page's last member (opaque); null for an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when members follow this page: ask again with after: endCursor. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Members of the dimension the viewer may see (those without data included), over all pages. */
  totalMembers: Scalars['Int']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * An approver of the domain (never the author) approves a change under review: an update publishes the next
   * version, an archive archives. Racing decisions: exactly one wins, the others get CONFLICT.
   */
  approveIndicatorChange?: Maybe<ChangeRequest>;
  /** Cancels one of your subscriptions; its pending deliveries are cancelled too. */
  cancelNoticeSubscription?: Maybe<NoticeSubscription>;
  /** The author edits a draft. `expectedRevision` is the change's revision you read (optimistic concurrency). */
  editIndicatorChange?: Maybe<ChangeRequest>;
  /** Marks notices of your inbox read (for you only); returns how many of them are read now. */
  markNoticesRead?: Maybe<Scalars['Int']['output']>;
  /**
   * Proposes a change: CREATE a new indicator, UPDATE a published one (the definition as YAML, the same format
   * as indicators/*.yaml), or ARCHIVE one (optionally naming its successor). It stays a DRAFT its author can
   * edit, or goes straight to review with `submit: true`. `baseVersion` (update/archive) is the version you
   * read: if the indicator has moved on, the answer is CONFLICT.
   */
  proposeIndicatorChange?: Maybe<ChangeRequest>;
  /**
   * Registers interest in indicators (omit `codes` for all). A `webhookUrl` must be on the configured
   * allow-list and needs a `secret` (at least 16 characters) to sign deliveries with.
   */
  registerNoticeSubscription?: Maybe<NoticeSubscription>;
  /** An approver of the domain (never the author) rejects a change under review, saying why. */
  rejectIndicatorChange?: Maybe<ChangeRequest>;
  /** The author sends a draft to review; the domain's approvers are notified. */
  submitIndicatorChange?: Maybe<ChangeRequest>;
  /** The author takes a draft or a change under review back. */
  withdrawIndicatorChange?: Maybe<ChangeRequest>;
};


export type MutationApproveIndicatorChangeArgs = {
  comment: Scalars['String']['input'];
  expectedRevision: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
};


export type MutationCancelNoticeSubscriptionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationEditIndicatorChangeArgs = {
  definition?: InputMaybe<Scalars['String']['input']>;
  expectedRevision: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationMarkNoticesReadArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type MutationProposeIndicatorChangeArgs = {
  input: ProposeIndicatorChange;
};


export type MutationRegisterNoticeSubscriptionArgs = {
  codes?: InputMaybe<Array<Scalars['String']['input']>>;
  secret?: InputMaybe<Scalars['String']['input']>;
  webhookUrl?: InputMaybe<Scalars['String']['input']>;
};


export type MutationRejectIndicatorChangeArgs = {
  comment: Scalars['String']['input'];
  expectedRevision: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
};


export type MutationSubmitIndicatorChangeArgs = {
  expectedRevision: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
};


export type MutationWithdrawIndicatorChangeArgs = {
  expectedRevision: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
};

/** What happened to an indicator's definition (src/governance lifecycle). */
export type NoticeKind =
  | 'approved'
  | 'archived'
  | 'edited'
  | 'proposed'
  | 'rejected'
  | 'submitted'
  | 'withdrawn';

/**
 * Registered interest: notices affecting any of `codes` (null = every indicator) reach the owner's inbox
 * and, with a webhook, are POSTed there signed with the secret given at registration (never shown again).
 */
export type NoticeSubscription = {
  __typename?: 'NoticeSubscription';
  active: Scalars['Boolean']['output'];
  cancelledAt?: Maybe<Scalars['String']['output']>;
  /** null = every indicator. */
  codes?: Maybe<Array<Scalars['String']['output']>>;
  createdAt: Scalars['String']['output'];
  /** Webhook deliveries, newest first (for the owner and auditors). */
  deliveries?: Maybe<Array<WebhookDelivery>>;
  id: Scalars['ID']['output'];
  /** Who registered it (principal). */
  owner: Scalars['String']['output'];
  webhookUrl?: Maybe<Scalars['String']['output']>;
};


/**
 * Registered interest: notices affecting any of `codes` (null = every indicator) reach the owner's inbox
 * and, with a webhook, are POSTed there signed with the secret given at registration (never shown again).
 */
export type NoticeSubscriptionDeliveriesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
};

export type OperationImpact = {
  __typename?: 'OperationImpact';
  /** True when it groups or filters by a dimension the change removes: it will fail. */
  breaks: Scalars['Boolean']['output'];
  /** The affected codes it names. */
  codes: Array<Scalars['String']['output']>;
  /** sha256 of the registered query text (its key in the trusted documents file). */
  hash: Scalars['String']['output'];
  /** Operation names in the document. */
  names: Array<Scalars['String']['output']>;
  note: Scalars['String']['output'];
  verdict: OperationVerdict;
};

/** USES: names an affected code in a literal; CANNOT_TELL: passes indicator codes as variables. */
export type OperationVerdict =
  | 'CANNOT_TELL'
  | 'USES';

/** A sales order (CRM). */
export type Order = {
  __typename?: 'Order';
  amount?: Maybe<Scalars['Decimal']['output']>;
  customer?: Maybe<Customer>;
  department?: Maybe<Department>;
  id: Scalars['ID']['output'];
  orderedOn?: Maybe<Scalars['Date']['output']>;
  product?: Maybe<Product>;
  quantity?: Maybe<Scalars['Int']['output']>;
};

export type PeriodBucket = {
  __typename?: 'PeriodBucket';
  from: Scalars['Date']['output'];
  label: Scalars['String']['output'];
  /** Exclusive. */
  to: Scalars['Date']['output'];
};

export type PermissionMatrix = {
  __typename?: 'PermissionMatrix';
  fields: Array<FieldPermissions>;
  minimumGroupSize: Scalars['Int']['output'];
  /** Published indicators computed from personal data — decided by lineage: they read a source fact the policy's personalData declares — with the roles allowed to see them. Drafts over those facts are personal too. */
  personalIndicators: Array<PersonalIndicator>;
  roles: Array<RoleInfo>;
};

export type PersonalIndicator = {
  __typename?: 'PersonalIndicator';
  code: Scalars['String']['output'];
  /** The personal source facts (<source>.<fact>) its inputs read. */
  facts: Array<Scalars['String']['output']>;
  roles: Array<Scalars['String']['output']>;
};

/** A product (ERP material; the CRM sells it under its own code). */
export type Product = {
  __typename?: 'Product';
  category?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Indicator values of this Product (dimension "product") for one period, batched across Product rows: one statement per source fact. */
  indicators?: Maybe<Array<IndicatorCell>>;
  listPrice?: Maybe<Scalars['Decimal']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  standardCost?: Maybe<Scalars['Decimal']['output']>;
};


/** A product (ERP material; the CRM sells it under its own code). */
export type ProductIndicatorsArgs = {
  codes: Array<Scalars['String']['input']>;
  period: Scalars['String']['input'];
};

/** How to sort products: ties are broken by key. */
export type ProductOrder = {
  direction?: InputMaybe<SortDirection>;
  field: ProductSortField;
};

/** A field products can be sorted by (its home source maps it). */
export type ProductSortField =
  | 'category'
  | 'id'
  | 'listPrice'
  | 'name'
  | 'standardCost';

export type ProposeIndicatorChange = {
  /** UPDATE/ARCHIVE: the published version the change is made against (default: the current one). */
  baseVersion?: InputMaybe<Scalars['Int']['input']>;
  code: Scalars['String']['input'];
  /** YAML (or JSON) of the whole definition, for CREATE and UPDATE. */
  definition?: InputMaybe<Scalars['String']['input']>;
  kind: ChangeKind;
  reason: Scalars['String']['input'];
  submit?: InputMaybe<Scalars['Boolean']['input']>;
  /** ARCHIVE: the indicator to use instead. */
  successor?: InputMaybe<Scalars['String']['input']>;
};

/** A purchase order (procurement). */
export type PurchaseOrder = {
  __typename?: 'PurchaseOrder';
  amount?: Maybe<Scalars['Decimal']['output']>;
  department?: Maybe<Department>;
  id: Scalars['ID']['output'];
  orderedOn?: Maybe<Scalars['Date']['output']>;
  /** APPROVED, RECEIVED, CLOSED or CANCELLED. */
  status?: Maybe<Scalars['String']['output']>;
  supplier?: Maybe<Supplier>;
};

/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type Query = {
  __typename?: 'Query';
  /**
   * 预警: every threshold rule of the dictionary evaluated per organisation unit for the period — what fired,
   * why, and whom to notify. Most severe first. `units` restricts to those organisation units.
   */
  alerts?: Maybe<Array<Alert>>;
  /**
   * A question in the user's own words, Chinese or English ("一季度销售收入是多少?", "top 5 customers by revenue
   * last year"), read against the dictionary (names, synonyms, codes), the model's dimensions and the members
   * the viewer may see. Returns what was understood — the parts of an indicatorValues request (`request`) plus
   * comparison, ranking and threshold — the values computed through indicatorValues' own path (same
   * permissions, row scopes, masks, suppression and audit; an indicator the viewer may not see fails `values`
   * with the ordinary FORBIDDEN), and a one-sentence answer. When unsure it answers nothing and lists
   * candidates to choose from. `today` (an ISO date) pins the clock relative periods (上个月, year to date) are
   * read against; default: today (UTC). `language` defaults to the question's own.
   */
  ask?: Maybe<AskAnswer>;
  /**
   * The audit log for auditors: one record per request (allowed, partly denied, refused), newest first.
   * Page with `first` (at most 500) and `after: nextCursor`.
   */
  auditLog?: Maybe<AuditLogPage>;
  /**
   * Indicators that read a source table, or one column of it, directly or through their inputs: what a
   * change to that table or column would affect. Unknown names are refused with what the mapping holds.
   */
  columnImpact?: Maybe<Array<Indicator>>;
  /** One Contact by its hub id (null when absent or outside the viewer's rows). */
  contact?: Maybe<Contact>;
  /** One Contract by its hub id (null when absent or outside the viewer's rows). */
  contract?: Maybe<Contract>;
  /** One Customer by its hub id (null when absent or outside the viewer's rows). */
  customer?: Maybe<Customer>;
  /** Customer rows, paged: optionally only the given ids, or those whose salesDepartment is the given id; sorted by `orderBy` (a field the viewer sees unmasked), else by key. `customersCount` gives the total. */
  customers?: Maybe<Array<Customer>>;
  /** How many Customer rows `customers` has for the viewer with the same filters (its row rules applied): a table's total. */
  customersCount?: Maybe<Scalars['Int']['output']>;
  /**
   * 指标分解: an indicator's value in `period` against `comparedTo` (default: the same period a year earlier),
   * with each driver's contribution to the change (Shapley attribution: contributions add up to the change).
   * `unit` restricts to one organisation unit (a hub id of the model's organisation entity); `depth` limits the tree.
   */
  decomposition?: Maybe<DecompositionNode>;
  /** One Department by its hub id (null when absent or outside the viewer's rows). */
  department?: Maybe<Department>;
  /** Department rows, paged: optionally only the given ids, or those whose parent / head is the given id; sorted by `orderBy` (a field the viewer sees unmasked), else by key. `departmentsCount` gives the total. */
  departments?: Maybe<Array<Department>>;
  /** How many Department rows `departments` has for the viewer with the same filters (its row rules applied): a table's total. */
  departmentsCount?: Maybe<Scalars['Int']['output']>;
  /** The disclosure log (personal-data query sets released per principal), read-only, newest first. */
  disclosureLog?: Maybe<DisclosureLogPage>;
  /** Effective access of one person or API key: the union of their roles' field decisions, masks and row rules. */
  effectiveAccess?: Maybe<EffectiveAccess>;
  /** One Employee by its hub id (null when absent or outside the viewer's rows). */
  employee?: Maybe<Employee>;
  /** Employee rows, paged: optionally only the given ids, or those whose department / manager is the given id; sorted by `orderBy` (a field the viewer sees unmasked), else by key. `employeesCount` gives the total. */
  employees?: Maybe<Array<Employee>>;
  /** How many Employee rows `employees` has for the viewer with the same filters (its row rules applied): a table's total. */
  employeesCount?: Maybe<Scalars['Int']['output']>;
  /** Explain access: what `principal` (a person's hub id, or apikey:<id>) gets for one Type.field, and why. */
  explainAccess?: Maybe<AccessExplanation>;
  /**
   * Export (导出) what a screen shows: `query` (a query operation, as the screen ran it, with `variables` as JSON
   * text) is executed again for the viewer — same policy, row rules, masks, suppression — and the list at
   * `rows` (a dotted path into its data, e.g. "indicatorValues.rows") becomes one line per element, one column
   * per entry of `columns` (a header and a dotted path inside the element, e.g. "cells.0.value"). Answers the
   * file, base64-encoded: CSV (UTF-8 with a byte-order mark, RFC 4180 quoting, cells starting with = + - @
   * that are not numbers prefixed with ') or XLSX (one sheet). Needs the `export` operation in the viewer's
   * roles (FORBIDDEN otherwise); every export is audited with its row count (an `export` lifecycle event).
   */
  exportTable?: Maybe<Scalars['String']['output']>;
  /**
   * One indicator: the current published version, or a pinned `version`, or the version in force at `asOf`
   * (a date, meaning the end of that day UTC, or an ISO instant), or — for its author and the domain's
   * approvers only — the definition proposed by change request `draft`.
   */
  indicator?: Maybe<Indicator>;
  indicatorChange?: Maybe<ChangeRequest>;
  /**
   * Change requests, newest first. A change is visible to its author, to the approvers of its domain and to
   * auditors; to anyone else it does not exist.
   */
  indicatorChanges?: Maybe<Array<ChangeRequest>>;
  /**
   * Indicator values for a run of periods, one table a chart can use directly. `from`/`to` are periods
   * (e.g. "2025-01" … "2025-12"); `grain` cuts the run into buckets (fiscal quarters and years follow the
   * configured fiscal calendar); `grain: ALL` makes one bucket from the start of `from` to the end of `to`.
   * `to` always means the end of the period it names, at any grain (from "2022" to "2024" by QUARTER ends at
   * 2024-Q4); ends finer than the grain round out to the whole buckets holding them. A row whose dimension key
   * is null is the member "(none)", so the rows of a grouping add up to the ungrouped total.
   * `by` groups by one or more dimension paths of the model (IndicatorDimension: a fact dimension, an
   * attribute of its entity or a path through its references); each row then has one member per path, in
   * order. `top` keeps only the first N members ranked by one indicator over the whole range.
   * `rollup: true`, grouped by the organisation unit's dimension alone, adds each unit's subtree into it.
   * Each source receives one aggregate statement per fact involved, whatever the number of periods, members
   * or dimensions (plus one per fact for the ranking of `top`).
   * Definitions: the published ones by default; `asOf` computes with the definitions in force then (a date =
   * end of that day UTC, or an ISO instant); `versions` pins single indicators to a version; `draft` (its
   * author and the domain's approvers only) computes with the definition a change request proposes.
   * `explain` and `indicators` say which version computed each indicator.
   */
  indicatorValues?: Maybe<IndicatorTable>;
  /**
   * The indicator dictionary: every definition (口径) the company agreed on. `search` matches code, Chinese or
   * English name, synonym, tag and owning person; `tag` and `owner` (the owning organisation unit's or person's
   * id) filter.
   */
  indicators?: Maybe<Array<Indicator>>;
  /** The viewer as the hub resolved them: roles, row scope, operations. */
  me?: Maybe<Viewer>;
  /**
   * Notices addressed to you — as a person, to your organisation unit, to one of your roles, or to a
   * subscription you own — newest first. `limit` at most 500.
   */
  noticeInbox?: Maybe<Array<IndicatorNotice>>;
  /** Your notice subscriptions, newest first; auditors may ask for every owner's. */
  noticeSubscriptions?: Maybe<Array<NoticeSubscription>>;
  /** One Order by its hub id (null when absent or outside the viewer's rows). */
  order?: Maybe<Order>;
  /** Permission report for auditors: every role × every Type.field → allow / mask / deny, with the deciding rule. */
  permissionMatrix?: Maybe<PermissionMatrix>;
  /** One Product by its hub id (null when absent or outside the viewer's rows). */
  product?: Maybe<Product>;
  /** Product rows, paged: optionally only the given ids; sorted by `orderBy` (a field the viewer sees unmasked), else by key. `productsCount` gives the total. */
  products?: Maybe<Array<Product>>;
  /** How many Product rows `products` has for the viewer with the same filters (its row rules applied): a table's total. */
  productsCount?: Maybe<Scalars['Int']['output']>;
  /** One PurchaseOrder by its hub id (null when absent or outside the viewer's rows). */
  purchaseOrder?: Maybe<PurchaseOrder>;
  /** One Receivable by its hub id (null when absent or outside the viewer's rows). */
  receivable?: Maybe<Receivable>;
  /** Who holds role X now (policy by id, by HR title, every person, API keys), from the people directory. */
  roleHolders?: Maybe<RoleHolders>;
  /** The federated source systems and whether each answers now. */
  sources?: Maybe<Array<SourceStatus>>;
  /** One Supplier by its hub id (null when absent or outside the viewer's rows). */
  supplier?: Maybe<Supplier>;
  /** Supplier rows, paged: optionally only the given ids; sorted by `orderBy` (a field the viewer sees unmasked), else by key. `suppliersCount` gives the total. */
  suppliers?: Maybe<Array<Supplier>>;
  /** How many Supplier rows `suppliers` has for the viewer with the same filters (its row rules applied): a table's total. */
  suppliersCount?: Maybe<Scalars['Int']['output']>;
  /**
   * Recomputes the hash chain: ok, or the first broken record and why. With `anchor` (a head written down
   * earlier, e.g. a signed checkpoint), also catches newest records deleted or the chain recomputed.
   */
  verifyAuditChain?: Maybe<AuditVerification>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryAlertsArgs = {
  departments?: InputMaybe<Array<Scalars['ID']['input']>>;
  minSeverity?: InputMaybe<Severity>;
  period: Scalars['String']['input'];
  units?: InputMaybe<Array<Scalars['ID']['input']>>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryAskArgs = {
  language?: InputMaybe<Language>;
  question: Scalars['String']['input'];
  today?: InputMaybe<Scalars['String']['input']>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryAuditLogArgs = {
  address?: InputMaybe<Scalars['String']['input']>;
  after?: InputMaybe<Scalars['Int']['input']>;
  eventType?: InputMaybe<AuditEventType>;
  field?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['String']['input']>;
  indicator?: InputMaybe<Scalars['String']['input']>;
  outcome?: InputMaybe<AuditOutcome>;
  personalData?: InputMaybe<Scalars['Boolean']['input']>;
  principal?: InputMaybe<Scalars['String']['input']>;
  requestId?: InputMaybe<Scalars['String']['input']>;
  role?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['String']['input']>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryColumnImpactArgs = {
  column?: InputMaybe<Scalars['String']['input']>;
  source: Scalars['String']['input'];
  table: Scalars['String']['input'];
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryContactArgs = {
  id: Scalars['ID']['input'];
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryContractArgs = {
  id: Scalars['ID']['input'];
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryCustomersArgs = {
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<CustomerOrder>;
  salesDepartmentId?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryCustomersCountArgs = {
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  salesDepartmentId?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryDecompositionArgs = {
  code: Scalars['String']['input'];
  comparedTo?: InputMaybe<Scalars['String']['input']>;
  department?: InputMaybe<Scalars['ID']['input']>;
  depth?: InputMaybe<Scalars['Int']['input']>;
  period: Scalars['String']['input'];
  unit?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryDepartmentArgs = {
  id: Scalars['ID']['input'];
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryDepartmentsArgs = {
  headId?: InputMaybe<Scalars['ID']['input']>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<DepartmentOrder>;
  parentId?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryDepartmentsCountArgs = {
  headId?: InputMaybe<Scalars['ID']['input']>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  parentId?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryDisclosureLogArgs = {
  after?: InputMaybe<Scalars['Int']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['String']['input']>;
  principal?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['String']['input']>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryEffectiveAccessArgs = {
  fields?: InputMaybe<Array<Scalars['String']['input']>>;
  principal: Scalars['ID']['input'];
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryEmployeeArgs = {
  id: Scalars['ID']['input'];
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryEmployeesArgs = {
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  managerId?: InputMaybe<Scalars['ID']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<EmployeeOrder>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryEmployeesCountArgs = {
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  managerId?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryExplainAccessArgs = {
  field: Scalars['String']['input'];
  principal: Scalars['ID']['input'];
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryExportTableArgs = {
  columns: Array<ExportColumn>;
  format: ExportFormat;
  query: Scalars['String']['input'];
  rows: Scalars['String']['input'];
  title?: InputMaybe<Scalars['String']['input']>;
  variables?: InputMaybe<Scalars['String']['input']>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryIndicatorArgs = {
  asOf?: InputMaybe<Scalars['String']['input']>;
  code: Scalars['String']['input'];
  draft?: InputMaybe<Scalars['ID']['input']>;
  version?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryIndicatorChangeArgs = {
  id: Scalars['ID']['input'];
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryIndicatorChangesArgs = {
  code?: InputMaybe<Scalars['String']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  states?: InputMaybe<Array<ChangeState>>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryIndicatorValuesArgs = {
  asOf?: InputMaybe<Scalars['String']['input']>;
  by?: InputMaybe<Array<IndicatorDimension>>;
  codes: Array<Scalars['String']['input']>;
  draft?: InputMaybe<Scalars['ID']['input']>;
  filters?: InputMaybe<Array<DimensionFilter>>;
  from: Scalars['String']['input'];
  grain: Grain;
  groupBy?: InputMaybe<Scalars['String']['input']>;
  page?: InputMaybe<MemberPage>;
  rollup?: InputMaybe<Scalars['Boolean']['input']>;
  to?: InputMaybe<Scalars['String']['input']>;
  top?: InputMaybe<TopMembers>;
  versions?: InputMaybe<Array<VersionPin>>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryIndicatorsArgs = {
  includeArchived?: InputMaybe<Scalars['Boolean']['input']>;
  owner?: InputMaybe<Scalars['String']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
  tag?: InputMaybe<Scalars['String']['input']>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryNoticeInboxArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  unreadOnly?: InputMaybe<Scalars['Boolean']['input']>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryNoticeSubscriptionsArgs = {
  allOwners?: InputMaybe<Scalars['Boolean']['input']>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryProductArgs = {
  id: Scalars['ID']['input'];
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryProductsArgs = {
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ProductOrder>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryProductsCountArgs = {
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryPurchaseOrderArgs = {
  id: Scalars['ID']['input'];
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryReceivableArgs = {
  id: Scalars['ID']['input'];
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryRoleHoldersArgs = {
  role: Scalars['String']['input'];
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QuerySupplierArgs = {
  id: Scalars['ID']['input'];
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QuerySuppliersArgs = {
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<SupplierOrder>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QuerySuppliersCountArgs = {
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
};


/**
 * The model's entity lists and by-id lookups are generated from the model directory (src/schema/generate.ts).
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryVerifyAuditChainArgs = {
  anchor?: InputMaybe<AuditAnchorInput>;
};

/** An open receivable: an ERP invoice not yet fully paid. */
export type Receivable = {
  __typename?: 'Receivable';
  customer?: Maybe<Customer>;
  department?: Maybe<Department>;
  dueOn?: Maybe<Scalars['Date']['output']>;
  id: Scalars['ID']['output'];
  invoiceNo?: Maybe<Scalars['String']['output']>;
  issuedOn?: Maybe<Scalars['Date']['output']>;
  openAmount?: Maybe<Scalars['Decimal']['output']>;
};

export type RoleDecision = {
  __typename?: 'RoleDecision';
  /** allow, deny or mask:<kind> */
  decision: Scalars['String']['output'];
  role: Scalars['String']['output'];
  rule: Scalars['String']['output'];
};

export type RoleHolder = {
  __typename?: 'RoleHolder';
  principal: Scalars['String']['output'];
  /** How the role comes: policy (principals.people), title:<title>, everyPerson, apiKey. */
  via: Array<Scalars['String']['output']>;
};

export type RoleHolders = {
  __typename?: 'RoleHolders';
  holders: Array<RoleHolder>;
  role: Scalars['String']['output'];
};

export type RoleInfo = {
  __typename?: 'RoleInfo';
  description: Scalars['String']['output'];
  individuals: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  operations: Array<Scalars['String']['output']>;
  /** The role's row rules (policy.yaml `rows`): `all`, or `<Entity>: <condition>` per ruled entity, comma-separated. */
  rows: Scalars['String']['output'];
};

export type RowRule = {
  __typename?: 'RowRule';
  /** The ruled entity; null when the role sees every row of every entity. */
  entity?: Maybe<Scalars['String']['output']>;
  role: Scalars['String']['output'];
  /** The condition in words, or `all rows`. */
  rule: Scalars['String']['output'];
};

export type SeriesPoint = {
  __typename?: 'SeriesPoint';
  period: Scalars['String']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  value?: Maybe<Scalars['Decimal']['output']>;
};

export type Severity =
  | 'CRITICAL'
  | 'INFO'
  | 'WARNING';

/** The direction of a ranking (`top`) or of a list's sort (`orderBy`). */
export type SortDirection =
  | 'ASC'
  | 'DESC';

export type SourceAsOf = {
  __typename?: 'SourceAsOf';
  asOf: Scalars['String']['output'];
  cached: Scalars['Boolean']['output'];
  source: Scalars['String']['output'];
};

/** A column of a source table, as named in the source's mapping (the configured schema qualifies the table). */
export type SourceColumn = {
  __typename?: 'SourceColumn';
  column: Scalars['String']['output'];
  /** The simple indicators whose statements read it. */
  readBy: Array<Scalars['String']['output']>;
  roles: Array<ColumnRole>;
  source: Scalars['String']['output'];
  table: Scalars['String']['output'];
};

export type SourceFailure = {
  __typename?: 'SourceFailure';
  /** SOURCE_UNAVAILABLE or SOURCE_TIMEOUT */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  source: Scalars['String']['output'];
};

export type SourceMeasure = {
  __typename?: 'SourceMeasure';
  fact: Scalars['String']['output'];
  measure: Scalars['String']['output'];
  source: Scalars['String']['output'];
};

export type SourceStatus = {
  __typename?: 'SourceStatus';
  description: Scalars['String']['output'];
  engine: Scalars['String']['output'];
  latencyMs: Scalars['Float']['output'];
  name: Scalars['String']['output'];
  ok: Scalars['Boolean']['output'];
};

export type SourceTable = {
  __typename?: 'SourceTable';
  facts: Array<Scalars['String']['output']>;
  source: Scalars['String']['output'];
  table: Scalars['String']['output'];
};

/** One aggregate statement, identified by the fingerprint of its SQL shape (never the SQL text or values). */
export type StatementProvenance = {
  __typename?: 'StatementProvenance';
  /** When the source produced these rows. */
  asOf: Scalars['String']['output'];
  /** True when the rows came from the result cache (no statement was sent). */
  cached: Scalars['Boolean']['output'];
  durationMs: Scalars['Float']['output'];
  fact: Scalars['String']['output'];
  fingerprint: Scalars['String']['output'];
  /** The simple indicators it fed, with the definition version used. */
  indicators: Array<IndicatorVersion>;
  measures: Array<Scalars['String']['output']>;
  rows: Scalars['Int']['output'];
  source: Scalars['String']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Notices as they happen (graphql-ws on /graphql): those addressed to you and those about published
   * indicators, only those affecting one of `codes` when given.
   */
  indicatorNotices: IndicatorNotice;
};


export type SubscriptionIndicatorNoticesArgs = {
  codes?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A supplier (procurement vendor). */
export type Supplier = {
  __typename?: 'Supplier';
  category?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Indicator values of this Supplier (dimension "supplier") for one period, batched across Supplier rows: one statement per source fact. */
  indicators?: Maybe<Array<IndicatorCell>>;
  name?: Maybe<Scalars['String']['output']>;
  purchaseOrders?: Maybe<Array<PurchaseOrder>>;
  /** 1 (poor) to 5 (excellent). */
  rating?: Maybe<Scalars['Int']['output']>;
  region?: Maybe<Scalars['String']['output']>;
  /** Purchase order amount in the period, cancelled orders excluded. */
  spend?: Maybe<Scalars['Decimal']['output']>;
};


/** A supplier (procurement vendor). */
export type SupplierIndicatorsArgs = {
  codes: Array<Scalars['String']['input']>;
  period: Scalars['String']['input'];
};


/** A supplier (procurement vendor). */
export type SupplierPurchaseOrdersArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** A supplier (procurement vendor). */
export type SupplierSpendArgs = {
  period: Scalars['String']['input'];
};

/** How to sort suppliers: ties are broken by key. */
export type SupplierOrder = {
  direction?: InputMaybe<SortDirection>;
  field: SupplierSortField;
};

/** A field suppliers can be sorted by (its home source maps it). */
export type SupplierSortField =
  | 'category'
  | 'id'
  | 'name'
  | 'rating'
  | 'region';

/** Keep the first `n` members ranked by `indicator` over the whole requested range (one bucket from `from` to `to`); every period's rows of those members are returned, in rank order. Ties rank by member id; a null or suppressed value ranks last. With `per`, the first `n` within each member of that dimension (top per group). */
export type TopMembers = {
  direction?: InputMaybe<SortDirection>;
  indicator: Scalars['String']['input'];
  n: Scalars['Int']['input'];
  /** Top per group: one of the `by` dimensions (beside at least one other). For each of its members, the first `n` members of the other dimensions, ranked within it; groups in order of their member id. Example: by: [customer_country, customer], top: { indicator: "revenue", n: 3, per: customer_country } — the 3 best customers of each country. */
  per?: InputMaybe<IndicatorDimension>;
};

export type TypeAccess = {
  __typename?: 'TypeAccess';
  fields: Array<FieldAccessEntry>;
  type: Scalars['String']['output'];
};

export type VersionPin = {
  code: Scalars['String']['input'];
  version: Scalars['Int']['input'];
};

export type Viewer = {
  __typename?: 'Viewer';
  /** @deprecated Use `unit`. */
  department?: Maybe<Department>;
  /**
   * What this viewer may see, before asking: per type and field allowed, masked (with the mask kind) or
   * denied — decided by the same policy evaluation as the answers — and the viewer's row rules in words. A
   * UI hides or greys a column from it instead of meeting FORBIDDEN at run time. `types` narrows the report
   * to some object types (default: every type of the schema).
   */
  fieldAccess: FieldAccess;
  operations: Array<Scalars['String']['output']>;
  principal: Scalars['String']['output'];
  roles: Array<Scalars['String']['output']>;
  /** The resolved row scope, in words. */
  scope: Scalars['String']['output'];
  /** The viewer's Department (the organisation unit). */
  unit?: Maybe<Department>;
};


export type ViewerFieldAccessArgs = {
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type WebhookAttempt = {
  __typename?: 'WebhookAttempt';
  at: Scalars['String']['output'];
  attempt: Scalars['Int']['output'];
  durationMs: Scalars['Int']['output'];
  error?: Maybe<Scalars['String']['output']>;
  nextAttemptAt?: Maybe<Scalars['String']['output']>;
  statusCode?: Maybe<Scalars['Int']['output']>;
};

/** One notice to one webhook: attempted until a 2xx answer or attempts are used up. */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  /** Every attempt, oldest first. */
  attemptLog?: Maybe<Array<WebhookAttempt>>;
  attempts: Scalars['Int']['output'];
  createdAt: Scalars['String']['output'];
  deliveredAt?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  /** HTTP status of the last attempt (null: no answer). */
  lastStatusCode?: Maybe<Scalars['Int']['output']>;
  /** When the next attempt is due (pending only). */
  nextAttemptAt?: Maybe<Scalars['String']['output']>;
  noticeId: Scalars['ID']['output'];
  status: WebhookDeliveryStatus;
};

export type WebhookDeliveryStatus =
  | 'cancelled'
  | 'delivered'
  | 'failed'
  | 'pending';

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AccessExplanation: ResolverTypeWrapper<AccessExplanation>;
  Alert: ResolverTypeWrapper<Omit<Alert, 'indicator'> & { indicator: ResolversTypes['Indicator'] }>;
  AskAnswer: ResolverTypeWrapper<Omit<AskAnswer, 'compared' | 'values'> & { compared?: Maybe<ResolversTypes['IndicatorTable']>, values?: Maybe<ResolversTypes['IndicatorTable']> }>;
  AskCandidate: ResolverTypeWrapper<AskCandidate>;
  AskComparison: ResolverTypeWrapper<AskComparison>;
  AskFilter: ResolverTypeWrapper<AskFilter>;
  AskInterpretation: ResolverTypeWrapper<AskInterpretation>;
  AskMember: ResolverTypeWrapper<AskMember>;
  AskPeriod: ResolverTypeWrapper<AskPeriod>;
  AskPhrase: ResolverTypeWrapper<AskPhrase>;
  AskRanking: ResolverTypeWrapper<AskRanking>;
  AskRequest: ResolverTypeWrapper<AskRequest>;
  AskStatus: AskStatus;
  AskTarget: ResolverTypeWrapper<AskTarget>;
  AskThreshold: ResolverTypeWrapper<AskThreshold>;
  AskTop: ResolverTypeWrapper<AskTop>;
  AuditAnchorInput: AuditAnchorInput;
  AuditEventType: AuditEventType;
  AuditFieldDecision: ResolverTypeWrapper<AuditFieldDecision>;
  AuditIndicatorInputs: ResolverTypeWrapper<AuditIndicatorInputs>;
  AuditLifecycleEvent: ResolverTypeWrapper<AuditLifecycleEvent>;
  AuditLogPage: ResolverTypeWrapper<Omit<AuditLogPage, 'records'> & { records: Array<ResolversTypes['AuditRecord']> }>;
  AuditOutcome: AuditOutcome;
  AuditRecord: ResolverTypeWrapper<AuditRecordModel>;
  AuditRecordIds: ResolverTypeWrapper<AuditRecordIds>;
  AuditSourceStatements: ResolverTypeWrapper<AuditSourceStatements>;
  AuditSuppressedCell: ResolverTypeWrapper<AuditSuppressedCell>;
  AuditSystemEvent: ResolverTypeWrapper<AuditSystemEvent>;
  AuditVerification: ResolverTypeWrapper<AuditVerification>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ChangeKind: ChangeKind;
  ChangeRequest: ResolverTypeWrapper<ChangeRequestModel>;
  ChangeState: ChangeState;
  ColumnRole: ColumnRole;
  Contact: ResolverTypeWrapper<Contact>;
  Contract: ResolverTypeWrapper<Contract>;
  Customer: ResolverTypeWrapper<Customer>;
  CustomerOrder: CustomerOrder;
  CustomerSortField: CustomerSortField;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  Decimal: ResolverTypeWrapper<Scalars['Decimal']['output']>;
  DecompositionNode: ResolverTypeWrapper<Omit<DecompositionNode, 'drivers' | 'indicator'> & { drivers: Array<ResolversTypes['DecompositionNode']>, indicator?: Maybe<ResolversTypes['Indicator']> }>;
  DefinitionDiff: ResolverTypeWrapper<DefinitionDiff>;
  Department: ResolverTypeWrapper<Department>;
  DepartmentOrder: DepartmentOrder;
  DepartmentSortField: DepartmentSortField;
  DependencyKind: DependencyKind;
  DimensionFilter: DimensionFilter;
  DisclosureLogEntry: ResolverTypeWrapper<DisclosureLogEntry>;
  DisclosureLogPage: ResolverTypeWrapper<DisclosureLogPage>;
  EffectiveAccess: ResolverTypeWrapper<EffectiveAccess>;
  EffectiveFieldAccess: ResolverTypeWrapper<EffectiveFieldAccess>;
  Employee: ResolverTypeWrapper<Employee>;
  EmployeeOrder: EmployeeOrder;
  EmployeeSortField: EmployeeSortField;
  ErrorCode: ErrorCode;
  ExportColumn: ExportColumn;
  ExportFormat: ExportFormat;
  FieldAccess: ResolverTypeWrapper<FieldAccess>;
  FieldAccessDecision: FieldAccessDecision;
  FieldAccessEntry: ResolverTypeWrapper<FieldAccessEntry>;
  FieldPermissions: ResolverTypeWrapper<FieldPermissions>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Grain: Grain;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ImpactFlag: ResolverTypeWrapper<ImpactFlag>;
  ImpactFlagKind: ImpactFlagKind;
  ImpactOwner: ResolverTypeWrapper<Omit<ImpactOwner, 'owner'> & { owner: ResolversTypes['IndicatorOwner'] }>;
  ImpactReport: ResolverTypeWrapper<Omit<ImpactReport, 'dependents' | 'owners'> & { dependents: Array<ResolversTypes['IndicatorDependency']>, owners: Array<ResolversTypes['ImpactOwner']> }>;
  Indicator: ResolverTypeWrapper<IndicatorParent>;
  IndicatorCell: ResolverTypeWrapper<IndicatorCell>;
  IndicatorDependency: ResolverTypeWrapper<Omit<IndicatorDependency, 'indicator'> & { indicator?: Maybe<ResolversTypes['Indicator']> }>;
  IndicatorDimension: IndicatorDimension;
  IndicatorEdge: ResolverTypeWrapper<IndicatorEdge>;
  IndicatorExplanation: ResolverTypeWrapper<IndicatorExplanation>;
  IndicatorNotice: ResolverTypeWrapper<NoticeModel>;
  IndicatorOwner: ResolverTypeWrapper<IndicatorOwnerParent>;
  IndicatorRow: ResolverTypeWrapper<IndicatorRow>;
  IndicatorSeries: ResolverTypeWrapper<IndicatorSeries>;
  IndicatorStatus: IndicatorStatus;
  IndicatorTable: ResolverTypeWrapper<Omit<IndicatorTable, 'indicators'> & { indicators: Array<ResolversTypes['Indicator']> }>;
  IndicatorTarget: ResolverTypeWrapper<IndicatorTarget>;
  IndicatorVersion: ResolverTypeWrapper<IndicatorVersion>;
  IndicatorVersionRecord: ResolverTypeWrapper<PublishedVersionModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  InterestedDashboard: ResolverTypeWrapper<InterestedDashboard>;
  Language: Language;
  Lineage: ResolverTypeWrapper<Lineage>;
  Member: ResolverTypeWrapper<Member>;
  MemberPage: MemberPage;
  MemberPageInfo: ResolverTypeWrapper<MemberPageInfo>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NoticeKind: NoticeKind;
  NoticeSubscription: ResolverTypeWrapper<NoticeSubscriptionModel>;
  OperationImpact: ResolverTypeWrapper<OperationImpact>;
  OperationVerdict: OperationVerdict;
  Order: ResolverTypeWrapper<Order>;
  PeriodBucket: ResolverTypeWrapper<PeriodBucket>;
  PermissionMatrix: ResolverTypeWrapper<PermissionMatrix>;
  PersonalIndicator: ResolverTypeWrapper<PersonalIndicator>;
  Product: ResolverTypeWrapper<Product>;
  ProductOrder: ProductOrder;
  ProductSortField: ProductSortField;
  ProposeIndicatorChange: ProposeIndicatorChange;
  PurchaseOrder: ResolverTypeWrapper<PurchaseOrder>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Receivable: ResolverTypeWrapper<Receivable>;
  RoleDecision: ResolverTypeWrapper<RoleDecision>;
  RoleHolder: ResolverTypeWrapper<RoleHolder>;
  RoleHolders: ResolverTypeWrapper<RoleHolders>;
  RoleInfo: ResolverTypeWrapper<RoleInfo>;
  RowRule: ResolverTypeWrapper<RowRule>;
  SeriesPoint: ResolverTypeWrapper<SeriesPoint>;
  Severity: Severity;
  SortDirection: SortDirection;
  SourceAsOf: ResolverTypeWrapper<SourceAsOf>;
  SourceColumn: ResolverTypeWrapper<SourceColumn>;
  SourceFailure: ResolverTypeWrapper<SourceFailure>;
  SourceMeasure: ResolverTypeWrapper<SourceMeasure>;
  SourceStatus: ResolverTypeWrapper<SourceStatus>;
  SourceTable: ResolverTypeWrapper<SourceTable>;
  StatementProvenance: ResolverTypeWrapper<StatementProvenance>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Supplier: ResolverTypeWrapper<Supplier>;
  SupplierOrder: SupplierOrder;
  SupplierSortField: SupplierSortField;
  TopMembers: TopMembers;
  TypeAccess: ResolverTypeWrapper<TypeAccess>;
  VersionPin: VersionPin;
  Viewer: ResolverTypeWrapper<ViewerModel>;
  WebhookAttempt: ResolverTypeWrapper<WebhookAttempt>;
  WebhookDelivery: ResolverTypeWrapper<WebhookDeliveryModel>;
  WebhookDeliveryStatus: WebhookDeliveryStatus;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AccessExplanation: AccessExplanation;
  Alert: Omit<Alert, 'indicator'> & { indicator: ResolversParentTypes['Indicator'] };
  AskAnswer: Omit<AskAnswer, 'compared' | 'values'> & { compared?: Maybe<ResolversParentTypes['IndicatorTable']>, values?: Maybe<ResolversParentTypes['IndicatorTable']> };
  AskCandidate: AskCandidate;
  AskComparison: AskComparison;
  AskFilter: AskFilter;
  AskInterpretation: AskInterpretation;
  AskMember: AskMember;
  AskPeriod: AskPeriod;
  AskPhrase: AskPhrase;
  AskRanking: AskRanking;
  AskRequest: AskRequest;
  AskTarget: AskTarget;
  AskThreshold: AskThreshold;
  AskTop: AskTop;
  AuditAnchorInput: AuditAnchorInput;
  AuditFieldDecision: AuditFieldDecision;
  AuditIndicatorInputs: AuditIndicatorInputs;
  AuditLifecycleEvent: AuditLifecycleEvent;
  AuditLogPage: Omit<AuditLogPage, 'records'> & { records: Array<ResolversParentTypes['AuditRecord']> };
  AuditRecord: AuditRecordModel;
  AuditRecordIds: AuditRecordIds;
  AuditSourceStatements: AuditSourceStatements;
  AuditSuppressedCell: AuditSuppressedCell;
  AuditSystemEvent: AuditSystemEvent;
  AuditVerification: AuditVerification;
  Boolean: Scalars['Boolean']['output'];
  ChangeRequest: ChangeRequestModel;
  Contact: Contact;
  Contract: Contract;
  Customer: Customer;
  CustomerOrder: CustomerOrder;
  Date: Scalars['Date']['output'];
  Decimal: Scalars['Decimal']['output'];
  DecompositionNode: Omit<DecompositionNode, 'drivers' | 'indicator'> & { drivers: Array<ResolversParentTypes['DecompositionNode']>, indicator?: Maybe<ResolversParentTypes['Indicator']> };
  DefinitionDiff: DefinitionDiff;
  Department: Department;
  DepartmentOrder: DepartmentOrder;
  DimensionFilter: DimensionFilter;
  DisclosureLogEntry: DisclosureLogEntry;
  DisclosureLogPage: DisclosureLogPage;
  EffectiveAccess: EffectiveAccess;
  EffectiveFieldAccess: EffectiveFieldAccess;
  Employee: Employee;
  EmployeeOrder: EmployeeOrder;
  ExportColumn: ExportColumn;
  FieldAccess: FieldAccess;
  FieldAccessEntry: FieldAccessEntry;
  FieldPermissions: FieldPermissions;
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  ImpactFlag: ImpactFlag;
  ImpactOwner: Omit<ImpactOwner, 'owner'> & { owner: ResolversParentTypes['IndicatorOwner'] };
  ImpactReport: Omit<ImpactReport, 'dependents' | 'owners'> & { dependents: Array<ResolversParentTypes['IndicatorDependency']>, owners: Array<ResolversParentTypes['ImpactOwner']> };
  Indicator: IndicatorParent;
  IndicatorCell: IndicatorCell;
  IndicatorDependency: Omit<IndicatorDependency, 'indicator'> & { indicator?: Maybe<ResolversParentTypes['Indicator']> };
  IndicatorEdge: IndicatorEdge;
  IndicatorExplanation: IndicatorExplanation;
  IndicatorNotice: NoticeModel;
  IndicatorOwner: IndicatorOwnerParent;
  IndicatorRow: IndicatorRow;
  IndicatorSeries: IndicatorSeries;
  IndicatorTable: Omit<IndicatorTable, 'indicators'> & { indicators: Array<ResolversParentTypes['Indicator']> };
  IndicatorTarget: IndicatorTarget;
  IndicatorVersion: IndicatorVersion;
  IndicatorVersionRecord: PublishedVersionModel;
  Int: Scalars['Int']['output'];
  InterestedDashboard: InterestedDashboard;
  Lineage: Lineage;
  Member: Member;
  MemberPage: MemberPage;
  MemberPageInfo: MemberPageInfo;
  Mutation: Record<PropertyKey, never>;
  NoticeSubscription: NoticeSubscriptionModel;
  OperationImpact: OperationImpact;
  Order: Order;
  PeriodBucket: PeriodBucket;
  PermissionMatrix: PermissionMatrix;
  PersonalIndicator: PersonalIndicator;
  Product: Product;
  ProductOrder: ProductOrder;
  ProposeIndicatorChange: ProposeIndicatorChange;
  PurchaseOrder: PurchaseOrder;
  Query: Record<PropertyKey, never>;
  Receivable: Receivable;
  RoleDecision: RoleDecision;
  RoleHolder: RoleHolder;
  RoleHolders: RoleHolders;
  RoleInfo: RoleInfo;
  RowRule: RowRule;
  SeriesPoint: SeriesPoint;
  SourceAsOf: SourceAsOf;
  SourceColumn: SourceColumn;
  SourceFailure: SourceFailure;
  SourceMeasure: SourceMeasure;
  SourceStatus: SourceStatus;
  SourceTable: SourceTable;
  StatementProvenance: StatementProvenance;
  String: Scalars['String']['output'];
  Subscription: Record<PropertyKey, never>;
  Supplier: Supplier;
  SupplierOrder: SupplierOrder;
  TopMembers: TopMembers;
  TypeAccess: TypeAccess;
  VersionPin: VersionPin;
  Viewer: ViewerModel;
  WebhookAttempt: WebhookAttempt;
  WebhookDelivery: WebhookDeliveryModel;
}>;

export type AccessExplanationResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AccessExplanation'] = ResolversParentTypes['AccessExplanation']> = ResolversObject<{
  admitted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  decision?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  principal?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  rule?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  scope?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AlertResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Alert'] = ResolversParentTypes['Alert']> = ResolversObject<{
  comparedWith?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  department?: Resolver<Maybe<ResolversTypes['Department']>, ParentType, ContextType>;
  indicator?: Resolver<ResolversTypes['Indicator'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  notify?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  period?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['Severity'], ParentType, ContextType>;
  threshold?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unit?: Resolver<Maybe<ResolversTypes['Department']>, ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
}>;

export type AskAnswerResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AskAnswer'] = ResolversParentTypes['AskAnswer']> = ResolversObject<{
  answer?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  candidates?: Resolver<Array<ResolversTypes['AskCandidate']>, ParentType, ContextType>;
  compared?: Resolver<Maybe<ResolversTypes['IndicatorTable']>, ParentType, ContextType>;
  interpretation?: Resolver<Maybe<ResolversTypes['AskInterpretation']>, ParentType, ContextType>;
  language?: Resolver<ResolversTypes['Language'], ParentType, ContextType>;
  question?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  refusalCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  request?: Resolver<Maybe<ResolversTypes['AskRequest']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AskStatus'], ParentType, ContextType>;
  targets?: Resolver<Array<ResolversTypes['AskTarget']>, ParentType, ContextType>;
  values?: Resolver<Maybe<ResolversTypes['IndicatorTable']>, ParentType, ContextType>;
}>;

export type AskCandidateResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AskCandidate'] = ResolversParentTypes['AskCandidate']> = ResolversObject<{
  dimension?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AskComparisonResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AskComparison'] = ResolversParentTypes['AskComparison']> = ResolversObject<{
  from?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  indicators?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  to?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AskFilterResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AskFilter'] = ResolversParentTypes['AskFilter']> = ResolversObject<{
  dimension?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  ids?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
}>;

export type AskInterpretationResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AskInterpretation'] = ResolversParentTypes['AskInterpretation']> = ResolversObject<{
  by?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  comparison?: Resolver<Maybe<ResolversTypes['AskComparison']>, ParentType, ContextType>;
  filters?: Resolver<Array<ResolversTypes['AskMember']>, ParentType, ContextType>;
  grain?: Resolver<ResolversTypes['Grain'], ParentType, ContextType>;
  indicators?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  period?: Resolver<ResolversTypes['AskPeriod'], ParentType, ContextType>;
  phrases?: Resolver<Array<ResolversTypes['AskPhrase']>, ParentType, ContextType>;
  ranking?: Resolver<Maybe<ResolversTypes['AskRanking']>, ParentType, ContextType>;
  threshold?: Resolver<Maybe<ResolversTypes['AskThreshold']>, ParentType, ContextType>;
  unrecognized?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AskMemberResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AskMember'] = ResolversParentTypes['AskMember']> = ResolversObject<{
  dimension?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  ids?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AskPeriodResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AskPeriod'] = ResolversParentTypes['AskPeriod']> = ResolversObject<{
  assumed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  relative?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AskPhraseResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AskPhrase'] = ResolversParentTypes['AskPhrase']> = ResolversObject<{
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  meaning?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AskRankingResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AskRanking'] = ResolversParentTypes['AskRanking']> = ResolversObject<{
  dimension?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  direction?: Resolver<ResolversTypes['SortDirection'], ParentType, ContextType>;
  indicator?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  n?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  per?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AskRequestResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AskRequest'] = ResolversParentTypes['AskRequest']> = ResolversObject<{
  by?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  codes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  filters?: Resolver<Array<ResolversTypes['AskFilter']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  grain?: Resolver<ResolversTypes['Grain'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  top?: Resolver<Maybe<ResolversTypes['AskTop']>, ParentType, ContextType>;
}>;

export type AskTargetResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AskTarget'] = ResolversParentTypes['AskTarget']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  member?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  period?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
}>;

export type AskThresholdResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AskThreshold'] = ResolversParentTypes['AskThreshold']> = ResolversObject<{
  above?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  below?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  indicator?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AskTopResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AskTop'] = ResolversParentTypes['AskTop']> = ResolversObject<{
  direction?: Resolver<ResolversTypes['SortDirection'], ParentType, ContextType>;
  indicator?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  n?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  per?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AuditFieldDecisionResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AuditFieldDecision'] = ResolversParentTypes['AuditFieldDecision']> = ResolversObject<{
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AuditIndicatorInputsResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AuditIndicatorInputs'] = ResolversParentTypes['AuditIndicatorInputs']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  inputs?: Resolver<Array<ResolversTypes['IndicatorVersion']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AuditLifecycleEventResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AuditLifecycleEvent'] = ResolversParentTypes['AuditLifecycleEvent']> = ResolversObject<{
  changeId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  note?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type AuditLogPageResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AuditLogPage'] = ResolversParentTypes['AuditLogPage']> = ResolversObject<{
  nextCursor?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  records?: Resolver<Array<ResolversTypes['AuditRecord']>, ParentType, ContextType>;
}>;

export type AuditRecordResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AuditRecord'] = ResolversParentTypes['AuditRecord']> = ResolversObject<{
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  arguments?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  denied?: Resolver<Array<ResolversTypes['AuditFieldDecision']>, ParentType, ContextType>;
  documentHash?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  errorCodes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  eventType?: Resolver<ResolversTypes['AuditEventType'], ParentType, ContextType>;
  fieldsRequested?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  indicatorInputs?: Resolver<Array<ResolversTypes['AuditIndicatorInputs']>, ParentType, ContextType>;
  indicators?: Resolver<Array<ResolversTypes['IndicatorVersion']>, ParentType, ContextType>;
  latencyMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lifecycleEvents?: Resolver<Array<ResolversTypes['AuditLifecycleEvent']>, ParentType, ContextType>;
  masked?: Resolver<Array<ResolversTypes['AuditFieldDecision']>, ParentType, ContextType>;
  operationName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AuditOutcome'], ParentType, ContextType>;
  prevHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  principal?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  questions?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  recordIds?: Resolver<Array<ResolversTypes['AuditRecordIds']>, ParentType, ContextType>;
  refusalCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  refusalFirstAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  refusalKind?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  refusalLastAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  responseCacheHit?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  rows?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  statements?: Resolver<Array<ResolversTypes['AuditSourceStatements']>, ParentType, ContextType>;
  suppressed?: Resolver<Array<ResolversTypes['AuditSuppressedCell']>, ParentType, ContextType>;
  systemEvent?: Resolver<Maybe<ResolversTypes['AuditSystemEvent']>, ParentType, ContextType>;
  variables?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AuditRecordIdsResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AuditRecordIds'] = ResolversParentTypes['AuditRecordIds']> = ResolversObject<{
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  ids?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  more?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type AuditSourceStatementsResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AuditSourceStatements'] = ResolversParentTypes['AuditSourceStatements']> = ResolversObject<{
  fingerprints?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  rows?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  statements?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type AuditSuppressedCellResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AuditSuppressedCell'] = ResolversParentTypes['AuditSuppressedCell']> = ResolversObject<{
  indicator?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  member?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  period?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AuditSystemEventResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AuditSystemEvent'] = ResolversParentTypes['AuditSystemEvent']> = ResolversObject<{
  details?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AuditVerificationResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AuditVerification'] = ResolversParentTypes['AuditVerification']> = ResolversObject<{
  checked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  firstBrokenSeq?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  headHash?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  headSeq?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type ChangeRequestResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['ChangeRequest'] = ResolversParentTypes['ChangeRequest']> = ResolversObject<{
  author?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  baseVersion?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  comment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  decidedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  definition?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  diff?: Resolver<Array<ResolversTypes['DefinitionDiff']>, ParentType, ContextType>;
  domain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  impact?: Resolver<Maybe<ResolversTypes['ImpactReport']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ChangeKind'], ParentType, ContextType>;
  proposed?: Resolver<Maybe<ResolversTypes['Indicator']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  resultVersion?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  reviewer?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  revision?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ChangeState'], ParentType, ContextType>;
  successor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ContactResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Contact'] = ResolversParentTypes['Contact']> = ResolversObject<{
  customer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type ContractResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Contract'] = ResolversParentTypes['Contract']> = ResolversObject<{
  customer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType>;
  department?: Resolver<Maybe<ResolversTypes['Department']>, ParentType, ContextType>;
  endsOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  signedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  startsOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
}>;

export type CustomerResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer']> = ResolversObject<{
  contacts?: Resolver<Maybe<Array<ResolversTypes['Contact']>>, ParentType, ContextType>;
  contracts?: Resolver<Maybe<Array<ResolversTypes['Contract']>>, ParentType, ContextType, Partial<CustomerContractsArgs>>;
  createdOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  creditLimit?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  indicators?: Resolver<Maybe<Array<ResolversTypes['IndicatorCell']>>, ParentType, ContextType, RequireFields<CustomerIndicatorsArgs, 'codes' | 'period'>>;
  industry?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  orders?: Resolver<Maybe<Array<ResolversTypes['Order']>>, ParentType, ContextType, Partial<CustomerOrdersArgs>>;
  receivables?: Resolver<Maybe<Array<ResolversTypes['Receivable']>>, ParentType, ContextType, Partial<CustomerReceivablesArgs>>;
  region?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  revenue?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType, RequireFields<CustomerRevenueArgs, 'period'>>;
  salesDepartment?: Resolver<Maybe<ResolversTypes['Department']>, ParentType, ContextType>;
  segment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DecimalScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Decimal'], any> {
  name: 'Decimal';
}

export type DecompositionNodeResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['DecompositionNode'] = ResolversParentTypes['DecompositionNode']> = ResolversObject<{
  baseValue?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  change?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  contribution?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  drivers?: Resolver<Array<ResolversTypes['DecompositionNode']>, ParentType, ContextType>;
  indicator?: Resolver<Maybe<ResolversTypes['Indicator']>, ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  method?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  residual?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
}>;

export type DefinitionDiffResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['DefinitionDiff'] = ResolversParentTypes['DefinitionDiff']> = ResolversObject<{
  after?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  before?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type DepartmentResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Department'] = ResolversParentTypes['Department']> = ResolversObject<{
  actualExpense?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType, RequireFields<DepartmentActualExpenseArgs, 'period'>>;
  budget?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType, RequireFields<DepartmentBudgetArgs, 'period'>>;
  children?: Resolver<Maybe<Array<ResolversTypes['Department']>>, ParentType, ContextType>;
  employees?: Resolver<Maybe<Array<ResolversTypes['Employee']>>, ParentType, ContextType, Partial<DepartmentEmployeesArgs>>;
  head?: Resolver<Maybe<ResolversTypes['Employee']>, ParentType, ContextType>;
  headcount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType, Partial<DepartmentHeadcountArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  indicators?: Resolver<Maybe<Array<ResolversTypes['IndicatorCell']>>, ParentType, ContextType, RequireFields<DepartmentIndicatorsArgs, 'codes' | 'period'>>;
  level?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Department']>, ParentType, ContextType>;
  payrollCost?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType, RequireFields<DepartmentPayrollCostArgs, 'period'>>;
  procurementSpend?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType, RequireFields<DepartmentProcurementSpendArgs, 'period'>>;
  region?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  revenue?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType, RequireFields<DepartmentRevenueArgs, 'period'>>;
}>;

export type DisclosureLogEntryResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['DisclosureLogEntry'] = ResolversParentTypes['DisclosureLogEntry']> = ResolversObject<{
  fact?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  principal?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  releasedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  windowFrom?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  windowTo?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type DisclosureLogPageResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['DisclosureLogPage'] = ResolversParentTypes['DisclosureLogPage']> = ResolversObject<{
  entries?: Resolver<Array<ResolversTypes['DisclosureLogEntry']>, ParentType, ContextType>;
  nextCursor?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type EffectiveAccessResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['EffectiveAccess'] = ResolversParentTypes['EffectiveAccess']> = ResolversObject<{
  admitted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['EffectiveFieldAccess']>, ParentType, ContextType>;
  individuals?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  operations?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  principal?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  scope?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type EffectiveFieldAccessResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['EffectiveFieldAccess'] = ResolversParentTypes['EffectiveFieldAccess']> = ResolversObject<{
  byRole?: Resolver<Array<ResolversTypes['RoleDecision']>, ParentType, ContextType>;
  decision?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type EmployeeResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Employee'] = ResolversParentTypes['Employee']> = ResolversObject<{
  bankAccount?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  department?: Resolver<Maybe<ResolversTypes['Department']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hireDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  idCardNo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  indicators?: Resolver<Maybe<Array<ResolversTypes['IndicatorCell']>>, ParentType, ContextType, RequireFields<EmployeeIndicatorsArgs, 'codes' | 'period'>>;
  leaveDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  manager?: Resolver<Maybe<ResolversTypes['Employee']>, ParentType, ContextType>;
  monthlySalary?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type FieldAccessResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['FieldAccess'] = ResolversParentTypes['FieldAccess']> = ResolversObject<{
  rowRules?: Resolver<Array<ResolversTypes['RowRule']>, ParentType, ContextType>;
  types?: Resolver<Array<ResolversTypes['TypeAccess']>, ParentType, ContextType>;
}>;

export type FieldAccessEntryResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['FieldAccessEntry'] = ResolversParentTypes['FieldAccessEntry']> = ResolversObject<{
  access?: Resolver<ResolversTypes['FieldAccessDecision'], ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  mask?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type FieldPermissionsResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['FieldPermissions'] = ResolversParentTypes['FieldPermissions']> = ResolversObject<{
  decisions?: Resolver<Array<ResolversTypes['RoleDecision']>, ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ImpactFlagResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['ImpactFlag'] = ResolversParentTypes['ImpactFlag']> = ResolversObject<{
  kind?: Resolver<ResolversTypes['ImpactFlagKind'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ImpactOwnerResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['ImpactOwner'] = ResolversParentTypes['ImpactOwner']> = ResolversObject<{
  codes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['IndicatorOwner'], ParentType, ContextType>;
}>;

export type ImpactReportResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['ImpactReport'] = ResolversParentTypes['ImpactReport']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dashboards?: Resolver<Maybe<Array<ResolversTypes['InterestedDashboard']>>, ParentType, ContextType>;
  dependents?: Resolver<Array<ResolversTypes['IndicatorDependency']>, ParentType, ContextType>;
  flags?: Resolver<Array<ResolversTypes['ImpactFlag']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ChangeKind'], ParentType, ContextType>;
  operations?: Resolver<Array<ResolversTypes['OperationImpact']>, ParentType, ContextType>;
  owners?: Resolver<Array<ResolversTypes['ImpactOwner']>, ParentType, ContextType>;
}>;

export type IndicatorResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Indicator'] = ResolversParentTypes['Indicator']> = ResolversObject<{
  additivity?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  definition?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dependents?: Resolver<Array<ResolversTypes['IndicatorDependency']>, ParentType, ContextType>;
  dimensions?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  direction?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  domain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fingerprint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  formula?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['IndicatorVersionRecord']>, ParentType, ContextType>;
  inputs?: Resolver<Array<ResolversTypes['Indicator']>, ParentType, ContextType>;
  lineage?: Resolver<ResolversTypes['Lineage'], ParentType, ContextType>;
  measure?: Resolver<Maybe<ResolversTypes['SourceMeasure']>, ParentType, ContextType>;
  nameEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nameZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['IndicatorOwner'], ParentType, ContextType>;
  precision?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sources?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['IndicatorStatus'], ParentType, ContextType>;
  successor?: Resolver<Maybe<ResolversTypes['Indicator']>, ParentType, ContextType>;
  synonyms?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  targets?: Resolver<Array<ResolversTypes['IndicatorTarget']>, ParentType, ContextType, RequireFields<IndicatorTargetsArgs, 'from' | 'to'>>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  versionNumber?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type IndicatorCellResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['IndicatorCell'] = ResolversParentTypes['IndicatorCell']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
}>;

export type IndicatorDependencyResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['IndicatorDependency'] = ResolversParentTypes['IndicatorDependency']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  indicator?: Resolver<Maybe<ResolversTypes['Indicator']>, ParentType, ContextType>;
  path?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  via?: Resolver<ResolversTypes['DependencyKind'], ParentType, ContextType>;
}>;

export type IndicatorEdgeResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['IndicatorEdge'] = ResolversParentTypes['IndicatorEdge']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  inputs?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type IndicatorExplanationResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['IndicatorExplanation'] = ResolversParentTypes['IndicatorExplanation']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  definition?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  filters?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  formula?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  inputs?: Resolver<Array<ResolversTypes['IndicatorVersion']>, ParentType, ContextType>;
  notes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  statements?: Resolver<Array<ResolversTypes['StatementProvenance']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type IndicatorNoticeResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['IndicatorNotice'] = ResolversParentTypes['IndicatorNotice']> = ResolversObject<{
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  affected?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  changeId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  domain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['NoticeKind'], ParentType, ContextType>;
  note?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  read?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type IndicatorOwnerResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['IndicatorOwner'] = ResolversParentTypes['IndicatorOwner']> = ResolversObject<{
  department?: Resolver<Maybe<ResolversTypes['Department']>, ParentType, ContextType>;
  person?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unit?: Resolver<Maybe<ResolversTypes['Department']>, ParentType, ContextType>;
}>;

export type IndicatorRowResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['IndicatorRow'] = ResolversParentTypes['IndicatorRow']> = ResolversObject<{
  cells?: Resolver<Array<ResolversTypes['IndicatorCell']>, ParentType, ContextType>;
  member?: Resolver<Maybe<ResolversTypes['Member']>, ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes['Member']>, ParentType, ContextType>;
  period?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type IndicatorSeriesResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['IndicatorSeries'] = ResolversParentTypes['IndicatorSeries']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  member?: Resolver<Maybe<ResolversTypes['Member']>, ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes['Member']>, ParentType, ContextType>;
  points?: Resolver<Array<ResolversTypes['SeriesPoint']>, ParentType, ContextType>;
}>;

export type IndicatorTableResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['IndicatorTable'] = ResolversParentTypes['IndicatorTable']> = ResolversObject<{
  asOf?: Resolver<Array<ResolversTypes['SourceAsOf']>, ParentType, ContextType>;
  by?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  explain?: Resolver<Array<ResolversTypes['IndicatorExplanation']>, ParentType, ContextType>;
  grain?: Resolver<ResolversTypes['Grain'], ParentType, ContextType>;
  groupBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  indicators?: Resolver<Array<ResolversTypes['Indicator']>, ParentType, ContextType>;
  pageInfo?: Resolver<Maybe<ResolversTypes['MemberPageInfo']>, ParentType, ContextType>;
  periods?: Resolver<Array<ResolversTypes['PeriodBucket']>, ParentType, ContextType>;
  rows?: Resolver<Array<ResolversTypes['IndicatorRow']>, ParentType, ContextType>;
  series?: Resolver<Array<ResolversTypes['IndicatorSeries']>, ParentType, ContextType>;
  sourceErrors?: Resolver<Array<ResolversTypes['SourceFailure']>, ParentType, ContextType>;
  statements?: Resolver<Array<ResolversTypes['StatementProvenance']>, ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type IndicatorTargetResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['IndicatorTarget'] = ResolversParentTypes['IndicatorTarget']> = ResolversObject<{
  period?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unit?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
}>;

export type IndicatorVersionResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['IndicatorVersion'] = ResolversParentTypes['IndicatorVersion']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fingerprint?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type IndicatorVersionRecordResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['IndicatorVersionRecord'] = ResolversParentTypes['IndicatorVersionRecord']> = ResolversObject<{
  approvedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  author?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  changeId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  definition?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  diff?: Resolver<Array<ResolversTypes['DefinitionDiff']>, ParentType, ContextType>;
  fingerprint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  inForceFrom?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  publishedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type InterestedDashboardResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['InterestedDashboard'] = ResolversParentTypes['InterestedDashboard']> = ResolversObject<{
  codes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type LineageResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Lineage'] = ResolversParentTypes['Lineage']> = ResolversObject<{
  columns?: Resolver<Array<ResolversTypes['SourceColumn']>, ParentType, ContextType>;
  sources?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  tables?: Resolver<Array<ResolversTypes['SourceTable']>, ParentType, ContextType>;
  upstream?: Resolver<Array<ResolversTypes['IndicatorEdge']>, ParentType, ContextType>;
}>;

export type MemberResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Member'] = ResolversParentTypes['Member']> = ResolversObject<{
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type MemberPageInfoResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['MemberPageInfo'] = ResolversParentTypes['MemberPageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  totalMembers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  approveIndicatorChange?: Resolver<Maybe<ResolversTypes['ChangeRequest']>, ParentType, ContextType, RequireFields<MutationApproveIndicatorChangeArgs, 'comment' | 'expectedRevision' | 'id'>>;
  cancelNoticeSubscription?: Resolver<Maybe<ResolversTypes['NoticeSubscription']>, ParentType, ContextType, RequireFields<MutationCancelNoticeSubscriptionArgs, 'id'>>;
  editIndicatorChange?: Resolver<Maybe<ResolversTypes['ChangeRequest']>, ParentType, ContextType, RequireFields<MutationEditIndicatorChangeArgs, 'expectedRevision' | 'id'>>;
  markNoticesRead?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType, RequireFields<MutationMarkNoticesReadArgs, 'ids'>>;
  proposeIndicatorChange?: Resolver<Maybe<ResolversTypes['ChangeRequest']>, ParentType, ContextType, RequireFields<MutationProposeIndicatorChangeArgs, 'input'>>;
  registerNoticeSubscription?: Resolver<Maybe<ResolversTypes['NoticeSubscription']>, ParentType, ContextType, Partial<MutationRegisterNoticeSubscriptionArgs>>;
  rejectIndicatorChange?: Resolver<Maybe<ResolversTypes['ChangeRequest']>, ParentType, ContextType, RequireFields<MutationRejectIndicatorChangeArgs, 'comment' | 'expectedRevision' | 'id'>>;
  submitIndicatorChange?: Resolver<Maybe<ResolversTypes['ChangeRequest']>, ParentType, ContextType, RequireFields<MutationSubmitIndicatorChangeArgs, 'expectedRevision' | 'id'>>;
  withdrawIndicatorChange?: Resolver<Maybe<ResolversTypes['ChangeRequest']>, ParentType, ContextType, RequireFields<MutationWithdrawIndicatorChangeArgs, 'expectedRevision' | 'id'>>;
}>;

export type NoticeSubscriptionResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['NoticeSubscription'] = ResolversParentTypes['NoticeSubscription']> = ResolversObject<{
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  cancelledAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  codes?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  deliveries?: Resolver<Maybe<Array<ResolversTypes['WebhookDelivery']>>, ParentType, ContextType, RequireFields<NoticeSubscriptionDeliveriesArgs, 'limit'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  webhookUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type OperationImpactResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['OperationImpact'] = ResolversParentTypes['OperationImpact']> = ResolversObject<{
  breaks?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  codes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  names?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  note?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  verdict?: Resolver<ResolversTypes['OperationVerdict'], ParentType, ContextType>;
}>;

export type OrderResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order']> = ResolversObject<{
  amount?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  customer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType>;
  department?: Resolver<Maybe<ResolversTypes['Department']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orderedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  quantity?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type PeriodBucketResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['PeriodBucket'] = ResolversParentTypes['PeriodBucket']> = ResolversObject<{
  from?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
}>;

export type PermissionMatrixResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['PermissionMatrix'] = ResolversParentTypes['PermissionMatrix']> = ResolversObject<{
  fields?: Resolver<Array<ResolversTypes['FieldPermissions']>, ParentType, ContextType>;
  minimumGroupSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  personalIndicators?: Resolver<Array<ResolversTypes['PersonalIndicator']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['RoleInfo']>, ParentType, ContextType>;
}>;

export type PersonalIndicatorResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['PersonalIndicator'] = ResolversParentTypes['PersonalIndicator']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  facts?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type ProductResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product']> = ResolversObject<{
  category?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  indicators?: Resolver<Maybe<Array<ResolversTypes['IndicatorCell']>>, ParentType, ContextType, RequireFields<ProductIndicatorsArgs, 'codes' | 'period'>>;
  listPrice?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  standardCost?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
}>;

export type PurchaseOrderResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['PurchaseOrder'] = ResolversParentTypes['PurchaseOrder']> = ResolversObject<{
  amount?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  department?: Resolver<Maybe<ResolversTypes['Department']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orderedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  supplier?: Resolver<Maybe<ResolversTypes['Supplier']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  alerts?: Resolver<Maybe<Array<ResolversTypes['Alert']>>, ParentType, ContextType, RequireFields<QueryAlertsArgs, 'minSeverity' | 'period'>>;
  ask?: Resolver<Maybe<ResolversTypes['AskAnswer']>, ParentType, ContextType, RequireFields<QueryAskArgs, 'question'>>;
  auditLog?: Resolver<Maybe<ResolversTypes['AuditLogPage']>, ParentType, ContextType, RequireFields<QueryAuditLogArgs, 'first'>>;
  columnImpact?: Resolver<Maybe<Array<ResolversTypes['Indicator']>>, ParentType, ContextType, RequireFields<QueryColumnImpactArgs, 'source' | 'table'>>;
  contact?: Resolver<Maybe<ResolversTypes['Contact']>, ParentType, ContextType, RequireFields<QueryContactArgs, 'id'>>;
  contract?: Resolver<Maybe<ResolversTypes['Contract']>, ParentType, ContextType, RequireFields<QueryContractArgs, 'id'>>;
  customer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType, RequireFields<QueryCustomerArgs, 'id'>>;
  customers?: Resolver<Maybe<Array<ResolversTypes['Customer']>>, ParentType, ContextType, Partial<QueryCustomersArgs>>;
  customersCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType, Partial<QueryCustomersCountArgs>>;
  decomposition?: Resolver<Maybe<ResolversTypes['DecompositionNode']>, ParentType, ContextType, RequireFields<QueryDecompositionArgs, 'code' | 'depth' | 'period'>>;
  department?: Resolver<Maybe<ResolversTypes['Department']>, ParentType, ContextType, RequireFields<QueryDepartmentArgs, 'id'>>;
  departments?: Resolver<Maybe<Array<ResolversTypes['Department']>>, ParentType, ContextType, Partial<QueryDepartmentsArgs>>;
  departmentsCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType, Partial<QueryDepartmentsCountArgs>>;
  disclosureLog?: Resolver<Maybe<ResolversTypes['DisclosureLogPage']>, ParentType, ContextType, RequireFields<QueryDisclosureLogArgs, 'first'>>;
  effectiveAccess?: Resolver<Maybe<ResolversTypes['EffectiveAccess']>, ParentType, ContextType, RequireFields<QueryEffectiveAccessArgs, 'principal'>>;
  employee?: Resolver<Maybe<ResolversTypes['Employee']>, ParentType, ContextType, RequireFields<QueryEmployeeArgs, 'id'>>;
  employees?: Resolver<Maybe<Array<ResolversTypes['Employee']>>, ParentType, ContextType, Partial<QueryEmployeesArgs>>;
  employeesCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType, Partial<QueryEmployeesCountArgs>>;
  explainAccess?: Resolver<Maybe<ResolversTypes['AccessExplanation']>, ParentType, ContextType, RequireFields<QueryExplainAccessArgs, 'field' | 'principal'>>;
  exportTable?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType, RequireFields<QueryExportTableArgs, 'columns' | 'format' | 'query' | 'rows'>>;
  indicator?: Resolver<Maybe<ResolversTypes['Indicator']>, ParentType, ContextType, RequireFields<QueryIndicatorArgs, 'code'>>;
  indicatorChange?: Resolver<Maybe<ResolversTypes['ChangeRequest']>, ParentType, ContextType, RequireFields<QueryIndicatorChangeArgs, 'id'>>;
  indicatorChanges?: Resolver<Maybe<Array<ResolversTypes['ChangeRequest']>>, ParentType, ContextType, RequireFields<QueryIndicatorChangesArgs, 'limit' | 'offset'>>;
  indicatorValues?: Resolver<Maybe<ResolversTypes['IndicatorTable']>, ParentType, ContextType, RequireFields<QueryIndicatorValuesArgs, 'codes' | 'from' | 'grain' | 'rollup'>>;
  indicators?: Resolver<Maybe<Array<ResolversTypes['Indicator']>>, ParentType, ContextType, RequireFields<QueryIndicatorsArgs, 'includeArchived'>>;
  me?: Resolver<Maybe<ResolversTypes['Viewer']>, ParentType, ContextType>;
  noticeInbox?: Resolver<Maybe<Array<ResolversTypes['IndicatorNotice']>>, ParentType, ContextType, RequireFields<QueryNoticeInboxArgs, 'limit' | 'offset' | 'unreadOnly'>>;
  noticeSubscriptions?: Resolver<Maybe<Array<ResolversTypes['NoticeSubscription']>>, ParentType, ContextType, RequireFields<QueryNoticeSubscriptionsArgs, 'allOwners'>>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<QueryOrderArgs, 'id'>>;
  permissionMatrix?: Resolver<Maybe<ResolversTypes['PermissionMatrix']>, ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType, RequireFields<QueryProductArgs, 'id'>>;
  products?: Resolver<Maybe<Array<ResolversTypes['Product']>>, ParentType, ContextType, Partial<QueryProductsArgs>>;
  productsCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType, Partial<QueryProductsCountArgs>>;
  purchaseOrder?: Resolver<Maybe<ResolversTypes['PurchaseOrder']>, ParentType, ContextType, RequireFields<QueryPurchaseOrderArgs, 'id'>>;
  receivable?: Resolver<Maybe<ResolversTypes['Receivable']>, ParentType, ContextType, RequireFields<QueryReceivableArgs, 'id'>>;
  roleHolders?: Resolver<Maybe<ResolversTypes['RoleHolders']>, ParentType, ContextType, RequireFields<QueryRoleHoldersArgs, 'role'>>;
  sources?: Resolver<Maybe<Array<ResolversTypes['SourceStatus']>>, ParentType, ContextType>;
  supplier?: Resolver<Maybe<ResolversTypes['Supplier']>, ParentType, ContextType, RequireFields<QuerySupplierArgs, 'id'>>;
  suppliers?: Resolver<Maybe<Array<ResolversTypes['Supplier']>>, ParentType, ContextType, Partial<QuerySuppliersArgs>>;
  suppliersCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType, Partial<QuerySuppliersCountArgs>>;
  verifyAuditChain?: Resolver<Maybe<ResolversTypes['AuditVerification']>, ParentType, ContextType, Partial<QueryVerifyAuditChainArgs>>;
}>;

export type ReceivableResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Receivable'] = ResolversParentTypes['Receivable']> = ResolversObject<{
  customer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType>;
  department?: Resolver<Maybe<ResolversTypes['Department']>, ParentType, ContextType>;
  dueOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  invoiceNo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  issuedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  openAmount?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
}>;

export type RoleDecisionResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['RoleDecision'] = ResolversParentTypes['RoleDecision']> = ResolversObject<{
  decision?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type RoleHolderResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['RoleHolder'] = ResolversParentTypes['RoleHolder']> = ResolversObject<{
  principal?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  via?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type RoleHoldersResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['RoleHolders'] = ResolversParentTypes['RoleHolders']> = ResolversObject<{
  holders?: Resolver<Array<ResolversTypes['RoleHolder']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type RoleInfoResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['RoleInfo'] = ResolversParentTypes['RoleInfo']> = ResolversObject<{
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  individuals?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  operations?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  rows?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type RowRuleResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['RowRule'] = ResolversParentTypes['RowRule']> = ResolversObject<{
  entity?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SeriesPointResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['SeriesPoint'] = ResolversParentTypes['SeriesPoint']> = ResolversObject<{
  period?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
}>;

export type SourceAsOfResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['SourceAsOf'] = ResolversParentTypes['SourceAsOf']> = ResolversObject<{
  asOf?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  cached?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SourceColumnResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['SourceColumn'] = ResolversParentTypes['SourceColumn']> = ResolversObject<{
  column?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  readBy?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['ColumnRole']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  table?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SourceFailureResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['SourceFailure'] = ResolversParentTypes['SourceFailure']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SourceMeasureResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['SourceMeasure'] = ResolversParentTypes['SourceMeasure']> = ResolversObject<{
  fact?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  measure?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SourceStatusResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['SourceStatus'] = ResolversParentTypes['SourceStatus']> = ResolversObject<{
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  engine?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  latencyMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type SourceTableResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['SourceTable'] = ResolversParentTypes['SourceTable']> = ResolversObject<{
  facts?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  table?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type StatementProvenanceResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['StatementProvenance'] = ResolversParentTypes['StatementProvenance']> = ResolversObject<{
  asOf?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  cached?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  durationMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  fact?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fingerprint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  indicators?: Resolver<Array<ResolversTypes['IndicatorVersion']>, ParentType, ContextType>;
  measures?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  rows?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  indicatorNotices?: SubscriptionResolver<ResolversTypes['IndicatorNotice'], "indicatorNotices", ParentType, ContextType, Partial<SubscriptionIndicatorNoticesArgs>>;
}>;

export type SupplierResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Supplier'] = ResolversParentTypes['Supplier']> = ResolversObject<{
  category?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  indicators?: Resolver<Maybe<Array<ResolversTypes['IndicatorCell']>>, ParentType, ContextType, RequireFields<SupplierIndicatorsArgs, 'codes' | 'period'>>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  purchaseOrders?: Resolver<Maybe<Array<ResolversTypes['PurchaseOrder']>>, ParentType, ContextType, Partial<SupplierPurchaseOrdersArgs>>;
  rating?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  spend?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType, RequireFields<SupplierSpendArgs, 'period'>>;
}>;

export type TypeAccessResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['TypeAccess'] = ResolversParentTypes['TypeAccess']> = ResolversObject<{
  fields?: Resolver<Array<ResolversTypes['FieldAccessEntry']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ViewerResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = ResolversObject<{
  department?: Resolver<Maybe<ResolversTypes['Department']>, ParentType, ContextType>;
  fieldAccess?: Resolver<ResolversTypes['FieldAccess'], ParentType, ContextType, Partial<ViewerFieldAccessArgs>>;
  operations?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  principal?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unit?: Resolver<Maybe<ResolversTypes['Department']>, ParentType, ContextType>;
}>;

export type WebhookAttemptResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['WebhookAttempt'] = ResolversParentTypes['WebhookAttempt']> = ResolversObject<{
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  durationMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  nextAttemptAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  statusCode?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type WebhookDeliveryResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['WebhookDelivery'] = ResolversParentTypes['WebhookDelivery']> = ResolversObject<{
  attemptLog?: Resolver<Maybe<Array<ResolversTypes['WebhookAttempt']>>, ParentType, ContextType>;
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastStatusCode?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  nextAttemptAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  noticeId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['WebhookDeliveryStatus'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = HubContext> = ResolversObject<{
  AccessExplanation?: AccessExplanationResolvers<ContextType>;
  Alert?: AlertResolvers<ContextType>;
  AskAnswer?: AskAnswerResolvers<ContextType>;
  AskCandidate?: AskCandidateResolvers<ContextType>;
  AskComparison?: AskComparisonResolvers<ContextType>;
  AskFilter?: AskFilterResolvers<ContextType>;
  AskInterpretation?: AskInterpretationResolvers<ContextType>;
  AskMember?: AskMemberResolvers<ContextType>;
  AskPeriod?: AskPeriodResolvers<ContextType>;
  AskPhrase?: AskPhraseResolvers<ContextType>;
  AskRanking?: AskRankingResolvers<ContextType>;
  AskRequest?: AskRequestResolvers<ContextType>;
  AskTarget?: AskTargetResolvers<ContextType>;
  AskThreshold?: AskThresholdResolvers<ContextType>;
  AskTop?: AskTopResolvers<ContextType>;
  AuditFieldDecision?: AuditFieldDecisionResolvers<ContextType>;
  AuditIndicatorInputs?: AuditIndicatorInputsResolvers<ContextType>;
  AuditLifecycleEvent?: AuditLifecycleEventResolvers<ContextType>;
  AuditLogPage?: AuditLogPageResolvers<ContextType>;
  AuditRecord?: AuditRecordResolvers<ContextType>;
  AuditRecordIds?: AuditRecordIdsResolvers<ContextType>;
  AuditSourceStatements?: AuditSourceStatementsResolvers<ContextType>;
  AuditSuppressedCell?: AuditSuppressedCellResolvers<ContextType>;
  AuditSystemEvent?: AuditSystemEventResolvers<ContextType>;
  AuditVerification?: AuditVerificationResolvers<ContextType>;
  ChangeRequest?: ChangeRequestResolvers<ContextType>;
  Contact?: ContactResolvers<ContextType>;
  Contract?: ContractResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  Date?: GraphQLScalarType;
  Decimal?: GraphQLScalarType;
  DecompositionNode?: DecompositionNodeResolvers<ContextType>;
  DefinitionDiff?: DefinitionDiffResolvers<ContextType>;
  Department?: DepartmentResolvers<ContextType>;
  DisclosureLogEntry?: DisclosureLogEntryResolvers<ContextType>;
  DisclosureLogPage?: DisclosureLogPageResolvers<ContextType>;
  EffectiveAccess?: EffectiveAccessResolvers<ContextType>;
  EffectiveFieldAccess?: EffectiveFieldAccessResolvers<ContextType>;
  Employee?: EmployeeResolvers<ContextType>;
  FieldAccess?: FieldAccessResolvers<ContextType>;
  FieldAccessEntry?: FieldAccessEntryResolvers<ContextType>;
  FieldPermissions?: FieldPermissionsResolvers<ContextType>;
  ImpactFlag?: ImpactFlagResolvers<ContextType>;
  ImpactOwner?: ImpactOwnerResolvers<ContextType>;
  ImpactReport?: ImpactReportResolvers<ContextType>;
  Indicator?: IndicatorResolvers<ContextType>;
  IndicatorCell?: IndicatorCellResolvers<ContextType>;
  IndicatorDependency?: IndicatorDependencyResolvers<ContextType>;
  IndicatorEdge?: IndicatorEdgeResolvers<ContextType>;
  IndicatorExplanation?: IndicatorExplanationResolvers<ContextType>;
  IndicatorNotice?: IndicatorNoticeResolvers<ContextType>;
  IndicatorOwner?: IndicatorOwnerResolvers<ContextType>;
  IndicatorRow?: IndicatorRowResolvers<ContextType>;
  IndicatorSeries?: IndicatorSeriesResolvers<ContextType>;
  IndicatorTable?: IndicatorTableResolvers<ContextType>;
  IndicatorTarget?: IndicatorTargetResolvers<ContextType>;
  IndicatorVersion?: IndicatorVersionResolvers<ContextType>;
  IndicatorVersionRecord?: IndicatorVersionRecordResolvers<ContextType>;
  InterestedDashboard?: InterestedDashboardResolvers<ContextType>;
  Lineage?: LineageResolvers<ContextType>;
  Member?: MemberResolvers<ContextType>;
  MemberPageInfo?: MemberPageInfoResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  NoticeSubscription?: NoticeSubscriptionResolvers<ContextType>;
  OperationImpact?: OperationImpactResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  PeriodBucket?: PeriodBucketResolvers<ContextType>;
  PermissionMatrix?: PermissionMatrixResolvers<ContextType>;
  PersonalIndicator?: PersonalIndicatorResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  PurchaseOrder?: PurchaseOrderResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Receivable?: ReceivableResolvers<ContextType>;
  RoleDecision?: RoleDecisionResolvers<ContextType>;
  RoleHolder?: RoleHolderResolvers<ContextType>;
  RoleHolders?: RoleHoldersResolvers<ContextType>;
  RoleInfo?: RoleInfoResolvers<ContextType>;
  RowRule?: RowRuleResolvers<ContextType>;
  SeriesPoint?: SeriesPointResolvers<ContextType>;
  SourceAsOf?: SourceAsOfResolvers<ContextType>;
  SourceColumn?: SourceColumnResolvers<ContextType>;
  SourceFailure?: SourceFailureResolvers<ContextType>;
  SourceMeasure?: SourceMeasureResolvers<ContextType>;
  SourceStatus?: SourceStatusResolvers<ContextType>;
  SourceTable?: SourceTableResolvers<ContextType>;
  StatementProvenance?: StatementProvenanceResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Supplier?: SupplierResolvers<ContextType>;
  TypeAccess?: TypeAccessResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
  WebhookAttempt?: WebhookAttemptResolvers<ContextType>;
  WebhookDelivery?: WebhookDeliveryResolvers<ContextType>;
}>;

