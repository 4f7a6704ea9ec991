import { readFileSync } from 'node:fs';
import { deepMerge } from '../../src/config/load';
import { ALL_POSTGRES } from '../support/engines';
import { startTestHub, type TestHub } from '../support/hub-client';
import { isolatedPostgresStore } from '../support/isolated-store';

/** Two hub processes on one PostgreSQL store: what one approves, the other serves within refreshSeconds. */
describe('two hubs on one store', () => {
  let a: TestHub;
  let b: TestHub;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const store = await isolatedPostgresStore();
    drop = store.drop;
    const overrides = deepMerge(store.overrides, { governance: { refreshSeconds: 1 } });
    a = await startTestHub(ALL_POSTGRES, overrides);
    b = await startTestHub(ALL_POSTGRES, overrides);
  });
  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
    await drop?.();
  });

  test('an approval in one is served by the other after a refresh, and both bootstrapped the same v1', async () => {
    const version = async (hub: TestHub) =>
      (await hub.query<{ indicator: { version: string } }>('{ indicator(code: "cogs") { version } }')).data!.indicator
        .version;
    expect([await version(a), await version(b)]).toEqual(['v1', 'v1']);
    const definition = readFileSync('models/demo/indicators/finance/cogs.yaml', 'utf8').replace(
      /synonyms: \[/,
      'synonyms: [销货成本, ',
    );
    const proposed = await a.query<{ proposeIndicatorChange: { id: string; revision: number } }>(
      'mutation($d: String!) { proposeIndicatorChange(input: { code: "cogs", kind: UPDATE, definition: $d, reason: "Another synonym", submit: true }) { id revision } }',
      { d: definition },
      'EMP-000271',
    );
    const change = proposed.data!.proposeIndicatorChange;
    const approved = await a.query(
      `mutation { approveIndicatorChange(id: "${change.id}", expectedRevision: ${change.revision}, comment: "ok") { resultVersion } }`,
      {},
      'EMP-000267',
    );
    expect(approved.errors).toBeUndefined();
    expect(await version(a)).toBe('v2');
    const deadline = Date.now() + 5000;
    while ((await version(b)) !== 'v2' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await version(b)).toBe('v2');
  });
});
