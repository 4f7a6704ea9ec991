import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../errors';
import { logger } from '../logger';
import { DEPRECATED_PRINCIPAL_KEYS, policySchema, type Decision, type Policy } from './policy-schema';

export type { Policy, Decision };

/** A field decision and the rule that made it (quoted in FORBIDDEN errors' extensions and audit records). */
export interface FieldVerdict {
  decision: Decision;
  rule: string;
}

const STRENGTH: Record<string, number> = { deny: 0, mask: 1, allow: 2 };

/** A source fact the policy declares personal, with the measure counting the people behind a cell. */
export interface PersonalFact {
  /** "<source>.<fact>" */
  id: string;
  source: string;
  fact: string;
  population: string;
  dimension: string;
}

export class PolicyBook {
  /** `file`: where the policy came from, for messages. */
  constructor(
    readonly policy: Policy,
    readonly file = 'policy',
  ) {}

  /**
   * What `roles` may do with `type.field`: the most permissive of the roles' decisions, from the field's
   * own entry, else the type's "*" entry; a role not named falls back to the entry's "*". Nothing → deny.
   */
  field(type: string, field: string, roles: readonly string[]): FieldVerdict {
    let best: FieldVerdict = { decision: 'deny', rule: `no rule grants ${type}.${field} (deny by default)` };
    for (const key of [`${type}.${field}`, `${type}.*`]) {
      const entry = this.policy.fields[key];
      if (!entry) continue;
      for (const role of roles) {
        const decision = entry[role] ?? entry['*'];
        if (decision === undefined) continue;
        const which = entry[role] !== undefined ? role : '*';
        if (STRENGTH[kind(decision)]! > STRENGTH[kind(best.decision)]! || best.rule.startsWith('no rule')) {
          best = { decision, rule: `fields["${key}"].${which} = ${decision}` };
        }
      }
      if (roles.length === 0 && entry['*'] !== undefined)
        best = { decision: entry['*'], rule: `fields["${key}"].* = ${entry['*']}` };
      return best;
    }
    return best;
  }

  /** The personal-data declaration of a source fact, if the policy declares it personal. */
  personalFact(source: string, fact: string): PersonalFact | undefined {
    const entry = this.policy.personalData.facts[`${source}.${fact}`];
    return entry && { id: `${source}.${fact}`, source, fact, ...entry };
  }

  /** May `roles` see values computed from personal data at all (before small-cell rules)? */
  mayUsePersonalData(roles: readonly string[]): boolean {
    return roles.some((r) => this.policy.personalData.roles.includes(r));
  }

  /** May `roles` propose changes to definitions of `domain`? */
  mayEdit(domain: string, roles: readonly string[]): boolean {
    const editors = this.policy.governance.domains[domain]?.editors ?? [];
    return roles.some((r) => editors.includes(r));
  }

  /** May `roles` approve or reject changes to definitions of `domain`? */
  mayApprove(domain: string, roles: readonly string[]): boolean {
    return this.approversOf(domain).some((r) => roles.includes(r));
  }

  approversOf(domain: string): readonly string[] {
    return this.policy.governance.domains[domain]?.approvers ?? [];
  }

  get domains(): string[] {
    return Object.keys(this.policy.governance.domains).sort();
  }
}

export function kind(decision: Decision): 'allow' | 'deny' | 'mask' {
  return decision.startsWith('mask:') ? 'mask' : (decision as 'allow' | 'deny');
}

export function loadPolicy(file: string): PolicyBook {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'does not exist'
        : `is not valid YAML (${(error as Error).message.split('\n')[0]})`;
    throw new ConfigError(`Policy file ${file} ${reason}.`);
  }
  const parsed = policySchema.safeParse(doc);
  if (!parsed.success) {
    throw new ConfigError(
      `Policy file ${file}:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`,
    );
  }
  const policy = parsed.data;
  warnDeprecatedKeys(file, doc);
  const known = new Set(Object.keys(policy.roles));
  const mentioned: Array<[string, string]> = [
    ...Object.entries(policy.principals.people).flatMap(([who, roles]) =>
      roles.map((r): [string, string] => [`principals.people.${who}`, r]),
    ),
    ...Object.entries(policy.principals.byTitle).flatMap(([title, roles]) =>
      roles.map((r): [string, string] => [`principals.byTitle.${title}`, r]),
    ),
    ...policy.principals.everyPerson.map((r): [string, string] => ['principals.everyPerson', r]),
    ...policy.apiKeys.flatMap((k) => k.roles.map((r): [string, string] => [`apiKeys.${k.id}`, r])),
    ...Object.entries(policy.fields).flatMap(([f, e]) =>
      Object.keys(e)
        .filter((r) => r !== '*')
        .map((r): [string, string] => [`fields["${f}"]`, r]),
    ),
    ...policy.personalData.roles.map((r): [string, string] => ['personalData.roles', r]),
  ];
  for (const [where, role] of mentioned) {
    if (!known.has(role))
      throw new ConfigError(
        `Policy file ${file}: ${where} names unknown role "${role}" (known: ${[...known].join(', ')})`,
      );
  }
  // The operations a role lists stay truthful: editors need edit_definitions, approvers need approve.
  for (const [domain, d] of Object.entries(policy.governance.domains)) {
    for (const [list, operation] of [
      ['editors', 'edit_definitions'],
      ['approvers', 'approve'],
    ] as const) {
      for (const role of d[list]) {
        if (!known.has(role))
          throw new ConfigError(
            `Policy file ${file}: governance.domains.${domain}.${list} names unknown role "${role}" (known: ${[...known].join(', ')})`,
          );
        if (!policy.roles[role]!.operations.includes(operation)) {
          throw new ConfigError(
            `Policy file ${file}: governance.domains.${domain}.${list} lists role "${role}", which lacks the operation "${operation}": add it to roles.${role}.operations.`,
          );
        }
      }
    }
  }
  return new PolicyBook(policy, file);
}

/** Does some role see `type.field` masked? (Such a field is published as String: src/schema/generate.ts.) */
export function maskable(policy: PolicyBook, type: string, field: string): boolean {
  return Object.keys(policy.policy.roles).some((r) => kind(policy.field(type, field, [r]).decision) === 'mask');
}

const warned = new Set<string>();

/** One warning per file and deprecated key it uses (principals.employees, principals.everyEmployee). */
function warnDeprecatedKeys(file: string, doc: unknown): void {
  const principals = (doc as { principals?: Record<string, unknown> } | null)?.principals ?? {};
  for (const [name, old] of DEPRECATED_PRINCIPAL_KEYS) {
    if (principals[old] === undefined || warned.has(`${file}|${old}`)) continue;
    warned.add(`${file}|${old}`);
    const message = `${file}: principals.${old} is deprecated: use principals.${name}`;
    logger.warn({ file, key: `principals.${old}`, use: `principals.${name}` }, message);
  }
}
