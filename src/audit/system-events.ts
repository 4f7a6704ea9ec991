import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { KeyObject } from 'node:crypto';
import { logger } from '../logger';
import type { Viewer } from '../auth/viewer';
import type { AuditLog } from './audit-log';
import { accessChanges, accessSnapshot, fingerprint, isEmpty, type AccessSnapshot } from './access-snapshot';
import type { OrgDirectory } from '../auth/org-directory';
import type { PolicyBook } from '../auth/policy';
import { appendCheckpoint, signCheckpoint, type Checkpoint } from './anchors';
import { entryOutsideGraphQL, type AuditEventType, type JsonValue } from './record';

/** The principal system records name: the hub itself. */
export const SYSTEM_PRINCIPAL = 'hub';
const START = 'system:start';
const STOP = 'system:stop';

export interface StartFacts {
  /** Per configuration section, a fingerprint (what changed shows as a changed section, never its values). */
  config: Record<string, string>;
  /** Fingerprint of the policy (roles, grants, field rules, keys' digests). */
  policy: string;
  /** Fingerprint of the company model (entities, sources, mappings). */
  model: string;
  access: AccessSnapshot;
  /** False when the people directory could not be read at start (the snapshot then holds API keys only). */
  complete: boolean;
}

/** The facts of a start: fingerprints and who holds which role (HR read now). */
export async function gatherStartFacts(
  config: Record<string, unknown>,
  policy: PolicyBook,
  org: OrgDirectory,
  model: unknown,
): Promise<StartFacts> {
  const sections: Record<string, string> = {};
  for (const [name, value] of Object.entries(config)) if (name !== 'model') sections[name] = fingerprint(value);
  let access: AccessSnapshot;
  let complete = true;
  try {
    access = await accessSnapshot(policy, org, new Date().toISOString().slice(0, 10));
  } catch (error) {
    logger.warn({ err: error }, 'could not read the people directory at start: the start record lists API keys only');
    access = await accessSnapshot(
      policy,
      { personIds: async () => [], refreshPeople: async () => undefined } as never,
      '',
    );
    complete = false;
  }
  return { config: sections, policy: fingerprint(policy.policy), model: fingerprint(model), access, complete };
}

export interface AnchorSettings {
  key: KeyObject;
  file: string;
  intervalSeconds: number;
}

/**
 * System and access events of the audit trail, in the same chain as the requests (PCI DSS 10.2.1.6 and
 * 10.2.1.5): `start` (fingerprints of configuration, policy and model; who holds which role), an
 * `unclean_stop` when the previous run never wrote its `stop`, an `access_changes` record (administration)
 * when roles per principal or API keys differ from the previous start — or, while running, when HR data
 * changes a person's effective roles — and `stop`. With an anchor key, signed checkpoints of the head go
 * to a file outside the store at an interval and at stop.
 *
 * With several hub processes on one store, "previous start without stop" may be another live process:
 * the unclean-stop record names the instance (host, pid, instance id) so an auditor can tell.
 */
export class AuditSystem {
  readonly instance = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private lastCheckpoint: { seq: number; hash: string } | null = null;
  /** principal → sorted roles key, as last recorded (starts from the start snapshot). */
  private readonly known = new Map<string, string>();
  /** Whether the start snapshot listed every person (HR was readable at start). */
  private complete = false;

