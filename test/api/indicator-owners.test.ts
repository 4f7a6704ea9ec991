import { randomBytes } from 'node:crypto';
import { ModelError } from '../../src/model/load';
import { openConnection } from '../../src/db/open';
import { ALL_POSTGRES, pgSourcesUrl, startTestRuntime } from '../support/engines';
import { copyDemoModel } from '../support/model-copy';

/**
 * Indicator owners are checked against the company's data when it loads: an indicator file naming a unit
 * or person the HR source does not know refuses the start before any definition is stored; the earlier
 * spellings (owner.department, principals.employees, auth.hrStatusCacheSeconds) still start it.
 */
async function storedDefinitions(schema: string): Promise<number> {
  const conn = openConnection({ engine: 'postgres', url: pgSourcesUrl() }, 'hub');
  try {
    const { rows } = (await conn.knex.raw(
      'select count(*) as n from information_schema.tables where table_schema = ? and table_name = ?',
      [schema, 'indicator_version'],
    )) as { rows: Array<{ n: string }> };
    if (Number(rows[0]!.n) === 0) return 0;
    const versions = (await conn.knex.raw(`select count(*) as n from "${schema}".indicator_version`)) as {
      rows: Array<{ n: string }>;
    };
    return Number(versions.rows[0]!.n);
  } finally {
    await conn.close();
  }
}

test('an unknown owner unit or person in a file refuses the start, with the closest id; nothing stored', async () => {
  const copy = copyDemoModel();
  try {
    copy.edit('indicators/finance/cogs.yaml', 'owner: { unit: D0023,', 'owner: { unit: D0O23,');
    copy.edit('indicators/sales/revenue.yaml', 'person: EMP-000006 }', 'person: EMP-00006 }');
    const store = `hub_owners_${randomBytes(4).toString('hex')}`;
    const refusal = await startTestRuntime(ALL_POSTGRES, {
      model: { dir: copy.dir },
      store: { engine: 'postgres', url: pgSourcesUrl(), schema: store },
    }).then(
      async (started) => {
        await started.dispose();
        throw new Error('the hub started with unknown owners');
      },
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(ModelError);
    const problems = (refusal as ModelError).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /indicators\/finance\/cogs\.yaml: owner\.unit: unknown Department "D0O23" \(did you mean "D0023"\?\)$/,
    );
    expect(problems[1]).toMatch(
      /indicators\/sales\/revenue\.yaml: owner\.person: unknown Employee "EMP-00006" \(did you mean "EMP-000006"\?\)$/,
    );
    expect(await storedDefinitions(store)).toBe(0);
  } finally {
    copy.dispose();
  }
});

test('the earlier spellings still start the hub, read as the new keys', async () => {
  const copy = copyDemoModel();
  try {
    copy.edit('indicators/finance/cogs.yaml', 'owner: { unit: D0023,', 'owner: { department: D0023,');
    copy.edit('policy.yaml', /^ {2}people:$/m, '  employees:');
    copy.edit('policy.yaml', /^ {2}everyPerson: /m, '  everyEmployee: ');
    const store = `hub_owners_${randomBytes(4).toString('hex')}`;
    const hub = await startTestRuntime(ALL_POSTGRES, {
      model: { dir: copy.dir },
      store: { engine: 'postgres', url: pgSourcesUrl(), schema: store },
      auth: { hrStatusCacheSeconds: 12 },
    });
    try {
      expect(hub.runtime.dictionary.get('cogs')!.def.owner).toEqual({ unit: 'D0023', person: 'EMP-000270' });
      expect(hub.runtime.policy.policy.principals.people['EMP-000267']).toEqual(['finance_manager']);
      expect(hub.runtime.policy.policy.principals.everyPerson).toEqual(['employee']);
      expect(hub.config.auth.personStatusCacheSeconds).toBe(12);
    } finally {
      await hub.dispose();
    }
  } finally {
    copy.dispose();
  }
});
