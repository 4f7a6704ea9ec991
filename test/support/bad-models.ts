/**
 * Bad configurations of the demo model: one file of a copy changed (test/support/model-copy.ts), and the one
 * problem line start-up and `npm run model:check` must both refuse it with. Used by
 * test/api/model-check.test.ts (both engines, nothing written) and test/api/start-vs-check.test.ts (the CLI
 * as a child process beside start-up).
 */
export interface BadModel {
  name: string;
  file: string;
  from: string | RegExp;
  to: string;
  /** The problem's line after `<copy dir>/<file>: `. */
  problem: RegExp;
}

export const BAD_MODELS: BadModel[] = [
  {
    name: 'an unknown table',
    file: 'sources/erp.yaml',
    from: 'table: gl_entry',
    to: 'table: gl_entries',
    problem: /^facts\.expense\.table: table "gl_entries" does not exist in .* \(did you mean "gl_entry"\?\)$/,
  },
  {
    name: 'an unknown fact column',
    file: 'sources/erp.yaml',
    from: 'column: posting_date',
    to: 'column: posting_dat',
    problem:
      /^facts\.expense\.time\.column: column "posting_dat" does not exist in "gl_entry" \(did you mean "posting_date"\?\)$/,
  },
  {
    name: 'an unknown entity column',
    file: 'sources/erp.yaml',
    from: 'creditLimit: credit_limit',
    to: 'creditLimit: credit_limt',
    problem:
      /^entities\.Customer\.fields\.creditLimit: column "credit_limt" does not exist in table "customer" \(did you mean "credit_limit"\?\)$/,
  },
  {
    name: 'a sum over a text column',
    file: 'sources/erp.yaml',
    from: 'actualExpense: { agg: sum, column: amount',
    to: 'actualExpense: { agg: sum, column: acct_code',
    problem: /^facts\.expense\.measures\.actualExpense\.column: column "acct_code" is .*, not a number/,
  },
  {
    name: 'a reference to an undeclared entity',
    file: 'entities/Employee.yaml',
    from: 'department: { ref: Department }',
    to: 'department: { ref: Departmnt }',
    problem: /^fields\.department\.ref: unknown entity "Departmnt" \(did you mean "Department"\?\)$/,
  },
  {
    name: 'an expression with a syntax error',
    file: 'sources/erp.yaml',
    from: 'actualExpense: { agg: sum, column: amount,',
    to: 'actualExpense: { agg: sum, sql: "amount * (1 -",',
    problem: /^facts\.expense\.measures\.actualExpense\.sql: the expression ends where a value is expected$/,
  },
  {
    name: 'a policy naming a missing field',
    file: 'policy.yaml',
    from: 'Contact.phone:',
    to: 'Contact.phon:',
    problem: /^fields\.Contact\.phon: Contact has no field "phon" \(did you mean "phone"\?\)$/,
  },
  {
    name: 'a crosswalk expression giving one hub id to two keys',
    file: 'crosswalks/Department.yaml',
    from: /hr: \{ expression: .*\}/,
    to: `hr: { expression: "'D0001'" }`,
    problem: /^sources\.hr: duplicate: hub id "D0001" is given by two source keys, "ORG-\d+" and "ORG-\d+"$/,
  },
  {
    name: 'a crosswalk table giving one key two hub ids',
    file: 'crosswalks/Department.yaml',
    from: /erp: \{ expression: .*\}/,
    to: 'erp: { table: cost_center, sourceKey: company_code, hubId: cc_code }',
    problem: /^sources\.erp: duplicate: source key "1000" gives two hub ids, "CC-\d+" and "CC-\d+"$/,
  },
  {
    name: 'a crosswalk table column that does not exist',
    file: 'crosswalks/Department.yaml',
    from: 'sourceKey: team_code',
    to: 'sourceKey: team_cod',
    problem:
      /^sources\.crm\.sourceKey: column "team_cod" does not exist in table "team_xref" \(did you mean "team_code"\?\)$/,
  },
  {
    name: 'a crosswalk expression over a missing column',
    file: 'crosswalks/Supplier.yaml',
    from: 'substr(vendor_id, 2)',
    to: 'substr(vendor_no, 2)',
    problem:
      /^sources\.procurement\.expression: column "vendor_no" does not exist in table "vendor" \(did you mean "vendor_id"\?\)$/,
  },
  {
    name: 'a crosswalk for an unknown source',
    file: 'crosswalks/Department.yaml',
    from: 'procurement: { loaded: true }',
    to: 'procurment: { loaded: true }',
    problem: /^sources\.procurment: unknown source "procurment" \(did you mean "procurement"\?\)$/,
  },
  {
    name: 'a crosswalk rule with a misspelt key',
    file: 'crosswalks/Department.yaml',
    from: 'crm: { table: team_xref',
    to: 'crm: { tabel: team_xref',
    problem: /^sources\.crm: unknown key "tabel" \(did you mean "table"\?\)$/,
  },
  {
    name: 'a crosswalk for an entity that is not conformed',
    file: 'crosswalks/Supplier.yaml',
    from: 'entity: Supplier',
    to: 'entity: Contact',
    problem: /^entity: Contact is not conformed/,
  },
  {
    name: 'a row rule on a missing field',
    file: 'policy.yaml',
    from: `region in ('EAST')`,
    to: `regoin in ('EAST')`,
    problem:
      /^roles\.sales_manager_east\.rows\.Department: Department has no field "regoin" \(did you mean "region"\?\)$/,
  },
  {
    name: 'a row rule on a missing entity',
    file: 'policy.yaml',
    from: 'rows: { Department: "id = viewer.unit" }',
    to: 'rows: { Departmnt: "id = viewer.unit" }',
    problem: /^roles\.sales_rep\.rows\.Departmnt: unknown entity "Departmnt" \(did you mean "Department"\?\)$/,
  },
  {
    name: 'a missing environment variable',
    file: 'sources/erp.yaml',
    from: 'connection: { engine: embedded }',
    to: 'connection: { engine: embedded, url: "${ERP_URL_NOT_SET}" }',
    problem: /^connection\.url: environment variable ERP_URL_NOT_SET is not set$/,
  },
];

