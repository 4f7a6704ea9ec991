import { parseCondition, rowMatches, type Condition } from '../values/condition';
import { organisationOf, peopleOf, type CompanyModel, type EntityModel, type EntityName } from '../model/entities';
import type { KeyMap } from '../keys/keymap';
import { principalIdProblem } from './principal-id';
import type { NeutralRow, SourceAdapter, StatementSink } from '../sources/contract';
import { UNRESTRICTED } from '../sources/contract';
import { accessStatements } from '../observability/trace';
import type { OwnerDirectory } from '../indicators/owners';

/** The parts of the hub the directory reads through. */
export interface OrgDirectoryParts {
  model: CompanyModel;
  /** Which source owns an entity's field (src/federation/routing.ts). */
  routing: { owner(entity: EntityName, field: string): string | undefined };
  adapters: ReadonlyMap<string, SourceAdapter>;
  /** The current key map (read per lookup: it is replaced whole on each refresh), and a rebuild on a miss. */
  crosswalks: { readonly keyMap: KeyMap; noticeMiss(): void };
  /** Keys per statement (configuration loader.maxBatchSize). */
  maxBatchSize: number;
}

/**
 * What access control needs to know about people and the organisation, read through the model: the
 * people entity (`people:` in its entity file) from its home source, its unit, title, active condition and
 * leaving date from the fields the declaration names; the organisation unit's hierarchy from the source
 * owning its `organisation.parent` field. Kept for a bounded time (auth.personStatusCacheSeconds). A read
 * made for a request is in that request's trace (the `sink` its caller passes; /metrics too); others only in
 * /metrics. The sink is passed, not found through AsyncLocalStorage: that would make every promise of the
 * process pay for async_hooks.
 */
export class OrgDirectory implements OwnerDirectory {
  private rowsById = new Map<string, { at: number; row: NeutralRow | null }>();
  /** People whose rows are being read now, and that read. */
  private readonly reading = new Map<string, Promise<void>>();
  private tree: { at: number; parent: Map<string, string | null> } | undefined;
  private readonly remembered = new Map<string, { at: number; value: Promise<unknown> }>();
  private readonly people: EntityModel | undefined;
  private readonly active: Condition | undefined;

  constructor(
    private readonly parts: OrgDirectoryParts,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.people = peopleOf(parts.model);
    const active = this.people?.people?.active;
    this.active = active ? parseCondition(active) : undefined;
  }

