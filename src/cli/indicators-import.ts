import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { entryOutsideGraphQL, type AuditLifecycleEvent } from '../audit/record';
import { resolveViewer } from '../auth/principal';
import type { Viewer } from '../auth/viewer';
import { loadConfig } from '../config/load';
import { ConfigError, HubError } from '../errors';
import { checkDictionary } from '../governance/checks';
import type { ChangeRequest } from '../governance/types';
import { describePlan, prepareImport, shown, shownInImport } from '../governance/yaml-io';
import type { HubRuntime } from '../app/runtime';
import { startRuntime } from '../app/runtime';
import { catalogOfAdapters } from '../indicators/catalog';
import { logger } from '../logger';

const USAGE = `npm run indicators:import -- --dir DIR --as <person id> --reason "why" [--submit] [--dry-run]
       npm run indicators:import -- --dir DIR --bootstrap --reason "why" [--dry-run]

Reads DIR (relative to where you run the command) like indicators/ (<domain>/<code>.yaml) and
compares it with the published definitions: a new code becomes a CREATE change request, a changed
definition an UPDATE against the current version, an unchanged file is skipped. Nothing is published here: the changes wait for an approver (maker-checker).
A file that does not parse or that the dictionary would refuse stops the import before anything is
written, naming the file, the code and the problem. Published indicators without a file are not touched.

  --as ID        who proposes: an active person (a hub id of the model's people entity, e.g. EMP-000271 in
                 the demo) whose roles (policy.yaml) may edit each domain
  --reason TEXT  why, shown to reviewers and kept in the version history
  --submit       send the changes to review at once (default: drafts the author submits later)
  --dry-run      print the plan, write nothing
  --bootstrap    first set-up only, instead of --as: publish the new and changed files at once as their
                 next version, authored and approved by system:bootstrap (one audit record). Refused as
                 soon as a person has proposed or approved any definition on this store.

Configure the store as for npm start; with the embedded store, stop the hub first.
Exit status: 0 done (or nothing to do), 1 refused or failed, 2 wrong usage.`;

export interface ImportOptions {
  dir: string;
  /** A person's hub id, or undefined with `bootstrap`. */
  as?: string | undefined;
  /** First set-up: publish at once as system:bootstrap (Governance.bootstrapImport). */
  bootstrap?: boolean;
  reason: string;
  submit: boolean;
  dryRun: boolean;
  /** Where the user stands: paths are shown as typed from there (default: the working directory). */
  cwd?: string;
}

/** Plans and proposes; returns the exit status. The run is one audit record with every lifecycle event. */
export async function runImport(
  runtime: HubRuntime,
  options: ImportOptions,
  print: (line: string) => void,
): Promise<number> {
  if (options.bootstrap) return runBootstrap(runtime, options, print);
  if (!options.as) throw new ConfigError('--as is required (or --bootstrap on first set-up).');
  const started = Date.now();
  const viewer = await resolveViewer(
    { kind: 'person', personId: options.as! },
    runtime.policy,
    runtime.org,
    new Date().toISOString().slice(0, 10),
  );
  const catalog = catalogOfAdapters(runtime.adapters);
  const cwd = options.cwd ?? process.cwd();
  const plan = planFrom(runtime, options.dir, catalog, cwd);
  const changes = plan.filter((p) => p.kind === 'create' || p.kind === 'update');
  const refused = changes.filter((p) => !runtime.policy.mayEdit(p.def.domain, viewer.roles));
  if (refused.length > 0) {
    const domains = [...new Set(refused.map((p) => p.def.domain))].sort();
    throw new HubError(
      'FORBIDDEN',
      `${options.as} (roles: ${viewer.roles.join(', ')}) may not propose changes to ${domains.join(', ')} definitions: ${refused.map((p) => shownInImport(options.dir, p.file, cwd)).join(', ')}. Nothing was written.`,
    );
  }
  for (const line of describePlan(
    plan.filter((p) => p.kind !== 'unchanged'),
    options.dir,
    cwd,
  ))
    print(line);
  const unchanged = plan.length - changes.length;
  if (options.dryRun || changes.length === 0) {
    print(`${changes.length} to propose, ${unchanged} skipped${options.dryRun ? ' (dry run: nothing written)' : ''}`);
    return 0;
  }

  const events: AuditLifecycleEvent[] = [];
  const hooks = {
    audit: (e: AuditLifecycleEvent) =>
      void events.push({ kind: e.kind, code: e.code, changeId: e.changeId, version: e.version, note: e.note }),
  };
  const proposed: ChangeRequest[] = [];
  let failure: unknown;
  for (const p of changes) {
    try {
      const change = await runtime.governance.propose(
        viewer,
        {
          code: p.code,
          kind: p.kind as 'create' | 'update',
          definition: p.def,
          reason: options.reason,
          baseVersion: p.baseVersion ?? undefined,
          submit: options.submit,
        },
        hooks,
      );
      proposed.push(change);
      print(
        `change #${change.id}: ${change.kind} ${change.code} (${change.state === 'in_review' ? 'in review' : 'draft'})`,
      );
    } catch (error) {
      failure = error;
      print(`${p.code}: not proposed: ${error instanceof Error ? error.message : String(error)}`);
      break;
    }
  }
  await runtime.audit.append(auditEntry(viewer, options, events, failure, Date.now() - started));
  print(
    `${proposed.length} proposed, ${unchanged} skipped${failure ? `, stopped at the first refusal (${changes.length - proposed.length} not proposed)` : ''}`,
  );
  return failure ? 1 : 0;
}

