import type { PolicyBook } from '../auth/policy';
import { badInput, ConfigError, HubError } from '../errors';
import type { IndicatorDefinition } from '../indicators/definition';
import { indicatorOf, type Dictionary } from '../indicators/dictionary';
import type { UnitBook } from '../indicators/units';
import type { MeasureCatalog } from '../indicators/validate';
import type { SqlConnection } from '../db/connection';
import * as db from './definition-store';
import { inTransaction, isUniqueViolation } from '../store/transaction';
import { checkDictionary } from './checks';
import { diffDefinitions } from './diff';
import { lineageGraph } from './lineage';
import { DefinitionRegistry } from './registry';
import type {
  ChangeKind,
  ChangeRequest,
  ChangeState,
  LifecycleEvent,
  LifecycleEventKind,
  PublishedVersion,
} from './types';
import { personAddress, roleAddress, unitAddress } from '../notices/addresses';

/** Who acts: the viewer's principal and roles (operations for the auditor's read access). */
export interface Actor {
  principal: string;
  roles: readonly string[];
  operations?: ReadonlySet<string>;
}

/** Where lifecycle events go besides the store: the request's audit record, and notices. */
export interface LifecycleHooks {
  audit(event: LifecycleEvent): void;
}

/** Notices (src/notices): recorded inside the step's transaction, pushed after it commits. */
export interface NoticeSink {
  record(conn: SqlConnection, event: LifecycleEvent): Promise<number>;
  published(event: LifecycleEvent, noticeId: number): void;
}

export interface ProposeInput {
  code: string;
  kind: ChangeKind;
  definition?: IndicatorDefinition | undefined;
  reason: string;
  successor?: string | undefined;
  /** For update/archive: the published version the change is made against (default: the current one). */
  baseVersion?: number | undefined;
  /** Straight to review instead of staying a draft. */
  submit?: boolean | undefined;
}

const OPEN: readonly ChangeState[] = ['draft', 'in_review'];
const NOTIFIED: ReadonlySet<LifecycleEventKind> = new Set(['proposed', 'approved', 'rejected', 'archived']);
const BOOTSTRAP = 'system:bootstrap';
/** Versions imported at first start are in force since always: as-of queries before governance use them. */
const SINCE_ALWAYS = '1970-01-01T00:00:00.000Z';

/**
 * The indicator lifecycle (指标治理): propose → (edit) → submit → approve | reject, or withdraw; approving an
 * update publishes the next immutable version, approving an archive archives. Rules enforced here, for
 * every caller: editors and approvers per owner domain from the policy, maker ≠ checker, optimistic
 * concurrency on both the change and the indicator, each step one transaction with its notice.
 */
export class Governance {
  private registry: DefinitionRegistry;
  notices: NoticeSink | undefined;

  private constructor(
    private readonly conn: SqlConnection,
    private readonly catalog: MeasureCatalog,
    private readonly policy: PolicyBook,
    registry: DefinitionRegistry,
    private readonly clock: () => Date,
    private readonly units?: UnitBook,
  ) {
    this.registry = registry;
  }

  /**
   * Opens governance on the store; an empty store first imports `initial()` (the indicator files) as v1 of
   * every indicator. What the store holds is checked like files are: a bad definition stops start-up.
   */
  static async open(
    conn: SqlConnection,
    catalog: MeasureCatalog,
    policy: PolicyBook,
    initial: () => Dictionary,
    clock: () => Date = () => new Date(),
    units?: UnitBook,
  ): Promise<Governance> {
    if ((await db.countPublished(conn)) === 0) await bootstrap(conn, initial(), clock().toISOString());
    const snapshot = await db.readSnapshot(conn);
    const governance = new Governance(
      conn,
      catalog,
      policy,
      new DefinitionRegistry(snapshot.heads, snapshot.versions),
      clock,
      units,
    );
    checkDictionary(governance.published(), catalog, policy, units);
    return governance;
  }

  /** The current published dictionary (archived indicators flagged, drafts never). */
  published(): Dictionary {
    return this.registry.published();
  }

  get definitions(): DefinitionRegistry {
    return this.registry;
  }

  /** Re-reads heads and versions (after a step, or to pick up another process's approvals). */
  async reload(): Promise<void> {
    const snapshot = await db.readSnapshot(this.conn);
    this.registry = new DefinitionRegistry(snapshot.heads, snapshot.versions);
  }

