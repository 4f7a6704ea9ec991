import { readFileSync, statSync } from 'node:fs';
import { Kind, parse, visit, type ArgumentNode, type ValueNode } from 'graphql';
import { ConfigError } from '../errors';
import { dependenciesOf, type IndicatorDefinition, type IndicatorOwner } from '../indicators/definition';
import type { Dictionary } from '../indicators/dictionary';
import { formulaRefs, parseFormula } from '../indicators/formula';
import { lineageGraph, type DependencyKind } from './lineage';
import type { ChangeKind } from './types';
import { organisationOf, type CompanyModel } from '../model/entities';
import { memberDimensions } from '../model/member-dimension';

/**
 * The impact report (影响分析) a reviewer reads before approving a change to indicator X: which indicators
 * depend on X (transitively, with the path) and who owns them, which registered operations (trusted
 * documents) and dashboards use X or a dependent, and what kind of change it is (unit, computation,
 * dimensions removed, archived with or without a successor). Computed against the published dictionary.
 */
export interface ProposedChange {
  code: string;
  kind: ChangeKind;
  /** The proposed definition (create/update). */
  definition?: IndicatorDefinition | null;
  successor?: string | null;
}

/** A registered query text: an entry of the trusted documents file (sha256 → text). */
export interface RegisteredDocument {
  hash: string;
  text: string;
}

/** A dashboard that registered interest in some indicators (the notice subscriptions). */
export interface InterestedDashboard {
  id: string;
  owner: string;
  codes: string[];
}
export type RegisteredInterest = (codes: string[]) => Promise<InterestedDashboard[]>;

export interface ImpactDeps {
  /** The published dictionary the change is made against. */
  dictionary: Dictionary;
  documents?: readonly RegisteredDocument[];
  /** Dashboards subscribed to any of the codes; omitted: the report says it could not tell (null). */
  registeredInterest?: RegisteredInterest;
  /** The company model: which argument names are dimensions, and whose members `indicators` walks (the
   *  organisation unit's). Omitted: documents are read for codes only, never for dimensions by argument. */
  model?: Pick<CompanyModel, 'dimensions' | 'entities'>;
}

export interface ImpactedIndicator {
  code: string;
  path: string[];
  via: DependencyKind;
  owner: IndicatorOwner;
}

export interface OwnerToTell {
  unit?: string;
  person: string;
  /** The affected indicators (X or dependents) they own. */
  codes: string[];
}

export type OperationVerdict = 'uses' | 'cannot_tell';

export interface OperationImpact {
  /** sha256 of the registered text (the trusted documents key). */
  hash: string;
  /** Operation names in the document (anonymous ones are left out). */
  names: string[];
  verdict: OperationVerdict;
  /** The affected codes it names (empty when it cannot tell). */
  codes: string[];
  /** True when it groups or filters by a dimension the change removes. */
  breaks: boolean;
  note: string;
}

export type ImpactFlagKind =
  | 'created'
  | 'type_changed'
  | 'unit_changed'
  | 'inputs_changed'
  | 'computation_changed'
  | 'dimensions_removed'
  | 'additivity_changed'
  | 'archived_with_successor'
  | 'archived_without_successor';

export interface ImpactFlag {
  kind: ImpactFlagKind;
  message: string;
}

export interface ImpactReport {
  code: string;
  kind: ChangeKind;
  dependents: ImpactedIndicator[];
  owners: OwnerToTell[];
  operations: OperationImpact[];
  /** null: no registered-interest store is connected, so nobody can tell. */
  dashboards: InterestedDashboard[] | null;
  flags: ImpactFlag[];
}

export async function impactOf(change: ProposedChange, deps: ImpactDeps): Promise<ImpactReport> {
  const { dictionary } = deps;
  const current = dictionary.get(change.code);
  const dependents: ImpactedIndicator[] = current
    ? lineageGraph(dictionary)
        .dependents(change.code)
        .map((d) => ({ ...d, owner: dictionary.get(d.code)!.def.owner }))
    : [];
  const affected = [change.code, ...dependents.map((d) => d.code)];
  const flags = flagsOf(change, current?.def, dependents, dictionary);
  const removed = new Set(removedDimensions(current?.def, change));
  return {
    code: change.code,
    kind: change.kind,
    dependents,
    owners: ownersOf(affected, dictionary),
    operations: operationsUsing(affected, removed, deps.documents ?? [], dictionary, deps.model),
    dashboards: deps.registeredInterest ? await deps.registeredInterest(affected) : null,
    flags,
  };
}

