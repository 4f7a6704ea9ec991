import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { DepartmentParent, EmployeeParent, CustomerParent, SupplierParent, ProductParent, ContractParent, ReceivableParent, PurchaseOrderParent, ContactParent, OrderParent, IndicatorParent, IndicatorOwnerParent } from '../resolvers/parents';
import { Viewer as ViewerModel } from '../auth/viewer';
import { AuditRecord as AuditRecordModel } from '../audit/record';
import { HubContext } from '../hub/context';
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
  /** Calendar date, ISO 8601 (YYYY-MM-DD). */
  Date: { input: string; output: string; }
  /**
   * An exact decimal number, serialised as a string such as "1234.50". Money never passes through binary
   * floats: sums are computed in the source databases and carried as strings or scaled integers.
   */
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
  department?: Maybe<Department>;
  indicator: Indicator;
  message: Scalars['String']['output'];
  /** What the bands were applied to: the value, its % of the target or other indicator, or growth %. */
  metric: Scalars['Decimal']['output'];
  /** The indicator's owner and the department's head. */
  notify: Array<Scalars['String']['output']>;
  period: Scalars['String']['output'];
  rule: Scalars['String']['output'];
  severity: Severity;
  threshold: Scalars['String']['output'];
  value: Scalars['Decimal']['output'];
};

export type AuditFieldDecision = {
  __typename?: 'AuditFieldDecision';
  field: Scalars['String']['output'];
  rule: Scalars['String']['output'];
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
  at: Scalars['String']['output'];
  denied: Array<AuditFieldDecision>;
  documentHash?: Maybe<Scalars['String']['output']>;
  errorCodes: Array<Scalars['String']['output']>;
  fieldsRequested: Array<Scalars['String']['output']>;
  hash: Scalars['String']['output'];
  indicators: Array<IndicatorVersion>;
  latencyMs: Scalars['Float']['output'];
  masked: Array<AuditFieldDecision>;
  operationName?: Maybe<Scalars['String']['output']>;
  outcome: AuditOutcome;
  prevHash: Scalars['String']['output'];
  principal: Scalars['String']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  requestId: Scalars['String']['output'];
  roles: Array<Scalars['String']['output']>;
  rows: Scalars['Int']['output'];
  scope: Scalars['String']['output'];
  seq: Scalars['Int']['output'];
  statements: Array<AuditSourceStatements>;
  /** Variables with sensitive values redacted, as JSON. */
  variables?: Maybe<Scalars['String']['output']>;
};