/** `--bootstrap`: the plan published at once by system:bootstrap, while no person has used governance. */
async function runBootstrap(
  runtime: HubRuntime,
  options: ImportOptions,
  print: (line: string) => void,
): Promise<number> {
  const started = Date.now();
  const cwd = options.cwd ?? process.cwd();
  const plan = planFrom(runtime, options.dir, catalogOfAdapters(runtime.adapters), cwd);
  const changes = plan.filter((p) => p.kind === 'create' || p.kind === 'update');
  for (const line of describePlan(
    plan.filter((p) => p.kind !== 'unchanged'),
    options.dir,
    cwd,
  ))
    print(line);
  if (options.dryRun || changes.length === 0) {
    print(
      `${changes.length} to publish, ${plan.length - changes.length} skipped${options.dryRun ? ' (dry run: nothing written)' : ''}`,
    );
    return 0;
  }
  let failure: unknown;
  let published: Awaited<ReturnType<typeof runtime.governance.bootstrapImport>> = [];
  try {
    published = await runtime.governance.bootstrapImport(
      changes.map((p) => ({ code: p.code, definition: p.def })),
      options.reason,
    );
  } catch (error) {
    failure = error;
  }
  const events: AuditLifecycleEvent[] = published.map((v) => ({
    kind: 'approved',
    code: v.code,
    changeId: 0,
    version: v.version,
    note: 'bootstrap import',
  }));
  const code = failure instanceof HubError ? String(failure.extensions.code) : failure ? 'INTERNAL_SERVER_ERROR' : null;
  await runtime.audit.append(
    entryOutsideGraphQL({
      requestId: `cli-${randomUUID()}`,
      principal: BOOTSTRAP_PRINCIPAL,
      operationName: 'indicators:import --bootstrap',
      variables: { dir: options.dir, reason: options.reason },
      outcome: failure ? 'error' : 'ok',
      errorCodes: code ? [code] : [],
      latencyMs: Date.now() - started,
      events,
    }),
  );
  if (failure) throw failure;
  for (const v of published) print(`${v.code}: published v${v.version} (system:bootstrap)`);
  print(`${published.length} published, ${plan.length - changes.length} skipped`);
  return 0;
}

const BOOTSTRAP_PRINCIPAL = 'system:bootstrap';

/** The plan; a refusal names its files relative to the import directory, so the message says which one. */
function planFrom(runtime: HubRuntime, dir: string, catalog: ReturnType<typeof catalogOfAdapters>, cwd: string) {
  try {
    return prepareImport(dir, runtime.governance.published(), (d) =>
      checkDictionary(d, catalog, runtime.policy, runtime.units),
    );
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`In ${shown(dir, cwd)}: ${error.message}`);
    throw error;
  }
}

function auditEntry(
  viewer: Viewer,
  options: ImportOptions,
  events: AuditLifecycleEvent[],
  failure: unknown,
  latencyMs: number,
) {
  const code = failure instanceof HubError ? String(failure.extensions.code) : failure ? 'INTERNAL_SERVER_ERROR' : null;
  return entryOutsideGraphQL({
    requestId: `cli-${randomUUID()}`,
    principal: viewer.principal,
    roles: [...viewer.roles],
    scope: viewer.scopeDescription,
    operationName: 'indicators:import',
    variables: { dir: options.dir, submit: options.submit },
    outcome: failure ? 'error' : 'ok',
    errorCodes: code ? [code] : [],
    latencyMs,
    events,
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      as: { type: 'string' },
      reason: { type: 'string' },
      submit: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      bootstrap: { type: 'boolean', default: false },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const missing = (values.bootstrap ? (['dir', 'reason'] as const) : (['dir', 'as', 'reason'] as const)).filter(
    (k) => !values[k]?.trim(),
  );
  if (values.bootstrap && (values.as || values.submit)) {
    process.stderr.write(`--bootstrap publishes as system:bootstrap: give it without --as and --submit.\n\n${USAGE}\n`);
    return 2;
  }
  if (missing.length > 0) {
    process.stderr.write(
      `${missing.map((k) => `--${k}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} required.\n\n${USAGE}\n`,
    );
    return 2;
  }
  logger.level = process.env.LOG_LEVEL ?? 'warn';
  const runtime = await startRuntime(loadConfig(process.env));
  try {
    // npm runs scripts in the package's folder; INIT_CWD is where the user typed the command.
    const cwd = process.env.INIT_CWD ?? process.cwd();
    const options = {
      dir: resolve(cwd, values.dir!),
      as: values.as,
      bootstrap: values.bootstrap!,
      reason: values.reason!,
      submit: values.submit!,
      dryRun: values['dry-run']!,
      cwd,
    };
    return await runImport(runtime, options, (line) => process.stdout.write(`${line}\n`));
  } finally {
    await runtime.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`indicators:import: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
