import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkpointValid, type Checkpoint } from '../../src/audit/anchors';
import { copyDemoModel } from '../support/model-copy';
import { ALL_EMBEDDED, copyEmbeddedTemplate, startTestRuntime } from '../support/engines';

/**
 * Issue 21, finding 3 as found: three restarts left no start/stop record, and making a plain employee an
 * auditor in policy.yaml and restarting left no trace. Two starts on one store, the policy changed between.
 */
type System = { kind: string; details: Record<string, unknown> };

test('a policy change between two starts is a record naming the roles granted and keys revoked; start, stop and a signed checkpoint', async () => {
  const dataDir = copyEmbeddedTemplate();
  const model = copyDemoModel();
  const anchors = mkdtempSync(join(tmpdir(), 'audit-anchor-'));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(join(anchors, 'anchor.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const overrides = {
    embedded: { dataDir },
    model: { dir: model.dir },
    audit: { anchor: { keyFile: join(anchors, 'anchor.pem'), file: join(anchors, 'checkpoints.jsonl') } },
  };
  try {
    const first = await startTestRuntime(ALL_EMBEDDED, overrides);
    await first.dispose();

    // Between the starts: a plain employee becomes an auditor, the BI dashboard key is revoked.
    model.edit('policy.yaml', '    EMP-000312: [auditor]', '    EMP-000312: [auditor]\n    EMP-000100: [auditor]');
    model.edit(
      'policy.yaml',
      /^ {2}- \{ id: bi-dashboard.*$/m,
      '  - { id: reporting, sha256: ' + 'a'.repeat(64) + ', roles: [dashboard_service] }',
    );
    const second = await startTestRuntime(ALL_EMBEDDED, overrides);
    try {
      const log = second.runtime.audit;
      const page = await log.query({ principal: 'hub' }, { first: 20 });
      const events = page.records.map((r) => ({ seq: r.seq, type: r.eventType, ...(r.system as System) }));
      // Newest first: access_changes, start (2nd), stop (1st), start (1st).
      expect(events.slice(0, 4).map((e) => `${e.type}:${e.kind}`)).toEqual([
        'administration:access_changes',
        'system:start',
        'system:stop',
        'system:start',
      ]);
      const changes = events[0]!.details;
      expect(changes).toMatchObject({
        policyChanged: true,
        granted: { 'EMP-000100': ['auditor'], 'apikey:reporting': ['dashboard_service'] },
        removed: { 'apikey:bi-dashboard': ['dashboard_service'] },
        keysAdded: ['reporting'],
        keysRevoked: ['bi-dashboard'],
      });
      // The start record holds who had which role, read from HR: the departed employee holds none.
      const access = (events[1]!.details.access as { roles: Record<string, string[]> }).roles;
      expect(access['EMP-000100']).toEqual(['auditor', 'employee']);
      expect(access['EMP-000014']).toBeUndefined();
      // The first run's stop was followed by a signed checkpoint of its head, outside the store.
      const checkpoints = readFileSync(join(anchors, 'checkpoints.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Checkpoint);
      expect(checkpoints).toHaveLength(1);
      expect(checkpoints[0]!.seq).toBe(events[2]!.seq);
      expect(checkpointValid(checkpoints[0]!, publicKey)).toBe(true);
      expect(checkpointValid({ ...checkpoints[0]!, seq: checkpoints[0]!.seq - 1 }, publicKey)).toBe(false);
      expect((await log.verify({ anchor: checkpoints[0]! })).ok).toBe(true);
    } finally {
      await second.dispose();
    }
  } finally {
    model.dispose();
    rmSync(anchors, { recursive: true, force: true });
    rmSync(dirname(dataDir), { recursive: true, force: true });
  }
});
