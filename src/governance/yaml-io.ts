import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Document, isMap, isSeq, parse as parseYaml, Scalar, type Node } from 'yaml';
import type { IndicatorDefinition } from '../indicators/definition';
import { ConfigError } from '../errors';
import type { Dictionary } from '../indicators/dictionary';
import { readDefinitionFiles } from '../indicators/load';

/**
 * The dictionary as files: export writes the published definitions as `<dir>/<domain>/<code>.yaml` in the
 * key order and style of the hand-written files (so a reviewer can diff them); import compares a
 * directory of such files with the published state and says, per file, whether it creates, updates or
 * leaves an indicator unchanged. Reading the files and writing change requests is the CLIs' business.
 */

/** Key order of indicators/*.yaml: identity, ownership, meaning, computation, cuts, rules. */
export const KEY_ORDER = [
  'code',
  'name',
  'synonyms',
  'definition',
  'owner',
  'domain',
  'unit',
  'precision',
  'format',
  'direction',
  'type',
  'measure',
  'numerator',
  'denominator',
  'scale',
  'formula',
  'base',
  'window',
  'periods',
  'compare',
  'as',
  'dimensions',
  'additivity',
  'tags',
  'drivers',
  'alerts',
  'cacheTtlSeconds',
] as const;

/** Written inline (`name: { zh: …, en: … }`, `tags: [a, b]`), as in the hand-written files. */
const FLOW_KEYS = new Set(['name', 'synonyms', 'owner', 'measure', 'dimensions', 'tags', 'drivers']);
/** Left out at these values (the schema's defaults), as the files leave them out. */
const OMIT_WHEN: Record<string, string> = { synonyms: '[]', alerts: '[]', scale: '1' };

function ordered(def: IndicatorDefinition): Record<string, unknown> {
  const source = def as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const keys = [
    ...KEY_ORDER,
    ...Object.keys(source)
      .filter((k) => !(KEY_ORDER as readonly string[]).includes(k))
      .sort(),
  ];
  for (const key of keys) {
    const value = source[key];
    if (value === undefined) continue;
    if (OMIT_WHEN[key] === JSON.stringify(value)) continue;
    out[key] = value;
  }
  return out;
}

/** One definition as the text of its file. */
export function definitionToYaml(def: IndicatorDefinition): string {
  const doc = new Document(ordered(def));
  const root = doc.contents;
  if (!isMap(root)) throw new Error(`definition of ${def.code} is not a mapping`);
  for (const pair of root.items) {
    const key = String((pair.key as Scalar).value);
    const value = pair.value as Node | null;
    if (FLOW_KEYS.has(key) && (isMap(value) || isSeq(value))) value.flow = true;
    if (key === 'definition' && value instanceof Scalar) value.type = Scalar.BLOCK_FOLDED;
    if (key === 'alerts' && isSeq(value)) {
      // Each band on one line: `- { severity: warning, above: 90 }`.
      for (const rule of value.items) {
        const bands = isMap(rule) ? rule.get('bands', true) : undefined;
        if (isSeq(bands)) bands.items.forEach((b) => isMap(b) && (b.flow = true));
      }
    }
  }
  const text = doc.toString({ lineWidth: 104, minContentWidth: 40 });
  // The files write lists unpadded (`[a, b]`) and maps padded (`{ a: 1 }`); yaml pads both. Unpad lists,
  // and keep the change only if it means the same (a bracket inside a quoted string would not).
  const unpadded = text.replace(/\[ ([^[\]\n]*) \]/g, '[$1]');
  return canonicalJson(parseYaml(unpadded)) === canonicalJson(parseYaml(text)) ? unpadded : text;
}

/** Where a definition's file goes under `dir`. */
export function fileOf(dir: string, def: IndicatorDefinition): string {
  return join(dir, def.domain, `${def.code}.yaml`);
}

export interface ExportResult {
  written: string[];
  /** *.yaml files already under the directory that are not part of the export (left untouched). */
  untouched: string[];
}

/** Writes one file per definition under `dir/<domain>/`, creating folders as needed. */
export function exportDefinitions(definitions: readonly IndicatorDefinition[], dir: string): ExportResult {
  const written: string[] = [];
  for (const def of [...definitions].sort((a, b) => a.code.localeCompare(b.code))) {
    const file = fileOf(dir, def);
    mkdirSync(join(dir, def.domain), { recursive: true });
    writeFileSync(file, definitionToYaml(def));
    written.push(file);
  }
  const mine = new Set(written);
  return { written, untouched: yamlFilesUnder(dir).filter((f) => !mine.has(f)) };
}

function yamlFilesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((e) =>
      e.isDirectory() ? yamlFilesUnder(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
    )
    .sort();
}

/** JSON with sorted keys: equal meaning, equal text, whatever order the file or the store kept. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** Top-level keys whose values differ between two definitions. */
export function changedKeys(before: IndicatorDefinition, after: IndicatorDefinition): string[] {
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const rank = (k: string) => {
    const i = (KEY_ORDER as readonly string[]).indexOf(k);
    return i < 0 ? KEY_ORDER.length : i;
  };
  return keys
    .filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k]))
    .sort((x, y) => rank(x) - rank(y) || x.localeCompare(y));
}

