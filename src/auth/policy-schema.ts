import { z } from 'zod';

/**
 * The policy file (<model dir>/policy.yaml): roles with their row scope and operations, who holds which roles,
 * what each role may see of every type and field, which source facts hold personal data. Deny by default:
 * a field no rule grants is denied.
 */
const roleName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected snake_case');

/**
 * Which rows a role sees: `all`, or entity → condition (src/values/condition.ts), e.g.
 * `{ Customer: "supportRep = viewer.id" }`. A rule restricts the entity it names and everything that
 * references it; several rules of one role all apply; a viewer's roles unite. Checked against the model
 * at start (src/company/policy-check.ts).
 */
export const rowScopeSchema = z.union([
  z.literal('all'),
  z
    .record(z.string().regex(/^[A-Z][A-Za-z0-9_]*$/, 'expected an entity name'), z.string().min(1))
    .refine((r) => Object.keys(r).length > 0, 'name at least one entity, or write rows: all'),
]);

const roleSchema = z
  .object({
    description: z.string().min(1),
    rows: rowScopeSchema,
    operations: z.array(z.enum(['view', 'export', 'approve', 'edit_definitions', 'audit'])).default(['view']),
    /** May see aggregates of personal data over groups smaller than the suppression minimum. */
    individuals: z.boolean().default(false),
  })
  .strict();

const principalRoles = z.record(z.string().min(1), z.array(roleName).min(1));

/** principals.<name> and the deprecated key read as it (accepted for one release). */
export const DEPRECATED_PRINCIPAL_KEYS = [
  ['people', 'employees'],
  ['everyPerson', 'everyEmployee'],
] as const;

/** allow | deny | mask:<kind> */
export const decisionSchema = z.union([
  z.literal('allow'),
  z.literal('deny'),
  z
    .string()
    .regex(
      /^mask:(phone|id_card|bank_account|salary_band|email)$/,
      'expected allow, deny or mask:<phone|id_card|bank_account|salary_band|email>',
    ),
]);

export const policySchema = z
  .object({
    version: z.literal(1),
    /** Aggregates of personal data over fewer people than this are suppressed (unless the role has `individuals`). */
    minimumGroupSize: z.number().int().min(1).default(5),
    roles: z.record(roleName, roleSchema),
    /** People (hub ids of the model's people entity, checked against its key type at start) and the roles
     *  they hold; `byTitle` grants roles from the field the people declaration names as `title`.
     *  `employees` and `everyEmployee` are the deprecated names of `people` and `everyPerson` (read as them). */
    principals: z
      .object({
        people: principalRoles.optional(),
        employees: principalRoles.optional(),
        byTitle: principalRoles.default({}),
        /** Roles every active person holds in addition. */
        everyPerson: z.array(roleName).optional(),
        everyEmployee: z.array(roleName).optional(),
      })
      .strict()
      .superRefine((p, ctx) => {
        for (const [name, old] of DEPRECATED_PRINCIPAL_KEYS) {
          if (p[name] !== undefined && p[old] !== undefined) {
            const message = `give ${name}, not also ${old} (its deprecated name)`;
            ctx.addIssue({ code: 'custom', path: [old], message });
          }
        }
      })
      .transform(({ people, employees, byTitle, everyPerson, everyEmployee }) => ({
        people: people ?? employees ?? {},
        byTitle,
        everyPerson: everyPerson ?? everyEmployee ?? [],
      })),
    /** Service accounts: API keys stored as sha256 hex of the key, never the key. */
    apiKeys: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]+$/),
            sha256: z.string().regex(/^[0-9a-f]{64}$/),
            roles: z.array(roleName).min(1),
          })
          .strict(),
      )
      .default([]),
    /** "Type.field" or "Type.*" → role (or "*") → decision. */
    fields: z.record(
      z.string().regex(/^[A-Z][A-Za-z]*\.(\*|[a-z][A-Za-z0-9]*)$/, 'expected "Type.field" or "Type.*"'),
      z.record(z.string(), decisionSchema),
    ),
    /**
     * Indicator governance: per owner domain, which roles may propose changes to its definitions (editors,
     * who need the `edit_definitions` operation) and which may approve or reject them (approvers, who need
     * `approve`). Nobody approves their own change. A domain not listed can be changed by nobody.
     */
    governance: z
      .object({
        domains: z.record(
          z.string().regex(/^[a-z][a-z_]*$/, 'expected a domain name such as finance'),
          z.object({ editors: z.array(roleName).default([]), approvers: z.array(roleName).default([]) }).strict(),
        ),
      })
      .strict()
      .default({ domains: {} }),
    /**
     * Personal data, declared once per SOURCE FACT: any value computed from a simple input reading one of
     * these facts (published, pinned, as-of or a draft; formulas and ratios alike) is personal. Only `roles`
     * may see such values; without `individuals` they are released only over groups of at least
     * `minimumGroupSize` people, checked against the principal's earlier releases (src/engine/disclosure.ts).
     */
    personalData: z
      .object({
        roles: z.array(roleName).default([]),
        facts: z.record(
          z.string().regex(/^[a-z][a-z0-9_]*\.[a-z][A-Za-z0-9_]*$/, 'expected "<source>.<fact>", e.g. hr.payroll'),
          z
            .object({
              /** A count_distinct measure of the same fact: the people behind a cell. */
              population: z.string().min(1),
              /** The fact's dimension whose members make up query sets (the row-scope dimension, e.g. the unit's).
               *  Without `individuals`, the fact may be grouped or filtered by this dimension only. */
              dimension: z.string().min(1),
            })
            .strict(),
        ),
      })
      .strict()
      .default({ roles: [], facts: {} }),
  })
  .strict();

export type Policy = z.infer<typeof policySchema>;
export type RowScope = z.infer<typeof rowScopeSchema>;
export type Decision = z.infer<typeof decisionSchema>;
