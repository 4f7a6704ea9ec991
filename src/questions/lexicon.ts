import type { Dictionary, Indicator } from '../indicators/dictionary';
import type { CompanyModel } from '../model/entities';
import { dimensionPaths } from '../model/dimension-paths';
import { englishForms, wordsOf, ZH_WORDS } from './glossary';
import { fixedPhrases, type Phrase } from './phrases';
import { keyOf, normalize, STOP_WORDS, unitsOf } from './text';

/** One row of an entity as the question reader sees it: its hub id, its name and its string and reference fields. */
export interface MemberRow {
  id: string;
  name: string | null;
  /** String attributes as written; references as the referenced row's hub id. */
  fields: Record<string, string | null>;
}

/** The rows the viewer may see of each entity that names members (read through the ordinary source path). */
export type MemberRows = ReadonlyMap<string, readonly MemberRow[]>;

export type Meaning =
  | { kind: 'indicator'; code: string; how: 'name' | 'synonym' | 'code' }
  | { kind: 'dimension'; path: string; dimension: string; depth: number }
  | {
      kind: 'member';
      /** The dimension path (IndicatorDimension value) whose member this is. */
      path: string;
      dimension: string;
      depth: number;
      name: string;
      /** Ids of the fact dimension's entity this member stands for. */
      ids: string[];
      /** The member's own id (a row's hub id, or the attribute value). */
      member: string;
    }
  | ({ kind: 'phrase' } & { phrase: Phrase });

/** An attribute with more distinct values than this is not read as a list of members (names, phone numbers…). */
const MAX_ATTRIBUTE_VALUES = 200;

/**
 * Every name a question may use, normalized: indicators by name (zh, en), synonym and code; dimension
 * paths by their words (and the glossary's Chinese for them); members by name (rows of dimension entities,
 * rows their references reach, and categorical attribute values); the fixed phrases of src/questions/phrases.ts.
 */
export class Lexicon {
  readonly entries = new Map<string, Meaning[]>();
  /** The longest entry, in units: the matcher never looks further. */
  maxUnits = 1;

  constructor(
    readonly dictionary: Dictionary,
    readonly model: CompanyModel,
    rows: MemberRows,
  ) {
    for (const [text, phrase] of fixedPhrases()) this.add(text, { kind: 'phrase', phrase });
    for (const i of dictionary.all()) this.addIndicator(i);
    const paths = dimensionPaths(model);
    for (const p of paths) {
      const segments = p.path.split('.');
      const dimension = segments[0]!;
      const depth = segments.length - 1;
      const last = segments[segments.length - 1]!;
      const target = targetEntity(model, p.path);
      const words = new Set<string>([wordsOf(last).join(' ')]);
      if (target && depth === 0) words.add(wordsOf(target).join(' '));
      for (const w of words) this.addDimensionWords(w, { kind: 'dimension', path: p.value, dimension, depth });
    }
    for (const p of paths) this.addMembers(p.value, p.path, rows);
  }

  get(key: string): Meaning[] | undefined {
    return this.entries.get(key);
  }

  /** The Chinese entries (for a segmenter's user dictionary). */
  cjkKeys(): string[] {
    return [...this.entries.keys()].filter((k) => /[\u3400-\u9fff]/u.test(k));
  }

  private add(text: string, meaning: Meaning): void {
    const units = unitsOf(normalize(text)).map((u) => u.text);
    if (units.length === 0) return;
    const key = keyOf(units);
    const list = this.entries.get(key) ?? [];
    if (!list.some((m) => sameMeaning(m, meaning))) list.push(meaning);
    this.entries.set(key, list);
    this.maxUnits = Math.max(this.maxUnits, units.length);
  }

  private addIndicator(i: Indicator): void {
    const code = i.def.code;
    this.add(i.def.name.zh, { kind: 'indicator', code, how: 'name' });
    this.add(i.def.name.en, { kind: 'indicator', code, how: 'name' });
    for (const s of i.def.synonyms) this.add(s, { kind: 'indicator', code, how: 'synonym' });
    this.add(code, { kind: 'indicator', code, how: 'code' });
    this.add(code.replace(/_/g, ' '), { kind: 'indicator', code, how: 'code' });
  }

