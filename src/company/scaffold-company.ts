import { isMap, parseDocument, stringify } from 'yaml';
import { MODEL_FORMAT_VERSION } from '../model/schema';
import type { DraftFile } from './scaffold';

/**
 * The company-wide files a new model directory needs besides its sources and entities, drafted by
 * `model:scaffold` when the directory has none yet: a model.yaml (the directory's format version), a
 * deny-by-default policy.yaml, a units.yaml and an empty indicators/ folder for the dictionary.
 *
 * The policy draft grants two roles — `admin` (everything, held by nobody until the engineer names
 * principals) and `dashboard_service` (read-only, held by the API key the command generated and printed
 * once; only its sha256 is written) — and lists every object type of the API by name, so the engineer
 * edits decisions instead of discovering which types exist. The hub's own root fields that disclose the
 * policy or the audit trail are admin-only, as in the demo.
 */
export interface CompanyDraftOptions {
  /** Entity names drafted now (their `<Entity>.*` rules are written as allow, to be narrowed). */
  entities: readonly string[];
  /** The hub's own object types (from its hand-written SDL), Query/Mutation/Subscription included. */
  hubTypes: readonly string[];
  /** sha256 hex of the generated service key. */
  apiKeySha256: string;
}

const ADMIN_ONLY_QUERY_FIELDS = [
  'permissionMatrix',
  'explainAccess',
  'auditLog',
  'verifyAuditChain',
  'effectiveAccess',
  'roleHolders',
  'disclosureLog',
];

export function draftCompanyFiles(options: CompanyDraftOptions): DraftFile[] {
  const fields: Record<string, Record<string, string>> = {};
  for (const entity of [...options.entities].sort()) fields[`${entity}.*`] = { '*': 'allow' };
  for (const type of [...options.hubTypes].sort()) fields[`${type}.*`] = { '*': 'allow' };
  for (const field of ADMIN_ONLY_QUERY_FIELDS) fields[`Query.${field}`] = { admin: 'allow', '*': 'deny' };
  const policy = {
    version: 1,
    minimumGroupSize: 5,
    roles: {
      admin: {
        description: 'Everything, including the permission reports and the audit trail',
        rows: 'all',
        operations: ['view', 'export', 'approve', 'edit_definitions', 'audit'],
      },
      dashboard_service: { description: 'Dashboards (service account): read-only', rows: 'all', operations: ['view'] },
    },
    principals: { people: {}, byTitle: {}, everyPerson: [] },
    apiKeys: [{ id: 'first-service', sha256: options.apiKeySha256, roles: ['dashboard_service'] }],
    governance: { domains: {} },
    personalData: { roles: [], facts: {} },
    fields,
  };
  const policyHeader = [
    'Drafted by model:scaffold. Deny by default: a Type.field no entry grants is denied to everyone.',
    'Review before production: narrow "<Entity>.*" entries (allow | deny | mask:<phone|email|id_card|bank_account|salary_band>),',
    'give roles row scopes, name principals (people of the model) and their roles, declare governance domains',
    '(who edits and approves each domain\'s definitions) and personal-data facts. README: "Roles and policies".',
    'The API key "first-service" was printed once by model:scaffold; only its sha256 is kept here.',
  ];
  const units = {
    count: { precision: 0, fractionalPrecision: 2 },
    percent: { precision: 2 },
    ratio: { precision: 4 },
  };
  const unitsHeader = [
    'Units of the indicators (`unit:` of a definition) and the places their values are shown with. Values stay',
    'exact inside the hub and are rounded once, half-up, on output. Add your currency, e.g. EUR: { precision: 2 }.',
  ];
  const modelHeader = [
    'The model directory: its format version and, when not at their defaults, where its parts live (paths',
    'relative to this directory). README: "Bring your own databases".',
  ];
  const modelFile = `${comment(modelHeader)}version: ${MODEL_FORMAT_VERSION}\n${comment([
    'paths:',
    '  policy: policy.yaml',
    '  units: units.yaml',
    '  indicators: indicators',
    '  targets: targets',
  ])}`;
  return [
    { path: 'model.yaml', text: modelFile },
    { path: 'policy.yaml', text: comment(policyHeader) + stringify(policy, { lineWidth: 140 }) },
    { path: 'units.yaml', text: comment(unitsHeader) + stringify(units) },
    // The dictionary starts empty: indicators/<domain>/<code>.yaml files go here (README "Defining an indicator").
    { path: 'indicators/.gitkeep', text: '' },
  ];
}

function comment(lines: string[]): string {
  return lines.map((l) => `# ${l}`.trimEnd()).join('\n') + '\n';
}

/**
 * An existing policy (a model directory scaffolded source by source) with a `"<Entity>.*": { "*": allow }`
 * rule added for each of `entities` that no `fields` entry names yet: without one, the entity's fields
 * (its non-null id among them) would be denied to everyone. Comments and order are kept. `added` is empty
 * when nothing was missing.
 */
export function policyWithEntities(text: string, entities: readonly string[]): { text: string; added: string[] } {
  const doc = parseDocument(text);
  const fields = doc.get('fields');
  const keys = isMap(fields) ? fields.items.map((i) => String((i.key as { value?: unknown })?.value ?? i.key)) : [];
  const named = new Set(keys.map((key) => key.split('.')[0]));
  const added = [...entities].sort().filter((e) => !named.has(e));
  for (const entity of added) doc.setIn(['fields', `${entity}.*`], doc.createNode({ '*': 'allow' }, { flow: true }));
  return { text: added.length ? doc.toString({ lineWidth: 140 }) : text, added };
}
