import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AuditLog, type VerifyResult } from '../audit/audit-log';
import { loadConfig } from '../config/load';
import { ConfigError } from '../errors';
import { EmbeddedEngine } from '../db/embedded';
import { needsEmbeddedEngine, openConnection } from '../db/open';

const USAGE = `npm run audit:verify [-- --anchor SEQ:HASH]

Recomputes every hash of the audit log in the hub's store (table audit_log) in order and reports the
first record where the chain breaks. Configure the store as for npm start (hub.config.yaml,
HUB_STORE_ENGINE / HUB_STORE_URL, HUB_DATA_DIR). With the embedded store, stop the hub first: its data
directory must not be opened by two processes at once.

  --anchor SEQ:HASH   a head printed by an earlier run: the chain must still contain it (catches records
                      deleted from the end, or the whole chain recomputed)

Exit status: 0 intact, 1 broken, 2 could not check (configuration, connection, no audit log).`;

/** Prints the verdict; returns the exit status. */
export function report(result: VerifyResult, out: (line: string) => void): number {
  if (result.ok) {
    out(`audit chain intact: ${result.checked} records`);
    if (result.head) out(`head: ${result.head.seq}:${result.head.hash}`);
    return 0;
  }
  out(`audit chain BROKEN at seq ${result.firstBroken!.seq}: ${result.firstBroken!.reason}`);
  return 1;
}

function parseAnchor(text: string | undefined): { seq: number; hash: string } | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  if (!match) throw new ConfigError(`--anchor: expected SEQ:HASH (a record number and 64 hex digits), got "${text}".`);
  return { seq: Number(match[1]), hash: match[2]! };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { anchor: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const anchor = parseAnchor(values.anchor);
  const config = loadConfig(process.env);
  const { store } = config;
  const needsEmbedded = needsEmbeddedEngine([store]);
  if (needsEmbedded && config.embedded.dataDir !== ':memory:' && !existsSync(config.embedded.dataDir)) {
    throw new ConfigError(`No embedded store at "${config.embedded.dataDir}" (HUB_DATA_DIR): nothing to verify.`);
  }
  const embedded = needsEmbedded ? await EmbeddedEngine.open(config.embedded.dataDir) : undefined;
  const conn = openConnection({ ...store, schema: store.schema }, 'hub', embedded);
  try {
    const log = new AuditLog(conn);
    if (!(await log.exists())) {
      process.stderr.write(`No audit log in the store: table ${conn.schema ?? 'public'}.audit_log does not exist.\n`);
      return 2;
    }
    return report(await log.verify({ anchor }), (line) => process.stdout.write(`${line}\n`));
  } finally {
    await conn.close();
    await embedded?.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `audit:verify could not check the chain: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(2);
    },
  );
}