  private addDimensionWords(words: string, meaning: Meaning): void {
    const parts = words.split(' ');
    const last = parts[parts.length - 1]!;
    for (const form of englishForms(last)) {
      this.add([...parts.slice(0, -1), form].join(' '), meaning);
      if (form.length >= 3 && !STOP_WORDS.has(form)) this.add(form, meaning);
    }
    // Chinese: every word translated by the glossary (all of them, or the last alone).
    const zh = parts.map((w) => [...(ZH_WORDS[w] ?? [])]);
    if (zh.every((z) => z.length > 0)) for (const combo of combos(zh)) this.add(combo.join(''), meaning);
    for (const z of ZH_WORDS[last] ?? []) this.add(z, meaning);
  }

  private addMembers(value: string, path: string, rows: MemberRows): void {
    const [dimension, ...hops] = path.split('.');
    const root = this.model.dimensions[dimension!];
    const roots = root ? rows.get(root) : undefined;
    if (!root || !roots) return;
    const depth = hops.length;
    // Walk each root row along the path: the member it belongs to (a row of the target entity, or a value).
    const byMember = new Map<string, { name: string; ids: string[] }>();
    let entity = root;
    let current = roots.map((r) => ({ id: r.id, row: r as MemberRow | undefined }));
    let attribute: string | null = null;
    for (const hop of hops) {
      const type = this.model.entities[entity]?.fields[hop];
      if (type === undefined) return;
      if (typeof type === 'object') {
        const index = indexOf(rows.get(type.ref));
        if (!index) return;
        current = current.map((c) => ({ id: c.id, row: c.row ? index.get(c.row.fields[hop] ?? '') : undefined }));
        entity = type.ref;
      } else {
        if (type !== 'string') return;
        attribute = hop;
      }
    }
    for (const c of current) {
      if (!c.row) continue;
      const member = attribute === null ? c.row.id : c.row.fields[attribute];
      const name = attribute === null ? c.row.name : c.row.fields[attribute];
      if (member === null || member === undefined || name === null || name === undefined) continue;
      const entry = byMember.get(member) ?? { name, ids: [] };
      entry.ids.push(c.id);
      byMember.set(member, entry);
    }
    if (attribute !== null && byMember.size > MAX_ATTRIBUTE_VALUES) return;
    for (const [member, { name, ids }] of byMember) {
      if (normalize(name).length < 2) continue;
      this.add(name, { kind: 'member', path: value, dimension: dimension!, depth, name, ids, member });
    }
  }
}

function sameMeaning(a: Meaning, b: Meaning): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'indicator' && b.kind === 'indicator') return a.code === b.code;
  if (a.kind === 'dimension' && b.kind === 'dimension') return a.path === b.path;
  if (a.kind === 'member' && b.kind === 'member') return a.path === b.path && a.member === b.member;
  return JSON.stringify(a) === JSON.stringify(b);
}

function indexOf(rows: readonly MemberRow[] | undefined): Map<string, MemberRow> | undefined {
  return rows ? new Map(rows.map((r) => [r.id, r])) : undefined;
}

function combos(lists: string[][]): string[][] {
  return lists.reduce<string[][]>((acc, list) => acc.flatMap((a) => list.map((w) => [...a, w])), [[]]);
}

/** The entity a dimension path ends on (a reference or the dimension itself), or undefined for an attribute. */
export function targetEntity(model: CompanyModel, path: string): string | undefined {
  const [dimension, ...hops] = path.split('.');
  let entity = model.dimensions[dimension!];
  for (const hop of hops) {
    const type = entity ? model.entities[entity]?.fields[hop] : undefined;
    if (typeof type !== 'object') return undefined;
    entity = type.ref;
  }
  return entity;
}

/** The entities whose rows name members: each dimension's entity and every entity a grouping path reaches. */
export function memberEntities(model: CompanyModel): string[] {
  const out = new Set<string>();
  for (const p of dimensionPaths(model)) {
    const t = targetEntity(model, p.path);
    if (t) out.add(t);
  }
  return [...out].sort();
}