export type AuditSourceStatements = {
  __typename?: 'AuditSourceStatements';
  fingerprints: Array<Scalars['String']['output']>;
  rows: Scalars['Int']['output'];
  source: Scalars['String']['output'];
  statements: Scalars['Int']['output'];
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

/**
 * A department of the company: the HR org unit, which is also an ERP cost centre, a procurement cost
 * centre and — for sales departments — a CRM sales team. `period` arguments take 2025, 2025-Q4, 2025-11,
 * 2025-11-05, 2025-W03, FY2025 or FY2025-Q1 (fiscal year start is configurable).
 * Figures are the department's own records (no roll-up of the subtree).
 * A figure is null when the department has no counterpart in that source system (e.g. revenue of a
 * non-sales department) and zero when it has one but no records in the period.
 */
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
  /** Indicator values of this department for one period (batched across departments: one statement per source fact). */
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


/**
 * A department of the company: the HR org unit, which is also an ERP cost centre, a procurement cost
 * centre and — for sales departments — a CRM sales team. `period` arguments take 2025, 2025-Q4, 2025-11,
 * 2025-11-05, 2025-W03, FY2025 or FY2025-Q1 (fiscal year start is configurable).
 * Figures are the department's own records (no roll-up of the subtree).
 * A figure is null when the department has no counterpart in that source system (e.g. revenue of a
 * non-sales department) and zero when it has one but no records in the period.
 */
export type DepartmentActualExpenseArgs = {
  period: Scalars['String']['input'];
};


/**
 * A department of the company: the HR org unit, which is also an ERP cost centre, a procurement cost
 * centre and — for sales departments — a CRM sales team. `period` arguments take 2025, 2025-Q4, 2025-11,
 * 2025-11-05, 2025-W03, FY2025 or FY2025-Q1 (fiscal year start is configurable).
 * Figures are the department's own records (no roll-up of the subtree).
 * A figure is null when the department has no counterpart in that source system (e.g. revenue of a
 * non-sales department) and zero when it has one but no records in the period.
 */
export type DepartmentBudgetArgs = {
  period: Scalars['String']['input'];
};


/**
 * A department of the company: the HR org unit, which is also an ERP cost centre, a procurement cost
 * centre and — for sales departments — a CRM sales team. `period` arguments take 2025, 2025-Q4, 2025-11,
 * 2025-11-05, 2025-W03, FY2025 or FY2025-Q1 (fiscal year start is configurable).
 * Figures are the department's own records (no roll-up of the subtree).
 * A figure is null when the department has no counterpart in that source system (e.g. revenue of a
 * non-sales department) and zero when it has one but no records in the period.
 */
export type DepartmentEmployeesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * A department of the company: the HR org unit, which is also an ERP cost centre, a procurement cost
 * centre and — for sales departments — a CRM sales team. `period` arguments take 2025, 2025-Q4, 2025-11,
 * 2025-11-05, 2025-W03, FY2025 or FY2025-Q1 (fiscal year start is configurable).
 * Figures are the department's own records (no roll-up of the subtree).
 * A figure is null when the department has no counterpart in that source system (e.g. revenue of a
 * non-sales department) and zero when it has one but no records in the period.
 */
export type DepartmentHeadcountArgs = {
  period?: InputMaybe<Scalars['String']['input']>;
};


/**
 * A department of the company: the HR org unit, which is also an ERP cost centre, a procurement cost
 * centre and — for sales departments — a CRM sales team. `period` arguments take 2025, 2025-Q4, 2025-11,
 * 2025-11-05, 2025-W03, FY2025 or FY2025-Q1 (fiscal year start is configurable).
 * Figures are the department's own records (no roll-up of the subtree).
 * A figure is null when the department has no counterpart in that source system (e.g. revenue of a
 * non-sales department) and zero when it has one but no records in the period.
 */
export type DepartmentIndicatorsArgs = {
  codes: Array<Scalars['String']['input']>;
  period: Scalars['String']['input'];
};


/**
 * A department of the company: the HR org unit, which is also an ERP cost centre, a procurement cost
 * centre and — for sales departments — a CRM sales team. `period` arguments take 2025, 2025-Q4, 2025-11,
 * 2025-11-05, 2025-W03, FY2025 or FY2025-Q1 (fiscal year start is configurable).
 * Figures are the department's own records (no roll-up of the subtree).
 * A figure is null when the department has no counterpart in that source system (e.g. revenue of a
 * non-sales department) and zero when it has one but no records in the period.
 */
export type DepartmentPayrollCostArgs = {
  period: Scalars['String']['input'];
};


/**
 * A department of the company: the HR org unit, which is also an ERP cost centre, a procurement cost
 * centre and — for sales departments — a CRM sales team. `period` arguments take 2025, 2025-Q4, 2025-11,
 * 2025-11-05, 2025-W03, FY2025 or FY2025-Q1 (fiscal year start is configurable).
 * Figures are the department's own records (no roll-up of the subtree).
 * A figure is null when the department has no counterpart in that source system (e.g. revenue of a
 * non-sales department) and zero when it has one but no records in the period.
 */
export type DepartmentProcurementSpendArgs = {
  period: Scalars['String']['input'];
};


/**
 * A department of the company: the HR org unit, which is also an ERP cost centre, a procurement cost
 * centre and — for sales departments — a CRM sales team. `period` arguments take 2025, 2025-Q4, 2025-11,
 * 2025-11-05, 2025-W03, FY2025 or FY2025-Q1 (fiscal year start is configurable).
 * Figures are the department's own records (no roll-up of the subtree).
 * A figure is null when the department has no counterpart in that source system (e.g. revenue of a
 * non-sales department) and zero when it has one but no records in the period.
 */
export type DepartmentRevenueArgs = {
  period: Scalars['String']['input'];
};

export type DimensionFilter = {
  /** department, customer, supplier or product */
  dimension: Scalars['String']['input'];
  /** Hub ids, e.g. department ids D0002… */
  ids: Array<Scalars['ID']['input']>;
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

export type FieldPermissions = {
  __typename?: 'FieldPermissions';
  decisions: Array<RoleDecision>;
  field: Scalars['String']['output'];
};

export type Grain =
  | 'DAY'
  | 'MONTH'
  | 'QUARTER'
  | 'WEEK'
  | 'YEAR';

/** One indicator of the dictionary. */
export type Indicator = {
  __typename?: 'Indicator';
  /** additive, snapshot (a balance taken at period end) or non_additive. */
  additivity: Scalars['String']['output'];
  code: Scalars['String']['output'];
  /** 口径: exactly what is counted and when. */
  definition: Scalars['String']['output'];
  dimensions: Array<Scalars['String']['output']>;
  direction: Scalars['String']['output'];
  format: Scalars['String']['output'];
  /** For formulas: the formula text; for ratios: numerator / denominator. */
  formula?: Maybe<Scalars['String']['output']>;
  /** The indicators it is computed from (its decomposition). */
  inputs: Array<Indicator>;
  /** For simple indicators: the source measure it aggregates. */
  measure?: Maybe<SourceMeasure>;
  nameEn: Scalars['String']['output'];
  nameZh: Scalars['String']['output'];
  owner: IndicatorOwner;
  /** Source systems its simple inputs come from. */
  sources: Array<Scalars['String']['output']>;
  synonyms: Array<Scalars['String']['output']>;
  tags: Array<Scalars['String']['output']>;
  /** simple, ratio, formula, cumulative or period_over_period. */
  type: Scalars['String']['output'];
  /** CNY, count, percent (in percent points), days, ratio or CNY_per_person. */
  unit: Scalars['String']['output'];
  /** Hash of the definition: answers and caches are keyed by it. */
  version: Scalars['String']['output'];
};

export type IndicatorCell = {
  __typename?: 'IndicatorCell';
  code: Scalars['String']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  /** Null with a reason when there is no value (empty period, division by zero, no counterpart). */
  value?: Maybe<Scalars['Decimal']['output']>;
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
  /** The statements its simple inputs came from. */
  statements: Array<StatementProvenance>;
  type: Scalars['String']['output'];
  version: Scalars['String']['output'];
};

export type IndicatorOwner = {
  __typename?: 'IndicatorOwner';
  department?: Maybe<Department>;
  person: Scalars['String']['output'];
};

export type IndicatorRow = {
  __typename?: 'IndicatorRow';
  cells: Array<IndicatorCell>;
  member?: Maybe<Member>;
  period: Scalars['String']['output'];
};

export type IndicatorSeries = {
  __typename?: 'IndicatorSeries';
  code: Scalars['String']['output'];
  member?: Maybe<Member>;
  points: Array<SeriesPoint>;
};

export type IndicatorTable = {
  __typename?: 'IndicatorTable';
  /** Each source's data as-of time for this answer (the oldest statement or cache entry used). */
  asOf: Array<SourceAsOf>;
  /** Provenance of each requested indicator: definition version, formula, inputs, statements, filters. */
  explain: Array<IndicatorExplanation>;
  grain: Grain;
  /** The dimension (or dimension.attribute) grouped by, if any. */
  groupBy?: Maybe<Scalars['String']['output']>;
  indicators: Array<Indicator>;
  periods: Array<PeriodBucket>;
  /** One row per period × member, a cell per requested indicator (in request order). */
  rows: Array<IndicatorRow>;
  /** The same values as one series per indicator × member, for charts. */
  series: Array<IndicatorSeries>;
  /** Sources that failed for this table: their indicators are null with the reason, the rest stands. */
  sourceErrors: Array<SourceFailure>;
  /** Every aggregate statement behind the table: one per source fact, run now or reused from the cache. */
  statements: Array<StatementProvenance>;
};

export type IndicatorVersion = {
  __typename?: 'IndicatorVersion';
  code: Scalars['String']['output'];
  version: Scalars['String']['output'];
};

/** A member of the grouped dimension: a department, customer… or an attribute value such as a region. */
export type Member = {
  __typename?: 'Member';
  id: Scalars['String']['output'];
  name?: Maybe<Scalars['String']['output']>;
};

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
  /** Indicators that aggregate personal data, with the roles allowed to see them. */
  personalIndicators: Array<PersonalIndicator>;
  roles: Array<RoleInfo>;
};

export type PersonalIndicator = {
  __typename?: 'PersonalIndicator';
  code: Scalars['String']['output'];
  roles: Array<Scalars['String']['output']>;
};

/** A product (ERP material; the CRM sells it under its own code). */
export type Product = {
  __typename?: 'Product';
  category?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  listPrice?: Maybe<Scalars['Decimal']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  standardCost?: Maybe<Scalars['Decimal']['output']>;
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
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type Query = {
  __typename?: 'Query';
  /**
   * 预警: every threshold rule of the dictionary evaluated per department for the period — what fired, why,
   * and whom to notify. Most severe first.
   */
  alerts?: Maybe<Array<Alert>>;
  /**
   * The audit log for auditors: one record per request (allowed, partly denied, refused), newest first.
   * Page with `first` (at most 500) and `after: nextCursor`.
   */
  auditLog?: Maybe<AuditLogPage>;
  customer?: Maybe<Customer>;
  /** Customers (CRM accounts). */
  customers?: Maybe<Array<Customer>>;
  /**
   * 指标分解: an indicator's value in `period` against `comparedTo` (default: the same period a year earlier),
   * with each driver's contribution to the change (Shapley attribution: contributions add up to the change).
   * `department` restricts to one department; `depth` limits the tree.
   */
  decomposition?: Maybe<DecompositionNode>;
  department?: Maybe<Department>;
  /** Departments (the HR org tree), optionally only the given ids. */
  departments?: Maybe<Array<Department>>;
  employee?: Maybe<Employee>;
  /** Employees (HR), optionally of one department. */
  employees?: Maybe<Array<Employee>>;
  /** Explain access: what `principal` (an employee id such as EMP-000010, or apikey:<id>) gets for one Type.field, and why. */
  explainAccess?: Maybe<AccessExplanation>;
  indicator?: Maybe<Indicator>;
  /**
   * Indicator values for a run of periods, one table a chart can use directly. `from`/`to` are periods
   * (e.g. "2025-01" … "2025-12"); `grain` cuts the run into buckets (fiscal quarters and years follow the
   * configured fiscal calendar). `groupBy` is a dimension (department, customer, supplier, product) or an
   * attribute of one (department.region, customer.segment, customer.industry, supplier.category).
   * `rollup: true` with groupBy department adds each department's subtree into it.
   * Each source receives one aggregate statement per fact involved, whatever the number of periods or members.
   */
  indicatorValues?: Maybe<IndicatorTable>;
  /**
   * The indicator dictionary: every definition (口径) the company agreed on. `search` matches code, Chinese or
   * English name, synonym, tag and owner; `tag` and `owner` (department id or person) filter.
   */
  indicators?: Maybe<Array<Indicator>>;
  /** The viewer as the hub resolved them: roles, row scope, operations. */
  me?: Maybe<Viewer>;
  /** Permission report for auditors: every role × every Type.field → allow / mask / deny, with the deciding rule. */
  permissionMatrix?: Maybe<PermissionMatrix>;
  /** Products (ERP materials). */
  products?: Maybe<Array<Product>>;
  /** The federated source systems and whether each answers now. */
  sources?: Maybe<Array<SourceStatus>>;
  supplier?: Maybe<Supplier>;
  /** Suppliers (procurement vendors). */
  suppliers?: Maybe<Array<Supplier>>;
  /** Recomputes the hash chain: ok, or the first broken record and why. */
  verifyAuditChain?: Maybe<AuditVerification>;
};


/**
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryAlertsArgs = {
  departments?: InputMaybe<Array<Scalars['ID']['input']>>;
  minSeverity?: InputMaybe<Severity>;
  period: Scalars['String']['input'];
};


/**
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['Int']['input']>;
  field?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['String']['input']>;
  indicator?: InputMaybe<Scalars['String']['input']>;
  outcome?: InputMaybe<AuditOutcome>;
  principal?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryCustomersArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryDecompositionArgs = {
  code: Scalars['String']['input'];
  comparedTo?: InputMaybe<Scalars['String']['input']>;
  department?: InputMaybe<Scalars['ID']['input']>;
  depth?: InputMaybe<Scalars['Int']['input']>;
  period: Scalars['String']['input'];
};


/**
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryDepartmentArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryDepartmentsArgs = {
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryEmployeeArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryEmployeesArgs = {
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryExplainAccessArgs = {
  field: Scalars['String']['input'];
  principal: Scalars['ID']['input'];
};


/**
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryIndicatorArgs = {
  code: Scalars['String']['input'];
};


/**
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryIndicatorValuesArgs = {
  codes: Array<Scalars['String']['input']>;
  filters?: InputMaybe<Array<DimensionFilter>>;
  from: Scalars['String']['input'];
  grain: Grain;
  groupBy?: InputMaybe<Scalars['String']['input']>;
  rollup?: InputMaybe<Scalars['Boolean']['input']>;
  to?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryIndicatorsArgs = {
  owner?: InputMaybe<Scalars['String']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
  tag?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QueryProductsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QuerySupplierArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Lists take `limit` (default 100, at most 1000: larger values are refused with BAD_USER_INPUT) and
 * `offset`. List fields are nullable so that a failing source or a denied field nulls only itself.
 */
export type QuerySuppliersArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
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

export type RoleInfo = {
  __typename?: 'RoleInfo';
  description: Scalars['String']['output'];
  individuals: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  operations: Array<Scalars['String']['output']>;
  /** all, own_department, department_subtree, own_records or regions: … */
  rows: Scalars['String']['output'];
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

export type SourceAsOf = {
  __typename?: 'SourceAsOf';
  asOf: Scalars['String']['output'];
  cached: Scalars['Boolean']['output'];
  source: Scalars['String']['output'];
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

/** A supplier (procurement vendor). */
export type Supplier = {
  __typename?: 'Supplier';
  category?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name?: Maybe<Scalars['String']['output']>;
  purchaseOrders?: Maybe<Array<PurchaseOrder>>;
  /** 1 (poor) to 5 (excellent). */
  rating?: Maybe<Scalars['Int']['output']>;
  region?: Maybe<Scalars['String']['output']>;
  /** Purchase order amount in the period, cancelled orders excluded. */
  spend?: Maybe<Scalars['Decimal']['output']>;
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

export type Viewer = {
  __typename?: 'Viewer';
  department?: Maybe<Department>;
  operations: Array<Scalars['String']['output']>;
  principal: Scalars['String']['output'];
  roles: Array<Scalars['String']['output']>;
  /** The resolved row scope, in words. */
  scope: Scalars['String']['output'];
};

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
  Alert: ResolverTypeWrapper<Omit<Alert, 'department' | 'indicator'> & { department?: Maybe<ResolversTypes['Department']>, indicator: ResolversTypes['Indicator'] }>;
  AuditFieldDecision: ResolverTypeWrapper<AuditFieldDecision>;
  AuditLogPage: ResolverTypeWrapper<Omit<AuditLogPage, 'records'> & { records: Array<ResolversTypes['AuditRecord']> }>;
  AuditOutcome: AuditOutcome;
  AuditRecord: ResolverTypeWrapper<AuditRecordModel>;
  AuditSourceStatements: ResolverTypeWrapper<AuditSourceStatements>;
  AuditVerification: ResolverTypeWrapper<AuditVerification>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Contact: ResolverTypeWrapper<ContactParent>;
  Contract: ResolverTypeWrapper<ContractParent>;
  Customer: ResolverTypeWrapper<CustomerParent>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  Decimal: ResolverTypeWrapper<Scalars['Decimal']['output']>;
  DecompositionNode: ResolverTypeWrapper<Omit<DecompositionNode, 'drivers' | 'indicator'> & { drivers: Array<ResolversTypes['DecompositionNode']>, indicator?: Maybe<ResolversTypes['Indicator']> }>;
  Department: ResolverTypeWrapper<DepartmentParent>;
  DimensionFilter: DimensionFilter;
  Employee: ResolverTypeWrapper<EmployeeParent>;
  FieldPermissions: ResolverTypeWrapper<FieldPermissions>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Grain: Grain;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Indicator: ResolverTypeWrapper<IndicatorParent>;
  IndicatorCell: ResolverTypeWrapper<IndicatorCell>;
  IndicatorExplanation: ResolverTypeWrapper<IndicatorExplanation>;
  IndicatorOwner: ResolverTypeWrapper<IndicatorOwnerParent>;
  IndicatorRow: ResolverTypeWrapper<IndicatorRow>;
  IndicatorSeries: ResolverTypeWrapper<IndicatorSeries>;
  IndicatorTable: ResolverTypeWrapper<Omit<IndicatorTable, 'indicators'> & { indicators: Array<ResolversTypes['Indicator']> }>;
  IndicatorVersion: ResolverTypeWrapper<IndicatorVersion>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Member: ResolverTypeWrapper<Member>;
  Order: ResolverTypeWrapper<OrderParent>;
  PeriodBucket: ResolverTypeWrapper<PeriodBucket>;
  PermissionMatrix: ResolverTypeWrapper<PermissionMatrix>;
  PersonalIndicator: ResolverTypeWrapper<PersonalIndicator>;
  Product: ResolverTypeWrapper<ProductParent>;
  PurchaseOrder: ResolverTypeWrapper<PurchaseOrderParent>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Receivable: ResolverTypeWrapper<ReceivableParent>;
  RoleDecision: ResolverTypeWrapper<RoleDecision>;
  RoleInfo: ResolverTypeWrapper<RoleInfo>;
  SeriesPoint: ResolverTypeWrapper<SeriesPoint>;
  Severity: Severity;
  SourceAsOf: ResolverTypeWrapper<SourceAsOf>;
  SourceFailure: ResolverTypeWrapper<SourceFailure>;
  SourceMeasure: ResolverTypeWrapper<SourceMeasure>;
  SourceStatus: ResolverTypeWrapper<SourceStatus>;
  StatementProvenance: ResolverTypeWrapper<StatementProvenance>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Supplier: ResolverTypeWrapper<SupplierParent>;
  Viewer: ResolverTypeWrapper<ViewerModel>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AccessExplanation: AccessExplanation;
  Alert: Omit<Alert, 'department' | 'indicator'> & { department?: Maybe<ResolversParentTypes['Department']>, indicator: ResolversParentTypes['Indicator'] };
  AuditFieldDecision: AuditFieldDecision;
  AuditLogPage: Omit<AuditLogPage, 'records'> & { records: Array<ResolversParentTypes['AuditRecord']> };
  AuditRecord: AuditRecordModel;
  AuditSourceStatements: AuditSourceStatements;
  AuditVerification: AuditVerification;
  Boolean: Scalars['Boolean']['output'];
  Contact: ContactParent;
  Contract: ContractParent;
  Customer: CustomerParent;
  Date: Scalars['Date']['output'];
  Decimal: Scalars['Decimal']['output'];
  DecompositionNode: Omit<DecompositionNode, 'drivers' | 'indicator'> & { drivers: Array<ResolversParentTypes['DecompositionNode']>, indicator?: Maybe<ResolversParentTypes['Indicator']> };
  Department: DepartmentParent;
  DimensionFilter: DimensionFilter;
  Employee: EmployeeParent;
  FieldPermissions: FieldPermissions;
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  Indicator: IndicatorParent;
  IndicatorCell: IndicatorCell;
  IndicatorExplanation: IndicatorExplanation;
  IndicatorOwner: IndicatorOwnerParent;
  IndicatorRow: IndicatorRow;
  IndicatorSeries: IndicatorSeries;
  IndicatorTable: Omit<IndicatorTable, 'indicators'> & { indicators: Array<ResolversParentTypes['Indicator']> };
  IndicatorVersion: IndicatorVersion;
  Int: Scalars['Int']['output'];
  Member: Member;
  Order: OrderParent;
  PeriodBucket: PeriodBucket;
  PermissionMatrix: PermissionMatrix;
  PersonalIndicator: PersonalIndicator;
  Product: ProductParent;
  PurchaseOrder: PurchaseOrderParent;
  Query: Record<PropertyKey, never>;
  Receivable: ReceivableParent;
  RoleDecision: RoleDecision;
  RoleInfo: RoleInfo;
  SeriesPoint: SeriesPoint;
  SourceAsOf: SourceAsOf;
  SourceFailure: SourceFailure;
  SourceMeasure: SourceMeasure;
  SourceStatus: SourceStatus;
  StatementProvenance: StatementProvenance;
  String: Scalars['String']['output'];
  Supplier: SupplierParent;
  Viewer: ViewerModel;
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
  value?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
}>;

export type AuditFieldDecisionResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AuditFieldDecision'] = ResolversParentTypes['AuditFieldDecision']> = ResolversObject<{
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AuditLogPageResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AuditLogPage'] = ResolversParentTypes['AuditLogPage']> = ResolversObject<{
  nextCursor?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  records?: Resolver<Array<ResolversTypes['AuditRecord']>, ParentType, ContextType>;
}>;

export type AuditRecordResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AuditRecord'] = ResolversParentTypes['AuditRecord']> = ResolversObject<{
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  denied?: Resolver<Array<ResolversTypes['AuditFieldDecision']>, ParentType, ContextType>;
  documentHash?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  errorCodes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  fieldsRequested?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  indicators?: Resolver<Array<ResolversTypes['IndicatorVersion']>, ParentType, ContextType>;
  latencyMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  masked?: Resolver<Array<ResolversTypes['AuditFieldDecision']>, ParentType, ContextType>;
  operationName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AuditOutcome'], ParentType, ContextType>;
  prevHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  principal?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  rows?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  statements?: Resolver<Array<ResolversTypes['AuditSourceStatements']>, ParentType, ContextType>;
  variables?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AuditSourceStatementsResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AuditSourceStatements'] = ResolversParentTypes['AuditSourceStatements']> = ResolversObject<{
  fingerprints?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  rows?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  statements?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type AuditVerificationResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['AuditVerification'] = ResolversParentTypes['AuditVerification']> = ResolversObject<{
  checked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  firstBrokenSeq?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  headHash?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  headSeq?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
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

export type EmployeeResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Employee'] = ResolversParentTypes['Employee']> = ResolversObject<{
  bankAccount?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  department?: Resolver<Maybe<ResolversTypes['Department']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hireDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  idCardNo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  leaveDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  manager?: Resolver<Maybe<ResolversTypes['Employee']>, ParentType, ContextType>;
  monthlySalary?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type FieldPermissionsResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['FieldPermissions'] = ResolversParentTypes['FieldPermissions']> = ResolversObject<{
  decisions?: Resolver<Array<ResolversTypes['RoleDecision']>, ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type IndicatorResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Indicator'] = ResolversParentTypes['Indicator']> = ResolversObject<{
  additivity?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  definition?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dimensions?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  direction?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  formula?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  inputs?: Resolver<Array<ResolversTypes['Indicator']>, ParentType, ContextType>;
  measure?: Resolver<Maybe<ResolversTypes['SourceMeasure']>, ParentType, ContextType>;
  nameEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nameZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['IndicatorOwner'], ParentType, ContextType>;
  sources?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  synonyms?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type IndicatorCellResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['IndicatorCell'] = ResolversParentTypes['IndicatorCell']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
}>;

export type IndicatorExplanationResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['IndicatorExplanation'] = ResolversParentTypes['IndicatorExplanation']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  definition?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  filters?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  formula?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  inputs?: Resolver<Array<ResolversTypes['IndicatorVersion']>, ParentType, ContextType>;
  statements?: Resolver<Array<ResolversTypes['StatementProvenance']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type IndicatorOwnerResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['IndicatorOwner'] = ResolversParentTypes['IndicatorOwner']> = ResolversObject<{
  department?: Resolver<Maybe<ResolversTypes['Department']>, ParentType, ContextType>;
  person?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type IndicatorRowResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['IndicatorRow'] = ResolversParentTypes['IndicatorRow']> = ResolversObject<{
  cells?: Resolver<Array<ResolversTypes['IndicatorCell']>, ParentType, ContextType>;
  member?: Resolver<Maybe<ResolversTypes['Member']>, ParentType, ContextType>;
  period?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type IndicatorSeriesResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['IndicatorSeries'] = ResolversParentTypes['IndicatorSeries']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  member?: Resolver<Maybe<ResolversTypes['Member']>, ParentType, ContextType>;
  points?: Resolver<Array<ResolversTypes['SeriesPoint']>, ParentType, ContextType>;
}>;

export type IndicatorTableResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['IndicatorTable'] = ResolversParentTypes['IndicatorTable']> = ResolversObject<{
  asOf?: Resolver<Array<ResolversTypes['SourceAsOf']>, ParentType, ContextType>;
  explain?: Resolver<Array<ResolversTypes['IndicatorExplanation']>, ParentType, ContextType>;
  grain?: Resolver<ResolversTypes['Grain'], ParentType, ContextType>;
  groupBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  indicators?: Resolver<Array<ResolversTypes['Indicator']>, ParentType, ContextType>;
  periods?: Resolver<Array<ResolversTypes['PeriodBucket']>, ParentType, ContextType>;
  rows?: Resolver<Array<ResolversTypes['IndicatorRow']>, ParentType, ContextType>;
  series?: Resolver<Array<ResolversTypes['IndicatorSeries']>, ParentType, ContextType>;
  sourceErrors?: Resolver<Array<ResolversTypes['SourceFailure']>, ParentType, ContextType>;
  statements?: Resolver<Array<ResolversTypes['StatementProvenance']>, ParentType, ContextType>;
}>;

export type IndicatorVersionResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['IndicatorVersion'] = ResolversParentTypes['IndicatorVersion']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MemberResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Member'] = ResolversParentTypes['Member']> = ResolversObject<{
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
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
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type ProductResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product']> = ResolversObject<{
  category?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
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
  auditLog?: Resolver<Maybe<ResolversTypes['AuditLogPage']>, ParentType, ContextType, RequireFields<QueryAuditLogArgs, 'first'>>;
  customer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType, RequireFields<QueryCustomerArgs, 'id'>>;
  customers?: Resolver<Maybe<Array<ResolversTypes['Customer']>>, ParentType, ContextType, Partial<QueryCustomersArgs>>;
  decomposition?: Resolver<Maybe<ResolversTypes['DecompositionNode']>, ParentType, ContextType, RequireFields<QueryDecompositionArgs, 'code' | 'depth' | 'period'>>;
  department?: Resolver<Maybe<ResolversTypes['Department']>, ParentType, ContextType, RequireFields<QueryDepartmentArgs, 'id'>>;
  departments?: Resolver<Maybe<Array<ResolversTypes['Department']>>, ParentType, ContextType, Partial<QueryDepartmentsArgs>>;
  employee?: Resolver<Maybe<ResolversTypes['Employee']>, ParentType, ContextType, RequireFields<QueryEmployeeArgs, 'id'>>;
  employees?: Resolver<Maybe<Array<ResolversTypes['Employee']>>, ParentType, ContextType, Partial<QueryEmployeesArgs>>;
  explainAccess?: Resolver<Maybe<ResolversTypes['AccessExplanation']>, ParentType, ContextType, RequireFields<QueryExplainAccessArgs, 'field' | 'principal'>>;
  indicator?: Resolver<Maybe<ResolversTypes['Indicator']>, ParentType, ContextType, RequireFields<QueryIndicatorArgs, 'code'>>;
  indicatorValues?: Resolver<Maybe<ResolversTypes['IndicatorTable']>, ParentType, ContextType, RequireFields<QueryIndicatorValuesArgs, 'codes' | 'from' | 'grain' | 'rollup'>>;
  indicators?: Resolver<Maybe<Array<ResolversTypes['Indicator']>>, ParentType, ContextType, Partial<QueryIndicatorsArgs>>;
  me?: Resolver<Maybe<ResolversTypes['Viewer']>, ParentType, ContextType>;
  permissionMatrix?: Resolver<Maybe<ResolversTypes['PermissionMatrix']>, ParentType, ContextType>;
  products?: Resolver<Maybe<Array<ResolversTypes['Product']>>, ParentType, ContextType, Partial<QueryProductsArgs>>;
  sources?: Resolver<Maybe<Array<ResolversTypes['SourceStatus']>>, ParentType, ContextType>;
  supplier?: Resolver<Maybe<ResolversTypes['Supplier']>, ParentType, ContextType, RequireFields<QuerySupplierArgs, 'id'>>;
  suppliers?: Resolver<Maybe<Array<ResolversTypes['Supplier']>>, ParentType, ContextType, Partial<QuerySuppliersArgs>>;
  verifyAuditChain?: Resolver<Maybe<ResolversTypes['AuditVerification']>, ParentType, ContextType>;
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

export type RoleInfoResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['RoleInfo'] = ResolversParentTypes['RoleInfo']> = ResolversObject<{
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  individuals?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  operations?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  rows?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
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

export type SupplierResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Supplier'] = ResolversParentTypes['Supplier']> = ResolversObject<{
  category?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  purchaseOrders?: Resolver<Maybe<Array<ResolversTypes['PurchaseOrder']>>, ParentType, ContextType, Partial<SupplierPurchaseOrdersArgs>>;
  rating?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  spend?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType, RequireFields<SupplierSpendArgs, 'period'>>;
}>;

export type ViewerResolvers<ContextType = HubContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = ResolversObject<{
  department?: Resolver<Maybe<ResolversTypes['Department']>, ParentType, ContextType>;
  operations?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  principal?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = HubContext> = ResolversObject<{
  AccessExplanation?: AccessExplanationResolvers<ContextType>;
  Alert?: AlertResolvers<ContextType>;
  AuditFieldDecision?: AuditFieldDecisionResolvers<ContextType>;
  AuditLogPage?: AuditLogPageResolvers<ContextType>;
  AuditRecord?: AuditRecordResolvers<ContextType>;
  AuditSourceStatements?: AuditSourceStatementsResolvers<ContextType>;
  AuditVerification?: AuditVerificationResolvers<ContextType>;
  Contact?: ContactResolvers<ContextType>;
  Contract?: ContractResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  Date?: GraphQLScalarType;
  Decimal?: GraphQLScalarType;
  DecompositionNode?: DecompositionNodeResolvers<ContextType>;
  Department?: DepartmentResolvers<ContextType>;
  Employee?: EmployeeResolvers<ContextType>;
  FieldPermissions?: FieldPermissionsResolvers<ContextType>;
  Indicator?: IndicatorResolvers<ContextType>;
  IndicatorCell?: IndicatorCellResolvers<ContextType>;
  IndicatorExplanation?: IndicatorExplanationResolvers<ContextType>;
  IndicatorOwner?: IndicatorOwnerResolvers<ContextType>;
  IndicatorRow?: IndicatorRowResolvers<ContextType>;
  IndicatorSeries?: IndicatorSeriesResolvers<ContextType>;
  IndicatorTable?: IndicatorTableResolvers<ContextType>;
  IndicatorVersion?: IndicatorVersionResolvers<ContextType>;
  Member?: MemberResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  PeriodBucket?: PeriodBucketResolvers<ContextType>;
  PermissionMatrix?: PermissionMatrixResolvers<ContextType>;
  PersonalIndicator?: PersonalIndicatorResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  PurchaseOrder?: PurchaseOrderResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Receivable?: ReceivableResolvers<ContextType>;
  RoleDecision?: RoleDecisionResolvers<ContextType>;
  RoleInfo?: RoleInfoResolvers<ContextType>;
  SeriesPoint?: SeriesPointResolvers<ContextType>;
  SourceAsOf?: SourceAsOfResolvers<ContextType>;
  SourceFailure?: SourceFailureResolvers<ContextType>;
  SourceMeasure?: SourceMeasureResolvers<ContextType>;
  SourceStatus?: SourceStatusResolvers<ContextType>;
  StatementProvenance?: StatementProvenanceResolvers<ContextType>;
  Supplier?: SupplierResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
}>;

