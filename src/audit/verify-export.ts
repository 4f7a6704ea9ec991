import type { KeyObject } from 'node:crypto';
import { checkpointValid, type Checkpoint } from './anchors';
import { hashOf, type AuditRecord } from './record';

/**
 * Offline verification of an exported run of the chain (JSONL, src/audit/export-format.ts): no store, no
 * hub — only the lines, and optionally anchors. Every record's hash is recomputed from its own fields
 * (refused records included: their address, reason and refusal counts are hashed and exported), each
 * prevHash must be the previous line's hash, seq must go up by one. The first line's prevHash links to the
 * record before the export (the previous month's last hash: check it with --anchor or by the earlier file).
 * Anchors (a SEQ:HASH, or signed checkpoints with the public key) that fall inside the run must match.
 */
export interface ExportVerdict {
  ok: boolean;
  records: number;
  first: { seq: number; prevHash: string } | null;
  head: { seq: number; hash: string } | null;
  /** Checkpoints inside the run that matched (signature valid and hash equal). */
  anchorsMatched: number;
  broken?: { seq: number | null; line: number; reason: string };
}

export function verifyExportLines(
  lines: Iterable<string>,
  anchors: { plain?: Array<{ seq: number; hash: string }>; checkpoints?: Checkpoint[]; publicKey?: KeyObject } = {},
): ExportVerdict {
  const expected = new Map<number, string>();
  for (const a of anchors.plain ?? []) expected.set(a.seq, a.hash);
  let badSignature: Checkpoint | undefined;
  for (const cp of anchors.checkpoints ?? []) {
    if (!anchors.publicKey || !checkpointValid(cp, anchors.publicKey)) badSignature ??= cp;
    else expected.set(cp.seq, cp.hash);
  }
  const verdict: ExportVerdict = { ok: true, records: 0, first: null, head: null, anchorsMatched: 0 };
  const fail = (seq: number | null, line: number, reason: string): ExportVerdict => ({
    ...verdict,
    ok: false,
    broken: { seq, line, reason },
  });
  if (badSignature) return fail(badSignature.seq, 0, 'a checkpoint signature does not verify with the public key');
  let lineNo = 0;
  for (const text of lines) {
    lineNo += 1;
    if (!text.trim()) continue;
    let record: AuditRecord & { unreadable?: string };
    try {
      record = JSON.parse(text) as AuditRecord & { unreadable?: string };
    } catch {
      return fail(null, lineNo, 'not a JSON line');
    }
    if (record.unreadable !== undefined)
      return fail(record.seq, lineNo, `unreadable in the store: ${record.unreadable}`);
    if (verdict.head && record.seq !== verdict.head.seq + 1)
      return fail(record.seq, lineNo, `missing sequence number (expected ${verdict.head.seq + 1})`);
    if (hashOf(record) !== record.hash) return fail(record.seq, lineNo, 'hash mismatch');
    if (verdict.head && record.prevHash !== verdict.head.hash)
      return fail(record.seq, lineNo, 'broken link to previous');
    const anchored = expected.get(record.seq);
    if (anchored !== undefined) {
      if (anchored !== record.hash) return fail(record.seq, lineNo, 'differs from the anchor (chain recomputed)');
      verdict.anchorsMatched += 1;
    }
    verdict.first ??= { seq: record.seq, prevHash: record.prevHash };
    verdict.head = { seq: record.seq, hash: record.hash };
    verdict.records += 1;
  }
  return verdict;
}