function ownersOf(codes: readonly string[], dictionary: Dictionary): OwnerToTell[] {
  const byOwner = new Map<string, OwnerToTell>();
  for (const code of codes) {
    const owner = dictionary.get(code)?.def.owner;
    if (!owner) continue;
    const key = `${owner.unit ?? ''}\u0000${owner.person}`;
    const entry = byOwner.get(key) ?? { ...owner, codes: [] };
    entry.codes.push(code);
    byOwner.set(key, entry);
  }
  const unitOf = (o: OwnerToTell) => o.unit ?? '';
  return [...byOwner.values()].sort((a, b) => unitOf(a).localeCompare(unitOf(b)) || a.person.localeCompare(b.person));
}

function removedDimensions(before: IndicatorDefinition | undefined, change: ProposedChange): string[] {
  // Archiving removes the indicator, not a dimension: its flag says what happens to users.
  if (!before || change.kind !== 'update' || !change.definition) return [];
  return before.dimensions.filter((d) => !change.definition!.dimensions.includes(d));
}

/** Direct inputs of a definition, whether or not it is in a dictionary yet. */
function definitionInputs(def: IndicatorDefinition): string[] {
  return dependenciesOf(def, (text) => {
    try {
      return formulaRefs(parseFormula(text));
    } catch {
      return [];
    }
  });
}

/** What the computation is, apart from its inputs: formula text, ratio scale, window, comparison, measure. */
function computationOf(def: IndicatorDefinition): string {
  switch (def.type) {
    case 'simple':
      return `measure ${def.measure.source}.${def.measure.fact}.${def.measure.measure}`;
    case 'ratio':
      return `${def.numerator} / ${def.denominator}${def.scale !== 1 ? ` × ${def.scale}` : ''}`;
    case 'formula':
      return `formula ${def.formula}`;
    case 'cumulative':
      return `${def.window}${def.periods ? ` ${def.periods} periods` : ''} of ${def.base}`;
    case 'period_over_period':
      return `${def.as} of ${def.base} vs ${def.compare === 'previous' ? 'the previous period' : 'a year earlier'}`;
  }
}

function flagsOf(
  change: ProposedChange,
  before: IndicatorDefinition | undefined,
  dependents: ImpactedIndicator[],
  dictionary: Dictionary,
): ImpactFlag[] {
  const names = (list: readonly { code: string }[]) => list.map((d) => d.code).join(', ');
  const valueDependents = dependents.filter((d) => d.via === 'input');
  if (change.kind === 'archive') {
    const lose = dependents.length
      ? `; these refer to it and must change first or with it: ${names(dependents)}`
      : '; nothing in the dictionary refers to it';
    return change.successor
      ? [
          {
            kind: 'archived_with_successor',
            message: `Archived with successor ${change.successor}: move dashboards and dependents to it${lose}.`,
          },
        ]
      : [
          {
            kind: 'archived_without_successor',
            message: `Archived without a successor: its users have nothing to move to${lose}.`,
          },
        ];
  }
  const after = change.definition;
  if (change.kind === 'create' || !before)
    return [{ kind: 'created', message: `New indicator ${change.code}: nothing depends on it yet.` }];
  if (!after) return [];
  const flags: ImpactFlag[] = [];
  const downstream = valueDependents.length ? ` Dependents computed from it: ${names(valueDependents)}.` : '';
  if (before.type !== after.type)
    flags.push({ kind: 'type_changed', message: `Type ${before.type} → ${after.type}.${downstream}` });
  if (before.unit !== after.unit) {
    flags.push({
      kind: 'unit_changed',
      message: `Unit ${before.unit} → ${after.unit}: formulas adding or subtracting it may no longer validate, and every reader's scale changes.${downstream}`,
    });
  }
  const [inputsBefore, inputsAfter] = [definitionInputs(before), definitionInputs(after)];
  if (inputsBefore.join() !== inputsAfter.join()) {
    flags.push({
      kind: 'inputs_changed',
      message: `Inputs ${inputsBefore.join(', ') || 'none'} → ${inputsAfter.join(', ') || 'none'}.${downstream}`,
    });
  }
  if (computationOf(before) !== computationOf(after)) {
    flags.push({
      kind: 'computation_changed',
      message: `Computation "${computationOf(before)}" → "${computationOf(after)}": values change.${downstream}`,
    });
  }
  if (before.additivity !== after.additivity) {
    const totals = valueDependents.filter((d) => dictionary.get(d.code)?.def.type === 'cumulative');
    flags.push({
      kind: 'additivity_changed',
      message: `Additivity ${before.additivity} → ${after.additivity}${totals.length ? `: running totals over it need an additive base (${names(totals)})` : ''}.`,
    });
  }
  const removed = removedDimensions(before, change);
  if (removed.length) {
    const declaring = valueDependents
      .map((d) => ({ code: d.code, dims: dictionary.get(d.code)!.def.dimensions.filter((x) => removed.includes(x)) }))
      .filter((d) => d.dims.length);
    flags.push({
      kind: 'dimensions_removed',
      message:
        `Dimensions removed: ${removed.join(', ')}: it no longer promises these cuts, so dashboards grouping or filtering by them break` +
        (declaring.length
          ? `; dependents that still declare them: ${declaring.map((d) => `${d.code} (${d.dims.join(', ')})`).join(', ')}.`
          : '.'),
    });
  }
  return flags;
}

