import { sourceStatements } from '../../src/observability/metrics';
import type { TraceSummary } from '../../src/observability/trace';
import { ALL_EMBEDDED } from '../support/engines';
import { startTestHub, type TestHub } from '../support/hub-client';

/**
 * Issue 22, finding 7 (the trace): a request's trace said 0 statements while /metrics counted the identity
 * and scope lookups made while it was authenticated. Now those lookups are in the request's trace: for a
 * person looked up for the request, the trace counts exactly what /metrics counted for the request (> 0).
 * The audit's start record reads every person once (who holds which role), which warms the people cache, so
 * the hub here keeps no person status (`auth.personStatusCacheSeconds: 0`) and each request looks its
 * principal up again.
 */
async function statementsSoFar(): Promise<number> {
  return (await sourceStatements.get()).values.reduce((sum, v) => sum + v.value, 0);
}

describe('issue 22, finding 7: the trace counts every statement of the request', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(ALL_EMBEDDED, { auth: { personStatusCacheSeconds: 0 } });
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  test.each(['EMP-000150', 'EMP-000151'])(
    'first request of %s: trace statements = /metrics statements > 0',
    async (who) => {
      const before = await statementsSoFar();
      const res = await hub.query('{ me { principal } }', {}, who);
      const after = await statementsSoFar();
      expect(res.errors).toBeUndefined();
      const trace = (res.extensions as { trace?: TraceSummary } | undefined)?.trace;
      expect(after - before).toBeGreaterThan(0);
      expect(trace?.statements).toBe(after - before);
      // `me` reads no source itself: every statement was made to authenticate the viewer, and the trace
      // says so apart (`access`), per source as the statements are
      expect(trace?.access.statements).toBe(after - before);
      const bySource = Object.fromEntries(Object.entries(trace!.bySource).map(([s, v]) => [s, v.statements]));
      expect(trace?.access.bySource).toEqual(bySource);
    },
  );

  test('a data request counts its own statements and its access lookups apart', async () => {
    const before = await statementsSoFar();
    const res = await hub.query('{ departments { name } }', {}, 'EMP-000001');
    const after = await statementsSoFar();
    expect(res.errors).toBeUndefined();
    const trace = (res.extensions as { trace?: TraceSummary } | undefined)?.trace;
    expect(trace?.statements).toBe(after - before);
    expect(trace?.access.statements).toBeGreaterThan(0);
    expect(trace!.statements).toBeGreaterThan(trace!.access.statements);
  });
});