  private refresher: NodeJS.Timeout | undefined;
  private closed = false;
  /** Told after this process changed the published definitions (replicas are pushed the change: src/app/replicas.ts). */
  onPublishedChange: (() => void) | undefined;

  /**
   * Several hub processes on one store: each re-reads the published state every `seconds`, so an approval
   * in one is served by all within that time. A failed read keeps the last state (and is retried).
   */
  refreshEvery(seconds: number, onError: (error: unknown) => void): void {
    if (seconds <= 0) return;
    const tick = () => {
      if (this.closed) return;
      this.refresher = setTimeout(() => void this.reload().catch(onError).finally(tick), seconds * 1000);
      this.refresher.unref();
    };
    tick();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.refresher);
    this.refresher = undefined;
  }

  /** A change request the actor may see (its author, the domain's approvers, auditors), else undefined. */
  async change(actor: Actor, id: number): Promise<ChangeRequest | undefined> {
    const change = await db.readChange(this.conn, id);
    return change && this.maySee(actor, change) ? change : undefined;
  }

  async changes(actor: Actor, filter: db.ChangeFilter): Promise<ChangeRequest[]> {
    return (await db.listChanges(this.conn, filter)).filter((c) => this.maySee(actor, c));
  }

  maySee(actor: Actor, change: ChangeRequest): boolean {
    return (
      change.author === actor.principal ||
      this.policy.mayApprove(change.domain, actor.roles) ||
      Boolean(actor.operations?.has('audit'))
    );
  }

  async propose(actor: Actor, input: ProposeInput, hooks: LifecycleHooks): Promise<ChangeRequest> {
    const head = this.registry.head(input.code);
    const current = head?.currentVersion ? this.registry.version(input.code, head.currentVersion) : undefined;
    if (input.kind === 'create' && head)
      throw badInput(`Indicator ${input.code} already exists (v${head.currentVersion}): propose an update instead.`, {
        argument: 'kind',
      });
    if (input.kind !== 'create' && !current)
      throw badInput(`No published indicator ${input.code}: propose kind CREATE for a new one.`, { argument: 'code' });
    if (input.kind === 'archive' && head?.status === 'archived')
      throw badInput(`Indicator ${input.code} is already archived.`, { argument: 'kind' });
    const domain = input.kind === 'create' ? (input.definition?.domain ?? '') : head!.domain;
    this.requireEditor(actor, domain, input.code);
    const definition = input.kind === 'archive' ? null : this.checkedDefinition(input.code, input.definition, domain);
    if (input.kind === 'archive') this.checkSuccessor(input.code, input.successor);
    const baseVersion = input.kind === 'create' ? null : (input.baseVersion ?? current!.version);
    if (current && baseVersion !== current.version)
      throw conflict(input.code, current.version, `this change names v${baseVersion} as its base`);
    if (!input.reason.trim())
      throw badInput('Say why in "reason": reviewers and the version history show it.', { argument: 'reason' });
    const now = this.now();
    const state: ChangeState = input.submit ? 'in_review' : 'draft';
    return this.step(hooks, async (trx) => {
      const id = await db.insertChange(trx, {
        code: input.code,
        domain,
        kind: input.kind,
        state,
        definition,
        baseVersion,
        author: actor.principal,
        reason: input.reason.trim(),
        successor: input.kind === 'archive' ? (input.successor ?? null) : null,
        createdAt: now,
        updatedAt: now,
        reviewer: null,
        comment: null,
        decidedAt: null,
        revision: 0,
        resultVersion: null,
      });
      const change = (await db.readChange(trx, id))!;
      return {
        change,
        events: [this.event(state === 'in_review' ? 'proposed' : 'drafted', change, actor, now, change.reason, null)],
      };
    });
  }

  /** The author edits a draft: new definition and/or reason. */
  async edit(
    actor: Actor,
    id: number,
    expectedRevision: number,
    next: { definition?: IndicatorDefinition | undefined; reason?: string | undefined },
    hooks: LifecycleHooks,
  ): Promise<ChangeRequest> {
    const change = await this.authorsChange(actor, id, ['draft'], 'edit');
    if (change.kind === 'archive' && next.definition)
      throw badInput('An archive change has no definition to edit.', { argument: 'definition' });
    const definition = next.definition
      ? this.checkedDefinition(change.code, next.definition, change.domain)
      : undefined;
    const now = this.now();
    return this.transition(
      hooks,
      change,
      expectedRevision,
      ['draft'],
      {
        ...(definition ? { definition } : {}),
        ...(next.reason?.trim() ? { reason: next.reason.trim() } : {}),
        updatedAt: now,
      },
      actor,
      'edited',
      next.reason ?? 'edited',
    );
  }

  /** The author sends a draft to review. */
  async submit(actor: Actor, id: number, expectedRevision: number, hooks: LifecycleHooks): Promise<ChangeRequest> {
    const change = await this.authorsChange(actor, id, ['draft'], 'submit');
    return this.transition(
      hooks,
      change,
      expectedRevision,
      ['draft'],
      { state: 'in_review', updatedAt: this.now() },
      actor,
      'proposed',
      change.reason,
    );
  }

  /** The author takes a draft or a change under review back. */
  async withdraw(actor: Actor, id: number, expectedRevision: number, hooks: LifecycleHooks): Promise<ChangeRequest> {
    const change = await this.authorsChange(actor, id, OPEN, 'withdraw');
    return this.transition(
      hooks,
      change,
      expectedRevision,
      OPEN,
      { state: 'withdrawn', updatedAt: this.now() },
      actor,
      'withdrawn',
      'withdrawn by the author',
    );
  }

  async reject(
    actor: Actor,
    id: number,
    expectedRevision: number,
    comment: string,
    hooks: LifecycleHooks,
  ): Promise<ChangeRequest> {
    const change = await this.reviewersChange(actor, id, comment);
    const now = this.now();
    return this.transition(
      hooks,
      change,
      expectedRevision,
      ['in_review'],
      { state: 'rejected', reviewer: actor.principal, comment: comment.trim(), decidedAt: now, updatedAt: now },
      actor,
      'rejected',
      comment.trim(),
    );
  }

  /**
   * Approves a change under review. Exactly one of any number of racing approvals (of this change, or of
   * other changes to the same indicator) wins; the others get CONFLICT naming the version now current.
   */
  async approve(
    actor: Actor,
    id: number,
    expectedRevision: number,
    comment: string,
    hooks: LifecycleHooks,
  ): Promise<ChangeRequest> {
    const seen = await this.reviewersChange(actor, id, comment);
    if (seen.definition) this.checkedDefinition(seen.code, seen.definition, seen.domain);
    if (seen.kind === 'archive') this.checkSuccessor(seen.code, seen.successor ?? undefined);
    const now = this.now();
    return this.step(hooks, async (trx) => {
      const head = await db.readHead(trx, seen.code);
      const currentVersion = head?.currentVersion ?? null;
      if (seen.kind === 'create' ? head !== undefined : currentVersion !== seen.baseVersion) {
        throw conflict(
          seen.code,
          currentVersion,
          seen.kind === 'create'
            ? 'it was created by another change meanwhile'
            : `this change was made against v${seen.baseVersion}`,
        );
      }
      const version = seen.kind === 'archive' ? currentVersion : (currentVersion ?? 0) + 1;
      const decided = await db.advanceChange(trx, id, expectedRevision, ['in_review'], {
        state: 'approved',
        reviewer: actor.principal,
        comment: comment.trim(),
        decidedAt: now,
        updatedAt: now,
        resultVersion: version,
      });
      if (!decided) throw await this.changeConflict(trx, id, expectedRevision);
      if (seen.kind === 'archive') {
        if (
          !(await db.advanceHead(trx, seen.code, head!.revision, {
            status: 'archived',
            archivedAt: now,
            successor: seen.successor,
          }))
        )
          throw conflict(seen.code, currentVersion, 'it changed meanwhile');
      } else {
        const previous = currentVersion ? this.registry.version(seen.code, currentVersion) : undefined;
        const published: PublishedVersion = {
          code: seen.code,
          version: version!,
          definition: seen.definition!,
          fingerprint: indicatorOf(seen.definition!, {
            file: '',
            version: '',
            versionNumber: null,
            status: 'published',
          }).fingerprint,
          author: seen.author,
          approvedBy: actor.principal,
          reason: seen.reason,
          publishedAt: now,
          inForceFrom: now,
          changeId: id,
          diff: diffDefinitions(previous?.definition ?? null, seen.definition),
        };
        try {
          await db.insertVersion(trx, published);
        } catch (error) {
          if (isUniqueViolation(error))
            throw conflict(seen.code, version, 'another approval published this version number first');
          throw error;
        }
        const moved = head
          ? await db.advanceHead(trx, seen.code, head.revision, { status: 'published', currentVersion: version })
          : await db
              .insertHead(trx, {
                code: seen.code,
                domain: seen.domain,
                status: 'published',
                currentVersion: version,
                successor: null,
                archivedAt: null,
                revision: 1,
              })
              .then(
                () => true,
                (error: unknown) => {
                  if (isUniqueViolation(error)) return false;
                  throw error;
                },
              );
        if (!moved) throw conflict(seen.code, currentVersion, 'it changed meanwhile');
      }
      const change = (await db.readChange(trx, id))!;
      const events = [this.event('approved', change, actor, now, comment.trim(), version)];
      if (seen.kind === 'archive') events.push(this.event('archived', change, actor, now, seen.reason, version));
      return { change, events };
    });
  }

  /**
   * Set-up only (`indicators:import --bootstrap`): publishes new and changed definitions at once as the next
   * version, authored and approved by system:bootstrap, in one transaction — allowed only while no person has
   * used governance on this store (no change request ever, every version from system:bootstrap), i.e.
   * before the company's editors and approvers exist. Afterwards changes go through maker-checker.
   * The dictionary they make is checked first; nothing is written when it is refused.
   */
  async bootstrapImport(
    changes: ReadonlyArray<{ code: string; definition: IndicatorDefinition }>,
    reason: string,
  ): Promise<PublishedVersion[]> {
    if (await db.governanceUsed(this.conn, BOOTSTRAP)) {
      throw new HubError(
        'FORBIDDEN',
        'Governance is in use on this store (a person has proposed or approved a definition): --bootstrap is for first set-up only; propose the changes with --as <person> instead.',
        { reason: 'BOOTSTRAP_CLOSED' },
      );
    }
    let candidate = this.published();
    for (const c of changes)
      candidate = candidate.with(
        indicatorOf(c.definition, {
          file: `the file of ${c.code}`,
          version: 'bootstrap',
          versionNumber: null,
          status: 'published',
        }),
      );
    checkDictionary(candidate, this.catalog, this.policy, this.units);
    const now = this.now();
    const published: PublishedVersion[] = [];
    await inTransaction(this.conn, async (trx) => {
      for (const c of changes) {
        const head = await db.readHead(trx, c.code);
        const version = (head?.currentVersion ?? 0) + 1;
        const previous = head?.currentVersion ? this.registry.version(c.code, head.currentVersion) : undefined;
        const v: PublishedVersion = {
          code: c.code,
          version,
          definition: c.definition,
          fingerprint: indicatorOf(c.definition, { file: '', version: '', versionNumber: null, status: 'published' })
            .fingerprint,
          author: BOOTSTRAP,
          approvedBy: BOOTSTRAP,
          reason,
          publishedAt: now,
          inForceFrom: head ? now : SINCE_ALWAYS,
          changeId: null,
          diff: diffDefinitions(previous?.definition ?? null, c.definition),
        };
        await db.insertVersion(trx, v);
        const moved = head
          ? await db.advanceHead(trx, c.code, head.revision, { status: 'published', currentVersion: version })
          : await db
              .insertHead(trx, {
                code: c.code,
                domain: c.definition.domain,
                status: 'published',
                currentVersion: version,
                successor: null,
                archivedAt: null,
                revision: 1,
              })
              .then(() => true);
        if (!moved) throw conflict(c.code, head?.currentVersion ?? null, 'it changed meanwhile');
        published.push(v);
      }
    });
    await this.reload();
    this.onPublishedChange?.();
    return published;
  }

  /** The published version history of one indicator, oldest first. */
  history(code: string): readonly PublishedVersion[] {
    return this.registry.history(code);
  }

  // ---- rules -------------------------------------------------------------------------------------------

  private requireEditor(actor: Actor, domain: string, code: string): void {
    if (!this.policy.domains.includes(domain)) {
      throw badInput(`Indicator ${code}: unknown domain "${domain}" (known: ${this.policy.domains.join(', ')}).`, {
        argument: 'definition',
      });
    }
    if (!this.policy.mayEdit(domain, actor.roles)) {
      const editors = this.policy.policy.governance.domains[domain]?.editors ?? [];
      throw new HubError(
        'FORBIDDEN',
        `Changing ${domain} definitions needs one of the roles ${editors.join(', ') || '(none configured)'}; yours: ${actor.roles.join(', ') || 'none'}.`,
        { reason: 'NOT_AN_EDITOR' },
      );
    }
  }

  /** The definition parsed, its code and domain consistent, and the dictionary it would join still valid. */
  private checkedDefinition(
    code: string,
    definition: IndicatorDefinition | undefined,
    domain: string,
  ): IndicatorDefinition {
    if (!definition)
      throw badInput('A create or update change needs a definition (YAML, as in indicators/*.yaml).', {
        argument: 'definition',
      });
    if (definition.code !== code)
      throw badInput(`The definition's code "${definition.code}" differs from the change's code "${code}".`, {
        argument: 'definition',
      });
    if (definition.domain !== domain)
      throw badInput(
        `Indicator ${code} belongs to domain "${domain}"; a change cannot move it to "${definition.domain}" (archive it and create a new one).`,
        { argument: 'definition' },
      );
    const candidate = indicatorOf(definition, {
      file: 'the proposed definition',
      version: 'proposed',
      versionNumber: null,
      status: 'published',
    });
    try {
      checkDictionary(this.published().with(candidate), this.catalog, this.policy, this.units);
    } catch (error) {
      if (error instanceof ConfigError)
        throw badInput(error.message.replace(/^Indicator file /, 'In '), { argument: 'definition' });
      throw error;
    }
    return definition;
  }

  private checkSuccessor(code: string, successor: string | undefined): void {
    if (successor === undefined) return;
    const s = this.published().get(successor);
    if (successor === code || !s || s.status === 'archived') {
      throw badInput(`Successor "${successor}" must be another published, not archived indicator.`, {
        argument: 'successor',
      });
    }
  }

  private async authorsChange(
    actor: Actor,
    id: number,
    states: readonly ChangeState[],
    what: string,
  ): Promise<ChangeRequest> {
    const change = await this.visibleChange(actor, id);
    if (change.author !== actor.principal)
      throw new HubError('FORBIDDEN', `Only the author (${change.author}) may ${what} change #${id}.`, {
        reason: 'NOT_THE_AUTHOR',
      });
    if (!states.includes(change.state))
      throw badInput(`Change #${id} is ${change.state}; ${what} needs it ${states.join(' or ')}.`, { argument: 'id' });
    return change;
  }

  private async reviewersChange(actor: Actor, id: number, comment: string): Promise<ChangeRequest> {
    const change = await this.visibleChange(actor, id);
    if (!this.policy.mayApprove(change.domain, actor.roles)) {
      throw new HubError(
        'FORBIDDEN',
        `Deciding ${change.domain} changes needs one of the roles ${this.policy.approversOf(change.domain).join(', ')}.`,
        { reason: 'NOT_AN_APPROVER' },
      );
    }
    if (change.author === actor.principal) {
      throw new HubError(
        'FORBIDDEN',
        `You proposed change #${id}; another approver of ${change.domain} must decide it (maker-checker).`,
        { reason: 'OWN_CHANGE' },
      );
    }
    if (change.state !== 'in_review') throw await this.changeConflict(this.conn, id, change.revision);
    if (!comment.trim())
      throw badInput('A decision needs a comment: the author and the history show it.', { argument: 'comment' });
    return change;
  }

  private async visibleChange(actor: Actor, id: number): Promise<ChangeRequest> {
    const change = await this.change(actor, id);
    if (!change) throw new HubError('NOT_FOUND', `No change request #${id} that you may see.`, { argument: 'id' });
    return change;
  }

  private async changeConflict(conn: SqlConnection, id: number, expectedRevision: number): Promise<HubError> {
    const now = (await db.readChange(conn, id))!;
    const head = this.registry.head(now.code);
    return new HubError(
      'CONFLICT',
      `Change #${id} moved on: it is ${now.state}${now.reviewer ? ` (by ${now.reviewer})` : ''} at revision ${now.revision}, you sent revision ${expectedRevision}; ${now.code} is at ${head?.currentVersion ? `v${head.currentVersion}` : 'no published version'}. Reload and try again.`,
      {
        changeId: id,
        state: now.state,
        revision: now.revision,
        currentVersion: now.resultVersion ?? head?.currentVersion ?? null,
      },
    );
  }

  private transition(
    hooks: LifecycleHooks,
    change: ChangeRequest,
    expectedRevision: number,
    from: readonly ChangeState[],
    next: Parameters<typeof db.advanceChange>[4],
    actor: Actor,
    kind: LifecycleEventKind,
    note: string,
  ): Promise<ChangeRequest> {
    return this.step(hooks, async (trx) => {
      if (!(await db.advanceChange(trx, change.id, expectedRevision, from, next)))
        throw await this.changeConflict(trx, change.id, expectedRevision);
      const updated = (await db.readChange(trx, change.id))!;
      return { change: updated, events: [this.event(kind, updated, actor, updated.updatedAt, note, null)] };
    });
  }

  /** One lifecycle step: its writes and notices in one transaction; then audit, registry and pushes. */
  private async step(
    hooks: LifecycleHooks,
    work: (trx: SqlConnection) => Promise<{ change: ChangeRequest; events: LifecycleEvent[] }>,
  ): Promise<ChangeRequest> {
    const { change, events, noticeIds } = await inTransaction(this.conn, async (trx) => {
      const done = await work(trx);
      const ids: Array<number | undefined> = [];
      for (const e of done.events)
        ids.push(this.notices && NOTIFIED.has(e.kind) ? await this.notices.record(trx, e) : undefined);
      return { ...done, noticeIds: ids };
    });
    if (change.state === 'approved') {
      await this.reload();
      this.onPublishedChange?.();
    }
    events.forEach((e, i) => {
      hooks.audit(e);
      if (noticeIds[i] !== undefined) this.notices?.published(e, noticeIds[i]!);
    });
    return change;
  }

  private event(
    kind: LifecycleEventKind,
    change: ChangeRequest,
    actor: Actor,
    at: string,
    note: string,
    version: number | null,
  ): LifecycleEvent {
    const dict = this.published();
    // A never-published indicator is private to its author and reviewers: no subscriber hears of it.
    const visible = dict.get(change.code) !== undefined || kind === 'approved';
    const affected = visible
      ? [
          change.code,
          ...(dict.get(change.code)
            ? lineageGraph(dict)
                .dependents(change.code)
                .map((d) => d.code)
            : []),
        ]
      : [];
    const own = change.definition?.owner ?? dict.get(change.code)?.def.owner;
    const owned = [own, ...affected.map((c) => dict.get(c)?.def.owner)].flatMap((o) => (o ? [o] : []));
    const owners = owned.flatMap((o) => [
      personAddress(o.person),
      ...(o.unit !== undefined ? [unitAddress(o.unit)] : []),
    ]);
    const reviewers = kind === 'proposed' ? this.policy.approversOf(change.domain).map(roleAddress) : [];
    const author = isPerson(change.author) ? [personAddress(change.author)] : [];
    const recipients = [...new Set([...owners, ...reviewers, ...author])].sort();
    return {
      kind,
      code: change.code,
      domain: change.domain,
      changeId: change.id,
      version,
      actor: actor.principal,
      at,
      note,
      affected,
      recipients,
    };
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

/** A principal that is a person (a hub id of the model's people entity), not a service (`apikey:<id>`,
 *  src/auth/principal.ts) or nobody: only a person has an inbox of their own. */
function isPerson(principal: string): boolean {
  return principal !== 'anonymous' && !/^(apikey|system):/.test(principal);
}

function conflict(code: string, currentVersion: number | null, why: string): HubError {
  return new HubError(
    'CONFLICT',
    `${code} is at ${currentVersion ? `v${currentVersion}` : 'no published version'} now; ${why}. Reload it and propose again against the current version.`,
    { indicator: code, currentVersion },
  );
}

async function bootstrap(conn: SqlConnection, dictionary: Dictionary, now: string): Promise<void> {
  try {
    await inTransaction(conn, async (trx) => {
      for (const i of dictionary.all()) {
        await db.insertHead(trx, {
          code: i.def.code,
          domain: i.def.domain,
          status: 'published',
          currentVersion: 1,
          successor: null,
          archivedAt: null,
          revision: 1,
        });
        await db.insertVersion(trx, {
          code: i.def.code,
          version: 1,
          definition: i.def,
          fingerprint: i.fingerprint,
          author: BOOTSTRAP,
          approvedBy: BOOTSTRAP,
          reason: `Initial import from ${i.file}`,
          publishedAt: now,
          inForceFrom: SINCE_ALWAYS,
          changeId: null,
          diff: [],
        });
      }
    });
  } catch (error) {
    // Another hub process on the same store imported first: use what it wrote.
    if (!isUniqueViolation(error)) throw error;
  }
}