/** What a registered document asks for, as far as it can be read without running it. */
interface DocumentUse {
  hash: string;
  names: string[];
  /** Codes named by literals in `code:` / `codes:` arguments. */
  codes: Set<string>;
  /** `alerts` evaluates every alert rule: the indicators with rules and those they compare with. */
  usesAlerts: boolean;
  /** A `code:` / `codes:` argument given by a variable: which indicators it reads is decided per request. */
  variableCodes: boolean;
  /** Dimensions grouped or filtered by (literals), and whether some were variables. */
  dimensions: Set<string>;
  variableDimensions: boolean;
}

const CODE_ARGUMENTS = new Set(['code', 'codes']);
/** Fields that take codes to manage definitions or notices, not to read values: not a use. */
const NOT_A_USE = new Set(['indicatorChanges', 'registerNoticeSubscription', 'indicatorNotices']);

/** What a document's arguments say about dimensions, from the model: an argument named like a dimension
 *  filters by it (decomposition(<dimension>:)), and `indicators(codes:)` is per member of the organisation
 *  unit (the entity field the generated schema gives it). */
interface DimensionHints {
  names: ReadonlySet<string>;
  indicatorsDimension: string | undefined;
}

function hintsOf(model: ImpactDeps['model']): DimensionHints {
  if (!model) return { names: new Set(), indicatorsDimension: undefined };
  const org = organisationOf(model);
  return {
    names: new Set(Object.keys(model.dimensions)),
    indicatorsDimension: org ? memberDimensions(model)[org.name] : undefined,
  };
}

function analyse(doc: RegisteredDocument, hints: DimensionHints): DocumentUse {
  const use: DocumentUse = {
    hash: doc.hash,
    names: [],
    codes: new Set(),
    usesAlerts: false,
    variableCodes: false,
    dimensions: new Set(),
    variableDimensions: false,
  };
  let ast;
  try {
    ast = parse(doc.text);
  } catch {
    // The hub refuses what it cannot parse; an unparsable registered text uses nothing.
    return use;
  }
  const strings = (value: ValueNode, onVariable: () => void): string[] => {
    if (value.kind === Kind.VARIABLE) {
      onVariable();
      return [];
    }
    if (value.kind === Kind.STRING) return [value.value];
    if (value.kind === Kind.LIST) return value.values.flatMap((v) => strings(v, onVariable));
    return [];
  };
  const dimensionOf = (arg: ArgumentNode) =>
    strings(arg.value, () => (use.variableDimensions = true)).forEach((s) => use.dimensions.add(s.split('.')[0]!));
  visit(ast, {
    OperationDefinition(node) {
      if (node.name) use.names.push(node.name.value);
    },
    Field(node) {
      const args = node.arguments ?? [];
      if (node.name.value === 'alerts') use.usesAlerts = true;
      if (NOT_A_USE.has(node.name.value)) return;
      const codesArg = args.find((a) => CODE_ARGUMENTS.has(a.name.value));
      if (!codesArg) return;
      strings(codesArg.value, () => (use.variableCodes = true)).forEach((c) => use.codes.add(c));
      // <Organisation>.indicators(codes:) is per organisation unit; decomposition(<dimension>:) filters by one.
      if (node.name.value === 'indicators' && hints.indicatorsDimension) use.dimensions.add(hints.indicatorsDimension);
      for (const arg of args) if (hints.names.has(arg.name.value)) use.dimensions.add(arg.name.value);
      for (const arg of args) {
        if (arg.name.value === 'groupBy') dimensionOf(arg);
        if (arg.name.value === 'filters') {
          if (arg.value.kind === Kind.VARIABLE) use.variableDimensions = true;
          const items = arg.value.kind === Kind.LIST ? arg.value.values : [arg.value];
          for (const item of items) {
            if (item.kind === Kind.VARIABLE) use.variableDimensions = true;
            if (item.kind !== Kind.OBJECT) continue;
            const dim = item.fields.find((f) => f.name.value === 'dimension');
            if (dim) strings(dim.value, () => (use.variableDimensions = true)).forEach((s) => use.dimensions.add(s));
          }
        }
      }
    },
  });
  return use;
}