export interface ImportedDefinition {
  /** The file it was read from, relative to the import directory. */
  file: string;
  def: IndicatorDefinition;
}

export type ImportKind = 'create' | 'update' | 'unchanged' | 'archived';

export interface ImportPlan {
  /** create: a new code; update: differs from the published version; unchanged: skipped; archived: skipped
   *  (import never revives an archived indicator). */
  kind: ImportKind;
  code: string;
  /** Relative to the import directory (the one base of every path in a plan; describePlan shows it). */
  file: string;
  def: IndicatorDefinition;
  /** The published version an update is made against (null for create). */
  baseVersion: number | null;
  /** Top-level keys that differ (update). */
  changed: string[];
}

/**
 * What importing `files` into the published dictionary means, file by file: a new code is a create, a
 * different definition an update against the current version (`baseVersion`), an equal one is skipped.
 * Published indicators without a file are not touched: import never archives.
 */
export function planImport(files: readonly ImportedDefinition[], published: Dictionary): ImportPlan[] {
  return files
    .map(({ file, def }): ImportPlan => {
      const current = published.get(def.code);
      if (!current) return { kind: 'create', code: def.code, file, def, baseVersion: null, changed: [] };
      const baseVersion = current.versionNumber ?? null;
      const changed = changedKeys(current.def, def);
      const kind: ImportKind =
        current.status === 'archived' ? 'archived' : changed.length === 0 ? 'unchanged' : 'update';
      return { kind, code: def.code, file, def, baseVersion, changed };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * Reads a directory of indicator files and plans its import, refusing — before anything is written — a
 * file that does not parse, a code defined twice, a change of an indicator's domain, or a definition the
 * dictionary would not accept (`check` runs the hub's checks on the published dictionary with it). Each
 * proposal is checked on its own against the published dictionary, as the lifecycle service will check it.
 * Files — in the plan and in the messages — are named relative to `dir`, whatever the working directory.
 */
export function prepareImport(
  dir: string,
  published: Dictionary,
  check: (dictionary: Dictionary) => void,
): ImportPlan[] {
  const files = readDefinitionFiles(dir, dir);
  const plan = planImport(
    files.map((i) => ({ file: i.file, def: i.def })),
    published,
  );
  const byCode = new Map(files.map((i) => [i.def.code, i]));
  for (const p of plan) {
    if (p.kind !== 'create' && p.kind !== 'update') continue;
    const current = published.get(p.code);
    if (current && current.def.domain !== p.def.domain) {
      throw new ConfigError(
        `Indicator file ${p.file} (${p.code}): domain "${p.def.domain}" differs from the published domain "${current.def.domain}"; a change cannot move an indicator to another domain.`,
      );
    }
    try {
      check(published.with(byCode.get(p.code)!));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const waitFor = plan
        .filter((o) => o.kind === 'create' && o.code !== p.code && error.message.includes(`"${o.code}"`))
        .map((o) => o.code);
      const hint = waitFor.length
        ? ` (${waitFor.join(', ')} ${waitFor.length > 1 ? 'are' : 'is'} new in this import: import and publish ${waitFor.length > 1 ? 'them' : 'it'} first)`
        : '';
      const own = `Indicator file ${p.file} (${p.code}): `;
      const problem = error.message.startsWith(own)
        ? error.message.slice(own.length)
        : `it would break ${error.message.replace(/^Indicator file /, '')}`;
      throw new ConfigError(`Indicator file ${p.file} (${p.code}) cannot be proposed: ${problem}${hint}`);
    }
  }
  return plan;
}

/** A path relative to `cwd` when it lies below it, else absolute. */
export function shown(path: string, cwd = process.cwd()): string {
  const absolute = resolve(cwd, path);
  const rel = relative(cwd, absolute);
  return rel && !rel.startsWith('..') ? rel : absolute;
}

/** Where a planned file is, as a user in `cwd` would type it (the plan names it relative to `dir`). */
export function shownInImport(dir: string, file: string, cwd = process.cwd()): string {
  return shown(resolve(cwd, dir, file), cwd);
}

/** One line per planned change of an import from `dir`, for the CLI and for dry runs. */
export function describePlan(plan: readonly ImportPlan[], dir: string, cwd = process.cwd()): string[] {
  return plan.map((p) => {
    const where = shownInImport(dir, p.file, cwd);
    if (p.kind === 'create') return `create  ${p.code}  (${where})`;
    if (p.kind === 'update')
      return `update  ${p.code}  against v${p.baseVersion ?? '?'}: ${p.changed.join(', ')}  (${where})`;
    if (p.kind === 'archived')
      return `skip    ${p.code}  archived: import never revives an archived indicator  (${where})`;
    return `same    ${p.code}  (${where})`;
  });
}