/**
 * More of them, each once refused by one command and not the other, or a check of the model files
 * (test/unit/model/load.test.ts) that start-up must refuse the same way.
 */
export const MORE_BAD_MODELS: BadModel[] = [
  {
    name: 'a float storage on an expression measure without its scale',
    file: 'sources/erp.yaml',
    from: 'actualExpense: { agg: sum, column: amount, type: decimal }',
    to: 'actualExpense: { agg: sum, sql: "amount * 1", type: decimal, storage: { kind: float } }',
    problem:
      /^facts\.expense\.measures\.actualExpense\.storage: "float" needs "scale": the decimal places of the stored values \(e\.g\. scale: 2\)$/,
  },
  {
    name: 'a type no policy rule names (as a second scaffolded source leaves it): its id denied',
    file: 'policy.yaml',
    from: '  Supplier.*: { "*": allow }\n',
    to: '',
    problem:
      /^fields\.Supplier\.id: denied to .+, but an id is never null: allow or mask it for every role \(a rule for Supplier\.id or Supplier\.\*\)$/,
  },
  {
    name: 'a misspelt key in model.yaml',
    file: 'model.yaml',
    from: 'version: 1',
    to: 'version: 1\npath: { policy: policy.yaml }',
    problem: /^\(root\): unknown key "path" \(did you mean "paths"\?\)$/,
  },
  {
    name: 'a part of the directory outside it',
    file: 'model.yaml',
    from: 'version: 1',
    to: 'version: 1\npaths: { units: ../units.yaml }',
    problem: /^paths\.units: expected a path inside the model directory/,
  },
  {
    name: 'an unknown field in a source mapping',
    file: 'sources/crm.yaml',
    from: 'name: account_name',
    to: 'nmae: account_name',
    problem: /^entities\.Customer\.fields\.nmae: Customer has no field "nmae" \(did you mean "name"\?\)$/,
  },
  {
    name: 'a misspelt key in an entity file',
    file: 'entities/Product.yaml',
    from: 'fields:',
    to: 'feilds:',
    problem: /^\(root\): unknown key "feilds" \(did you mean "fields"\?\)$/,
  },
  {
    name: 'an unknown measure behind a figure',
    file: 'entities/Customer.yaml',
    from: 'measure: crm.orders.revenue',
    to: 'measure: crm.orders.revenu',
    problem: /^figures\.revenue\.measure: fact "crm\.orders" has no measure "revenu" \(did you mean "revenue"\?\)$/,
  },
  {
    name: 'a password written in a source file',
    file: 'sources/crm.yaml',
    from: 'connection: { engine: embedded }',
    to: 'connection: { engine: postgres, url: "postgres://hub:s3cret@db.internal/crm" }',
    problem:
      /^connection\.url: a password is written in the file: reference the URL or the password from the environment/,
  },
  {
    name: 'a personal-data population that is no distinct count',
    file: 'policy.yaml',
    from: 'population: paidEmployees',
    to: 'population: payrollCost',
    problem: /^personalData\.facts\["hr\.payroll"\]\.population: "payrollCost" is a sum/,
  },
];
