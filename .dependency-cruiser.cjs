// The layer order of src/, enforced by `npm run check` (dependency-cruiser --validate).
// A file may import from its own layer and the layers below it, never from a layer above; no import cycles.
// docs/architecture.md draws the same list and walks one request through it.
/** Bottom to top: each entry is one layer, a list of folders (or files) under src/. */
const LAYERS = [
  ['errors.ts', 'error-catalogue.ts', 'logger.ts', 'values', 'generated'], // plain values: decimals, periods, conditions, errors
  ['observability', 'cache', 'replicas'], // metrics, statement traces, the result cache, the replicas' shared state (Redis)
  ['model'], // the company model: entities, sources and mappings as read from a model directory
  ['config'], // the hub's own configuration
  ['db'], // connections and SQL dialects
  ['sources'], // the source adapter contract and the generic SQL adapter
  ['store'], // the hub's own database: definitions, audit, notices
  ['keys'], // hub ids and source keys: key map, crosswalks, composite ids
  ['indicators'], // the dictionary: definitions, formulas, units, targets
  ['auth'], // policy, viewers, row rules, masks
  ['federation', 'loaders'], // entities assembled from sources; per-request DataLoaders
  ['engine'], // the one aggregation path: plan, fetch, regroup, evaluate, disclose
  ['audit', 'notices', 'governance'], // what the hub records and decides about definitions
  ['questions'], // questions in words: lexicon from the dictionary and model, periods, interpretation, answers
  ['schema'], // the SDL: hand-written files plus the model's generated types
  ['company'], // a model directory loaded and checked as a whole (the policy against the SDL); scaffolding
  ['seed'], // demo and test data into embedded sources
  ['app'], // the composition root: the runtime and the request context
  ['resolvers'], // GraphQL resolvers and the executable schema
  ['server'], // HTTP and WebSocket
  ['cli', 'main.ts'], // commands
];

/** Imports that run upward on purpose, each with its reason (keep this list short). */
const ALLOWED_UPWARD = [];

const esc = (s) => s.replace(/[.]/g, '\\.');
const pattern = (layer) => `^src/(${layer.map((p) => (p.endsWith('.ts') ? esc(p) + '$' : esc(p) + '/')).join('|')})`;
const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer[0].replace(/\.ts$/, '')}`,
  comment: `${layer.join(', ')} may not import from a layer above it (see LAYERS in .dependency-cruiser.cjs)`,
  severity: 'error',
  from: { path: pattern(layer), pathNot: ALLOWED_UPWARD.map((a) => `^${esc(a.from)}$`) },
  to: { path: LAYERS.slice(i + 1).map(pattern), pathNot: ALLOWED_UPWARD.map((a) => `^${esc(a.to)}$`) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No value-import cycles (type-only imports are erased at compile time and may form one)',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...layerRules,
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
