import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readCheckpoints } from '../audit/anchors';
import { verifyExportLines } from '../audit/verify-export';

const USAGE = `npm run audit:verify-export -- FILE.jsonl [--anchor SEQ:HASH]... [--checkpoints FILE --public-key PEM]

Re-verifies an audit export (GET /audit/export?format=jsonl) offline: no store, no hub. Recomputes every
record's hash, checks each links to the one before and that seq goes up by one. Anchors inside the run
must match: --anchor SEQ:HASH (a head written down earlier), or the signed checkpoints the hub appended
to its anchor file (audit.anchor.file) with the Ed25519 public key of audit.anchor.keyFile
(openssl pkey -in anchor.pem -pubout -out anchor.pub.pem).

Exit status: 0 intact, 1 broken, 2 could not check.`;

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      anchor: { type: 'string', multiple: true },
      checkpoints: { type: 'string' },
      'public-key': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || positionals.length !== 1) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const plain = (values.anchor ?? []).map((text) => {
    const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
    if (!match) throw new Error(`--anchor: expected SEQ:HASH, got "${text}"`);
    return { seq: Number(match[1]), hash: match[2]! };
  });
  if (values.checkpoints && !values['public-key']) throw new Error('--checkpoints needs --public-key');
  const checkpoints = values.checkpoints ? readCheckpointsSync(values.checkpoints) : undefined;
  const publicKey = values['public-key'] ? createPublicKey(readFileSync(values['public-key'])) : undefined;
  const lines = readFileSync(positionals[0]!, 'utf8').split('\n');
  const v = verifyExportLines(lines, { plain, checkpoints, publicKey });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (!v.ok) {
    out(`audit export BROKEN at seq ${v.broken!.seq ?? '?'} (line ${v.broken!.line}): ${v.broken!.reason}`);
    return 1;
  }
  out(`audit export intact: ${v.records} records, seq ${v.first?.seq ?? '-'}..${v.head?.seq ?? '-'}`);
  if (v.first) out(`links to: ${v.first.seq - 1}:${v.first.prevHash}`);
  if (v.head) out(`head: ${v.head.seq}:${v.head.hash}`);
  if (plain.length || checkpoints) out(`anchors matched: ${v.anchorsMatched}`);
  return 0;
}

function readCheckpointsSync(file: string) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Awaited<ReturnType<typeof readCheckpoints>>[number]];
      } catch {
        return [];
      }
    });
}

if (require.main === module) {
  try {
    process.exit(main());
  } catch (error) {
    process.stderr.write(`audit:verify-export could not check: ${(error as Error).message}\n`);
    process.exit(2);
  }
}
