import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { checkModelDirectory } from '../../src/company/check-directory';
import { ModelError } from '../../src/model/load';
import { openConnection } from '../../src/db/open';
import { ALL_MYSQL, ALL_POSTGRES, pgSourcesUrl, settingsFor, startTestRuntime, type Layout } from '../support/engines';
import { SOURCE_NAMES } from '../support/demo-model';
import { copyDemoModel } from '../support/model-copy';

/**
 * Bad configuration is refused at start AND by `npm run model:check`, each problem naming the file and the
 * path inside it, and a refused start writes nothing to the hub's store (a fresh store schema stays empty).
 * One file of a copied demo directory is changed per case; each case runs with every source on PostgreSQL
 * and with every source on MariaDB. Crosswalks whose pairs hold a duplicate are cases too: found by running
 * the rule on the source, named with the file, the path and the offending key.
 */
const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

interface Case {
  name: string;
  file: string;
  from: string | RegExp;
  to: string;
  /** The problem's line after `<copy dir>/<file>: `. */
  problem: RegExp;
}

const CASES: Case[] = [
  { name: 'an unknown table', file: 'sources/erp.yaml', from: 'table: gl_entry', to: 'table: gl_entries', problem: /^facts\.expense\.table: table "gl_entries" does not exist in .* \(did you mean "gl_entry"\?\)$/ },
  { name: 'an unknown fact column', file: 'sources/erp.yaml', from: 'column: posting_date', to: 'column: posting_dat', problem: /^facts\.expense\.time\.column: column "posting_dat" does not exist in "gl_entry" \(did you mean "posting_date"\?\)$/ },
  { name: 'an unknown entity column', file: 'sources/erp.yaml', from: 'creditLimit: credit_limit', to: 'creditLimit: credit_limt', problem: /^entities\.Customer\.fields\.creditLimit: column "credit_limt" does not exist in table "customer" \(did you mean "credit_limit"\?\)$/ },
  { name: 'a sum over a text column', file: 'sources/erp.yaml', from: 'actualExpense: { agg: sum, column: amount', to: 'actualExpense: { agg: sum, column: acct_code', problem: /^facts\.expense\.measures\.actualExpense\.column: column "acct_code" is .*, not a number/ },
  { name: 'a reference to an undeclared entity', file: 'entities/Employee.yaml', from: 'department: { ref: Department }', to: 'department: { ref: Departmnt }', problem: /^fields\.department\.ref: unknown entity "Departmnt" \(did you mean "Department"\?\)$/ },
  { name: 'an expression with a syntax error', file: 'sources/erp.yaml', from: 'actualExpense: { agg: sum, column: amount,', to: 'actualExpense: { agg: sum, sql: "amount * (1 -",', problem: /^facts\.expense\.measures\.actualExpense\.sql: the expression ends where a value is expected$/ },
  { name: 'a policy naming a missing field', file: 'policy.yaml', from: 'Contact.phone:', to: 'Contact.phon:', problem: /^fields\.Contact\.phon: Contact has no field "phon" \(did you mean "phone"\?\)$/ },
  { name: 'a crosswalk expression giving one hub id to two keys', file: 'crosswalks/Department.yaml', from: /hr: \{ expression: .*\}/, to: `hr: { expression: "'D0001'" }`, problem: /^sources\.hr: duplicate: hub id "D0001" is given by two source keys, "ORG-\d+" and "ORG-\d+"$/ },
  { name: 'a crosswalk table giving one key two hub ids', file: 'crosswalks/Department.yaml', from: /erp: \{ expression: .*\}/, to: 'erp: { table: cost_center, sourceKey: company_code, hubId: cc_code }', problem: /^sources\.erp: duplicate: source key "1000" gives two hub ids, "CC-\d+" and "CC-\d+"$/ },
  { name: 'a crosswalk table column that does not exist', file: 'crosswalks/Department.yaml', from: 'sourceKey: team_code', to: 'sourceKey: team_cod', problem: /^sources\.crm\.sourceKey: column "team_cod" does not exist in table "team_xref" \(did you mean "team_code"\?\)$/ },
  { name: 'a crosswalk expression over a missing column', file: 'crosswalks/Supplier.yaml', from: 'substr(vendor_id, 2)', to: 'substr(vendor_no, 2)', problem: /^sources\.procurement\.expression: column "vendor_no" does not exist in table "vendor" \(did you mean "vendor_id"\?\)$/ },
  { name: 'a crosswalk for an unknown source', file: 'crosswalks/Department.yaml', from: 'procurement: { loaded: true }', to: 'procurment: { loaded: true }', problem: /^sources\.procurment: unknown source "procurment" \(did you mean "procurement"\?\)$/ },
  { name: 'a crosswalk rule with a misspelt key', file: 'crosswalks/Department.yaml', from: 'crm: { table: team_xref', to: 'crm: { tabel: team_xref', problem: /^sources\.crm: unknown key "tabel" \(did you mean "table"\?\)$/ },
  { name: 'a crosswalk for an entity that is not conformed', file: 'crosswalks/Supplier.yaml', from: 'entity: Supplier', to: 'entity: Contact', problem: /^entity: Contact is not conformed/ },
  { name: 'a row rule on a missing field', file: 'policy.yaml', from: `region in ('EAST')`, to: `regoin in ('EAST')`, problem: /^roles\.sales_manager_east\.rows\.Department: Department has no field "regoin" \(did you mean "region"\?\)$/ },
  { name: 'a row rule on a missing entity', file: 'policy.yaml', from: 'rows: { Department: "id = viewer.unit" }', to: 'rows: { Departmnt: "id = viewer.unit" }', problem: /^roles\.sales_rep\.rows\.Departmnt: unknown entity "Departmnt" \(did you mean "Department"\?\)$/ },
  { name: 'a missing environment variable', file: 'sources/erp.yaml', from: 'connection: { engine: embedded }', to: 'connection: { engine: embedded, url: "${ERP_URL_NOT_SET}" }', problem: /^connection\.url: environment variable ERP_URL_NOT_SET is not set$/ },
];