const analysed = new WeakMap<readonly RegisteredDocument[], { model: ImpactDeps['model']; uses: DocumentUse[] }>();

function operationsUsing(
  affected: readonly string[],
  removed: ReadonlySet<string>,
  documents: readonly RegisteredDocument[],
  dictionary: Dictionary,
  model: ImpactDeps['model'],
): OperationImpact[] {
  let cached = analysed.get(documents);
  if (!cached || cached.model !== model) {
    const hints = hintsOf(model);
    cached = { model, uses: documents.map((doc) => analyse(doc, hints)) };
    analysed.set(documents, cached);
  }
  const uses = cached.uses;
  const alertCodes = new Set(
    dictionary
      .all()
      .flatMap((i) =>
        i.def.alerts.length ? [i.def.code, ...i.def.alerts.flatMap((r) => (r.indicator ? [r.indicator] : []))] : [],
      ),
  );
  const out: OperationImpact[] = [];
  for (const use of uses) {
    const codes = affected.filter((c) => use.codes.has(c) || (use.usesAlerts && alertCodes.has(c)));
    if (codes.length > 0) {
      const named = [...removed].filter((d) => use.dimensions.has(d));
      const breaks = named.length > 0;
      const viaAlerts =
        use.usesAlerts && codes.some((c) => !use.codes.has(c)) ? ' (alerts evaluates every alert rule)' : '';
      out.push({
        hash: use.hash,
        names: use.names,
        verdict: 'uses',
        codes,
        breaks,
        note: breaks
          ? `uses ${codes.join(', ')}${viaAlerts} grouped or filtered by ${named.join(', ')}, which this change removes: it will fail`
          : removed.size && use.variableDimensions
            ? `uses ${codes.join(', ')}${viaAlerts}; its grouping is a variable: cannot tell whether it uses a removed dimension`
            : `uses ${codes.join(', ')}${viaAlerts}`,
      });
    } else if (use.variableCodes) {
      out.push({
        hash: use.hash,
        names: use.names,
        verdict: 'cannot_tell',
        codes: [],
        breaks: false,
        note: 'uses variables for indicator codes: cannot tell',
      });
    }
  }
  return out.sort((a, b) => (a.verdict === b.verdict ? a.hash.localeCompare(b.hash) : a.verdict === 'uses' ? -1 : 1));
}

let cachedFile: { file: string; mtimeMs: number; documents: RegisteredDocument[] } | undefined;

/**
 * The registered texts of the trusted documents file (`security.trustedDocumentsFile`), re-read when the
 * file changes. The server has already refused to start on a malformed file; this only reads it.
 */
export function registeredDocuments(file: string | undefined): RegisteredDocument[] {
  if (!file) return [];
  const mtimeMs = statSync(file).mtimeMs;
  if (cachedFile?.file === file && cachedFile.mtimeMs === mtimeMs) return cachedFile.documents;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      `Trusted documents file ${file} cannot be read as JSON: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const documents = Object.entries(parsed as Record<string, unknown>).flatMap(([hash, text]) =>
    typeof text === 'string' ? [{ hash, text }] : [],
  );
  cachedFile = { file, mtimeMs, documents };
  return documents;
}
