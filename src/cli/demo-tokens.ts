import { SignJWT } from 'jose';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { resolveJwtSecret } from '../auth/jwt-secret';
import { DEMO_SERVICE_KEY } from '../auth/demo-credentials';
import { loadConfig } from '../config/load';

/** `npm run demo:tokens`: a signed token for every demo user (valid 12 h), and the demo service key. */
export { DEMO_SERVICE_KEY };

export async function demoToken(
  employee: string,
  secret: string,
  issuer: string,
  audience: string,
  ttl = '12h',
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(employee)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.auth.jwt.algorithm !== 'HS256')
    throw new Error('demo:tokens signs HS256 tokens; this hub is configured for RS256.');
  const secret = resolveJwtSecret(config.auth.jwt.secret, config.embedded.dataDir);
  const users = parseYaml(readFileSync(join(config.model.dir, 'demo-users.yaml'), 'utf8')) as Array<{
    label: string;
    employee: string;
  }>;
  const url = `http://${config.server.host}:${config.server.port}/graphql`;
  process.stdout.write(`Demo tokens for ${url} (valid 12 hours). Send as "Authorization: Bearer <token>".\n\n`);
  for (const u of users) {
    process.stdout.write(
      `${u.label} — ${u.employee}\n${await demoToken(u.employee, secret, config.auth.jwt.issuer, config.auth.jwt.audience)}\n\n`,
    );
  }
  process.stdout.write(`BI dashboard service account — send "X-Api-Key: ${DEMO_SERVICE_KEY}"\n\n`);
  process.stdout.write(
    `Example:\n  curl -s ${url} -H 'content-type: application/json' -H "Authorization: Bearer <token>" \\\n    -d '{"query":"{ me { principal roles scope } }"}'\n`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