const LAYOUTS: Array<[string, Layout]> = [
  ['PostgreSQL', ALL_POSTGRES],
  ['MariaDB', ALL_MYSQL],
];

/** HUB_SOURCE_<NAME>_* for every demo source, as an operator would set them for model:check. */
function sourceEnv(layout: Layout): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of SOURCE_NAMES) {
    const s = settingsFor(layout[source], source);
    const prefix = `HUB_SOURCE_${source.toUpperCase()}`;
    env[`${prefix}_ENGINE`] = s.engine;
    if (s.url) env[`${prefix}_URL`] = s.url;
    env[`${prefix}_SCHEMA`] = source;
  }
  return env;
}

async function storeTables(schema: string): Promise<number> {
  const conn = openConnection({ engine: 'postgres', url: pgSourcesUrl() }, 'hub');
  try {
    const { rows } = (await conn.knex.raw('select count(*) as n from information_schema.tables where table_schema = ?', [schema])) as { rows: Array<{ n: string }> };
    return Number(rows[0]!.n);
  } finally {
    await conn.close();
  }
}

describe.each(LAYOUTS)('bad configuration, sources on %s', (_engine, layout) => {
  test.each(CASES)('$name: refused at start and by model:check with file and path; nothing written', async (c) => {
    const copy = copyDemoModel();
    try {
      copy.edit(c.file, c.from, c.to);
      const prefix = `${join(copy.dir, c.file)}: `;
      const matching = (problems: readonly string[]) => problems.filter((p) => p.startsWith(prefix) && c.problem.test(p.slice(prefix.length)));

      const store = `hub_refused_${randomBytes(4).toString('hex')}`;
      const refusal = await startTestRuntime(layout, { model: { dir: copy.dir }, store: { engine: 'postgres', url: pgSourcesUrl(), schema: store } }).then(
        async (started) => {
          await started.dispose();
          throw new Error('the hub started on a bad model');
        },
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(ModelError);
      expect(matching((refusal as ModelError).problems)).toHaveLength(1);
      expect(await storeTables(store)).toBe(0);

      const checked = await checkModelDirectory(copy.dir, sourceEnv(layout));
      expect(matching(checked.problems)).toHaveLength(1);
    } finally {
      copy.dispose();
    }
  });

  test('the demo copy passes model:check: exit 0 and one line per source; one bad file: exit 1 and its line', async () => {
    const copy = copyDemoModel();
    const env = { ...process.env, ...sourceEnv(layout), INIT_CWD: ROOT };
    const args = ['tsx', 'src/cli/model-check.ts', '--dir', copy.dir];
    try {
      const clean = await run('npx', args, { cwd: ROOT, env });
      const lines = clean.stdout.trim().split('\n');
      expect(lines.map((l) => l.split(':')[0]).sort()).toEqual([...SOURCE_NAMES].sort());
      for (const line of lines) expect(line).toMatch(/matches \(\d+ entit(y|ies), \d+ facts?, \d+ tables? read\)$/);

      copy.edit(CASES[0]!.file, CASES[0]!.from, CASES[0]!.to);
      copy.edit('policy.yaml', 'Contact.phone:', 'Contact.phon:');
      const bad = await run('npx', args, { cwd: ROOT, env }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(bad.code).toBe(1);
      // Both problems are reported (collected, not stopped at the first).
      expect(bad.stderr).toMatch(/^2 problems in /);
      expect(bad.stderr).toMatch(/sources\/erp\.yaml: facts\.expense\.table: table "gl_entries" does not exist/);
      expect(bad.stderr).toMatch(/policy\.yaml: fields\.Contact\.phon: Contact has no field "phon"/);
    } finally {
      copy.dispose();
    }
  });
});