  constructor(
    private readonly log: AuditLog,
    private readonly anchor?: AnchorSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Writes unclean_stop (when due), start and access_changes (when any); starts the checkpoint timer. */
  async started(facts: StartFacts): Promise<void> {
    const last = await this.log.lastNamed([START, STOP]);
    if (last?.operationName === START) {
      const head = await this.log.head();
      await this.write('system', 'unclean_stop', {
        previousStart: { seq: last.seq, at: last.at, ...(last.system?.details as object) } as never,
        lastRecordBefore: head ? head.seq : null,
        note: 'the previous run wrote no stop record (killed, crashed or lost power)',
      });
    }
    const previous = last?.operationName === START ? last : await this.log.lastNamed([START]);
    const before = (previous?.system?.details as { access?: AccessSnapshot } | undefined)?.access;
    const prevDetails = (previous?.system?.details ?? {}) as { config?: Record<string, string>; policy?: string };
    await this.write('system', 'start', {
      instance: this.instance,
      host: hostname(),
      pid: process.pid,
      config: facts.config,
      policy: facts.policy,
      model: facts.model,
      access: facts.access as unknown as JsonValue,
    });
    for (const [principal, roles] of Object.entries(facts.access.roles)) this.known.set(principal, roles.join(','));
    this.complete = facts.complete;
    if (previous) {
      const changes = before ? accessChanges(before, facts.access) : null;
      const configChanged = Object.keys({ ...facts.config, ...(prevDetails.config ?? {}) })
        .filter((k) => facts.config[k] !== prevDetails.config?.[k])
        .sort();
      const policyChanged = prevDetails.policy !== undefined && prevDetails.policy !== facts.policy;
      if ((changes && !isEmpty(changes)) || configChanged.length || policyChanged) {
        await this.write('administration', 'access_changes', {
          since: { seq: previous.seq, at: previous.at },
          cause: 'observed at start',
          policyChanged,
          configChanged,
          ...(changes ?? {}),
        } as JsonValue);
      }
    }
    if (this.anchor && this.anchor.intervalSeconds > 0) {
      this.timer = setInterval(() => void this.checkpointSafely(), this.anchor.intervalSeconds * 1000);
      this.timer.unref();
    }
  }

  /**
   * A request's viewer: when its roles differ from those last recorded for the principal (HR changed a
   * title, a person came or left), one access_changes record says so. Rejects when it cannot be written.
   */
  async observe(viewer: Pick<Viewer, 'principal' | 'roles'>): Promise<void> {
    const key = [...new Set(viewer.roles)].sort().join(',');
    const was = this.known.get(viewer.principal);
    if (was === key) return;
    this.known.set(viewer.principal, key);
    // Not in the start snapshot because HR could not be read then: nothing to compare with.
    if (was === undefined && !this.complete) return;
    const before = new Set(was ? was.split(',') : []);
    const after = new Set(key ? key.split(',') : []);
    const granted = [...after].filter((r) => !before.has(r));
    const removed = [...before].filter((r) => !after.has(r));
    await this.write('administration', 'access_changes', {
      cause: 'effective roles resolved from HR data and the policy differ from those last recorded',
      granted: granted.length ? { [viewer.principal]: granted } : {},
      removed: removed.length ? { [viewer.principal]: removed } : {},
    });
  }

  /** Writes `stop`, then a last checkpoint; stops the timer. */
  async stopped(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.write('system', 'stop', { instance: this.instance });
    if (this.anchor) await this.checkpoint();
  }

  /** Signs the head and appends it to the anchor file (when it moved since the last one). */
  async checkpoint(): Promise<Checkpoint | null> {
    if (!this.anchor) return null;
    const head = await this.log.head();
    if (!head || (this.lastCheckpoint?.seq === head.seq && this.lastCheckpoint.hash === head.hash)) return null;
    const cp = signCheckpoint(head, this.anchor.key, this.now());
    await appendCheckpoint(this.anchor.file, cp);
    this.lastCheckpoint = head;
    return cp;
  }

  private async checkpointSafely(): Promise<void> {
    try {
      await this.checkpoint();
    } catch (error) {
      logger.error({ err: error }, 'could not write the audit checkpoint; trying again at the next interval');
    }
  }

  private async write(eventType: AuditEventType, kind: string, details: JsonValue): Promise<void> {
    await this.log.append(
      entryOutsideGraphQL({
        at: this.now().toISOString(),
        requestId: randomUUID(),
        principal: SYSTEM_PRINCIPAL,
        operationName: `system:${kind}`,
        outcome: 'ok',
        errorCodes: [],
        eventType,
        system: { kind, details },
      }),
    );
  }
}
