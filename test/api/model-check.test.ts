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
import { BAD_MODELS as CASES } from '../support/bad-models';

/**
 * Bad configuration is refused at start AND by `npm run model:check`, each problem naming the file and the
 * path inside it, and a refused start writes nothing to the hub's store (a fresh store schema stays empty).
 * One file of a copied demo directory is changed per case; each case runs with every source on PostgreSQL
 * and with every source on MariaDB. Crosswalks whose pairs hold a duplicate are cases too: found by running
 * the rule on the source, named with the file, the path and the offending key.
 */
const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

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
    const { rows } = (await conn.knex.raw(
      'select count(*) as n from information_schema.tables where table_schema = ?',
      [schema],
    )) as { rows: Array<{ n: string }> };
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
      const matching = (problems: readonly string[]) =>
        problems.filter((p) => p.startsWith(prefix) && c.problem.test(p.slice(prefix.length)));

      const store = `hub_refused_${randomBytes(4).toString('hex')}`;
      const refusal = await startTestRuntime(layout, {
        model: { dir: copy.dir },
        store: { engine: 'postgres', url: pgSourcesUrl(), schema: store },
      }).then(
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