  /** A viewer's resolved rules, computed once per key and kept for the same bounded time (failures are not kept). */
  remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.remembered.get(key);
    if (hit && this.now() - hit.at < this.maxAgeMs) return hit.value as Promise<T>;
    if (this.remembered.size > 10_000) this.remembered.clear();
    const value = compute();
    this.remembered.set(key, { at: this.now(), value });
    value.catch(() => this.remembered.delete(key));
    return value;
  }

  /** The people entity's row of a person (by hub id), or null when its home source does not know them. */
  async person(hubId: string, sink: StatementSink = accessStatements): Promise<NeutralRow | null> {
    const cached = this.rowsById.get(hubId);
    const age = cached ? this.now() - cached.at : Infinity;
    if (cached && age < this.maxAgeMs) {
      // Refreshed ahead: past half its time, the row is read again in the background (counted in /metrics,
      // not in this request), so an active person's requests do not wait for the people directory every
      // auth.personStatusCacheSeconds, and no answer is ever given from a row older than that.
      if (age >= this.maxAgeMs / 2 && !this.reading.has(hubId)) this.refreshPeople([hubId]).catch(() => undefined); // a failed read caches nothing: the row expires
      return cached.row;
    }
    // A read of this person already under way (another request's, once the cache expired): wait for it
    // rather than read again — and never answer from a half-done read.
    await (this.reading.get(hubId) ?? this.refreshPeople([hubId], sink));
    return this.rowsById.get(hubId)?.row ?? null;
  }

  /**
   * Reads these people's rows now (one statement per loader.maxBatchSize), whatever their cache age, and
   * caches them once the read is complete: a person is cached as unknown only when their home source
   * answered without them; a failed read caches nothing (the next request reads again).
   */
  refreshPeople(hubIds: readonly string[], sink: StatementSink = accessStatements): Promise<void> {
    const read = this.readPeople(hubIds, sink);
    for (const id of hubIds) this.reading.set(id, read);
    const forget = () => {
      for (const id of hubIds) if (this.reading.get(id) === read) this.reading.delete(id);
    };
    read.then(forget, forget);
    return read;
  }

  private async readPeople(hubIds: readonly string[], sink: StatementSink): Promise<void> {
    const at = this.now();
    const entity = this.people;
    if (!entity) {
      for (const id of hubIds) this.rowsById.set(id, { at, row: null });
      return;
    }
    const source = entity.home;
    const keys = new Map<string, string>();
    for (const id of hubIds) {
      if (principalIdProblem(entity.key.type, id)) continue;
      const key = this.sourceKey(entity.name, source, id);
      if (key !== undefined) keys.set(key, id);
    }
    const found = new Map<string, NeutralRow>();
    for (const row of await this.rowsWhere(entity.name, source, 'key', [...keys.keys()], sink)) {
      const id = keys.get(String(row.key));
      if (id) found.set(id, row);
    }
    for (const id of hubIds) this.rowsById.set(id, { at, row: found.get(id) ?? null });
  }

  /** Hub ids of every organisation unit: one statement on the organisation entity's home source. */
  async unitIds(): Promise<string[]> {
    const org = organisationOf(this.parts.model);
    return org ? this.allIds(org) : [];
  }

  /** Those of `hubIds` the people's home source knows, read now (and cached like any person read). */
  async knownPeople(hubIds: readonly string[]): Promise<Set<string>> {
    await this.refreshPeople(hubIds);
    return new Set(hubIds.filter((id) => this.rowsById.get(id)?.row));
  }

  /** Hub ids of every person: one statement on the people entity's home source. */
  async personIds(): Promise<string[]> {
    return this.people ? this.allIds(this.people) : [];
  }

  private async allIds(entity: EntityModel): Promise<string[]> {
    const adapter = this.parts.adapters.get(entity.home)!;
    const rows = await adapter.fetch({ entity: entity.name }, { scope: UNRESTRICTED, trace: accessStatements });
    return rows.map((r) => this.hubId(entity.name, entity.home, String(r.key)));
  }

  /** Is the person let in today: the people's `active` condition holds and their `until` date has not come. */
  isActive(row: NeutralRow, today: string): boolean {
    const until = this.people?.people?.until;
    const left = until !== undefined && row[until] !== null && row[until] !== undefined && String(row[until]) <= today;
    return !left && (!this.active || rowMatches(this.active, row, String(row.key)));
  }

  /** The value of the field the people declaration names as `title`, if any. */
  titleOf(row: NeutralRow): string | null {
    const field = this.people?.people?.title;
    return field === undefined || row[field] === null || row[field] === undefined ? null : String(row[field]);
  }

  /** The person's organisation unit (hub id), when the declaration names a `unit` field and it is set. */
  unitOf(row: NeutralRow): string | null {
    const field = this.people?.people?.unit;
    const org = organisationOf(this.parts.model);
    if (!field || !org || row[field] === null || row[field] === undefined) return null;
    const source = this.parts.routing.owner(this.people!.name, field);
    return source ? this.hubId(org.name, source, String(row[field])) : null;
  }

  /** The unit and everything below it in the organisation unit's hierarchy (organisation.parent). */
  async subtree(unitId: string, sink: StatementSink = accessStatements): Promise<Set<string>> {
    const parent = await this.parents(sink);
    const children = new Map<string, string[]>();
    for (const [id, p] of parent) if (p) children.set(p, [...(children.get(p) ?? []), id]);
    const out = new Set<string>();
    const stack = [unitId];
    while (stack.length) {
      const id = stack.pop()!;
      if (out.has(id)) continue;
      out.add(id);
      stack.push(...(children.get(id) ?? []));
    }
    return out;
  }

  /**
   * Hub ids of `entity` whose `field` holds one of `values` (hub ids when the field references an
   * entity, else literal values): one statement on the source owning the field.
   */
  async matching(
    entity: EntityName,
    field: string,
    values: readonly string[],
    sink: StatementSink = accessStatements,
  ): Promise<Set<string>> {
    const source = this.parts.routing.owner(entity, field);
    if (!source) return new Set();
    const type = this.parts.model.entities[entity]!.fields[field];
    const keys =
      typeof type === 'object' ? values.flatMap((v) => this.sourceKey(type.ref, source, v) ?? []) : [...values];
    const rows = await this.rowsWhere(entity, source, field, keys, sink);
    return new Set(rows.map((r) => this.hubId(entity, source, String(r.key))));
  }

  private async rowsWhere(
    entity: EntityName,
    source: string,
    field: string,
    keys: readonly string[],
    sink: StatementSink,
  ): Promise<NeutralRow[]> {
    const rows: NeutralRow[] = [];
    const size = this.parts.maxBatchSize;
    for (let i = 0; i < keys.length; i += size) {
      const chunk = keys.slice(i, i + size);
      rows.push(
        ...(await this.parts.adapters
          .get(source)!
          .fetch({ entity, where: { field, keys: chunk } }, { scope: UNRESTRICTED, trace: sink })),
      );
    }
    return rows;
  }

  private async parents(sink: StatementSink): Promise<Map<string, string | null>> {
    if (this.tree && this.now() - this.tree.at < this.maxAgeMs) return this.tree.parent;
    const org = organisationOf(this.parts.model);
    const field = org?.organisation?.parent;
    const source = org && field ? this.parts.routing.owner(org.name, field) : undefined;
    const units = source
      ? await this.parts.adapters.get(source)!.fetch({ entity: org!.name }, { scope: UNRESTRICTED, trace: sink })
      : [];
    const parent = new Map(
      units.map((u) => [
        this.hubId(org!.name, source!, u.key),
        u[field!] === null || u[field!] === undefined ? null : this.hubId(org!.name, source!, String(u[field!])),
      ]),
    );
    this.tree = { at: this.now(), parent };
    return parent;
  }

  private sourceKey(entity: EntityName, source: string, hubId: string): string | undefined {
    if (!this.parts.model.entities[entity]!.conformed) return hubId;
    const mapped = this.parts.crosswalks.keyMap.toSource(entity, source, hubId);
    if (mapped !== undefined) return mapped;
    if (hubId.startsWith(`${source}:`)) return hubId.slice(source.length + 1);
    // Someone the key map does not know yet (a new hire): the crosswalks are read again soon (throttled).
    this.parts.crosswalks.noticeMiss();
    return undefined;
  }

  private hubId(entity: EntityName, source: string, key: string): string {
    if (!this.parts.model.entities[entity]!.conformed) return key;
    return this.parts.crosswalks.keyMap.toHub(entity, source, key) ?? `${source}:${key}`;
  }
}
