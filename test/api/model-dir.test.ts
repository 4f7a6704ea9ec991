import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIXED } from '../support/engines';
import { DEMO_MODEL_DIR } from '../support/demo-model';
import { startTestHub, statementsBySource, type GraphQLResponse, type TestHub } from '../support/hub-client';

/**
 * The hub is whatever its model directory says: the demo's directory copied elsewhere (files only, no
 * generator) and named by model.dir answers the dashboard with the same figures and the same statement
 * count per source as the default directory.
 */
const DASHBOARD = /* GraphQL */ `
  query Dashboard($period: String!) {
    departments(limit: 1000) {
      id
      name
      head {
        name
      }
      headcount(period: $period)
      payrollCost(period: $period)
      budget(period: $period)
      actualExpense(period: $period)
      revenue(period: $period)
      procurementSpend(period: $period)
    }
    customers(limit: 5) {
      id
      name
      revenue(period: $period)
      salesDepartment {
        id
      }
    }
    suppliers(limit: 5) {
      id
      name
      spend(period: $period)
      purchaseOrders(limit: 2) {
        id
      }
    }
  }
`;

describe('a model directory named by configuration', () => {
  const copy = join(mkdtempSync(join(tmpdir(), 'indicator-hub-model-dir-')), 'company');
  let fromDefault: TestHub;
  let fromCopy: TestHub;

  beforeAll(async () => {
    for (const part of [
      'entities',
      'sources',
      'crosswalks',
      'indicators',
      'targets',
      'policy.yaml',
      'demo-users.yaml',
      'units.yaml',
    ]) {
      cpSync(join(DEMO_MODEL_DIR, part), join(copy, part), { recursive: true });
    }
    fromDefault = await startTestHub(MIXED);
    fromCopy = await startTestHub(MIXED, { model: { dir: copy } });
  });
  afterAll(async () => {
    await fromCopy?.dispose();
    await fromDefault?.dispose();
    rmSync(join(copy, '..'), { recursive: true, force: true });
  });

  test('loads the copy, not the default', () => {
    expect(fromCopy.runtime.model.dir).toBe(copy);
    expect(fromCopy.runtime.model.paths.policy).toBe(join(copy, 'policy.yaml'));
  });

  test('answers the dashboard with the same figures and the same statements per source', async () => {
    const [a, b] = await Promise.all([
      fromDefault.query(DASHBOARD, { period: '2025-Q4' }),
      fromCopy.query(DASHBOARD, { period: '2025-Q4' }),
    ]);
    for (const res of [a, b] as GraphQLResponse[]) expect(res.errors).toBeUndefined();
    expect((b.data as { departments: unknown[] }).departments).toHaveLength(30);
    expect(b.data).toEqual(a.data);
    expect(statementsBySource(b)).toEqual(statementsBySource(a));
  });
});
