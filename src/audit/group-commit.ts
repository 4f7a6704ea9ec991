import { GENESIS_HASH, hashOf, type AuditEntry, type AuditRecord, type UnsignedRecord } from './record';

/** Appends of one batch: their normalised entries, each with the promise of its request. */
interface Waiting {
  entry: AuditEntry;
  resolve(record: AuditRecord): void;
  reject(error: unknown): void;
}

/** Writes one batch in one transaction: `build` chains the entries after the store's last record. */
export type WriteBatch = (
  build: (last: { seq: number; hash: string } | null) => AuditRecord[],
) => Promise<AuditRecord[]>;

/** Records per transaction at most: a burst of thousands is written in several transactions, in order. */
export const MAX_BATCH = 256;

/**
 * Group commit of the audit chain: while one batch is being written, the appends that arrive wait
 * together and go into the next write as one batch — one lock, one multi-row insert (one statement after
 * a head the log wrote itself, else a transaction that reads the head: AuditStore.appendChained) — each
 * record still chained to the one before it (seq + 1, prevHash = its hash), in arrival order. Fail closed
 * as before: an append resolves only once its batch has committed; if the batch fails, every append in it
 * rejects and nothing of it is written (one statement or one transaction). An entry that cannot be
 * hashed (a value JSON cannot represent) is refused alone and left out of the chain.
 */
export class GroupCommit {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly write: (batch: () => Promise<void>) => Promise<void>,
    private readonly writeBatch: WriteBatch,
  ) {}

  append(entry: AuditEntry): Promise<AuditRecord> {
    return new Promise<AuditRecord>((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    if (this.writing || this.waiting.length === 0) return;
    this.writing = true;
    const batch = this.waiting.splice(0, MAX_BATCH);
    void this.write(() => this.commit(batch)).finally(() => {
      this.writing = false;
      this.drain();
    });
  }

  private async commit(batch: Waiting[]): Promise<void> {
    const refused = new Map<Waiting, unknown>();
    let written: Waiting[] = [];
    try {
      const records = await this.writeBatch((last) => {
        refused.clear();
        written = [];
        const out: AuditRecord[] = [];
        let prev = { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
        for (const waiting of batch) {
          try {
            const unsigned: UnsignedRecord = { ...waiting.entry, seq: prev.seq + 1, prevHash: prev.hash };
            const record = { ...unsigned, hash: hashOf(unsigned) };
            out.push(record);
            written.push(waiting);
            prev = { seq: record.seq, hash: record.hash };
          } catch (error) {
            refused.set(waiting, error);
          }
        }
        return out;
      });
      written.forEach((waiting, i) => waiting.resolve(records[i]!));
      for (const [waiting, error] of refused) waiting.reject(error);
    } catch (error) {
      for (const waiting of batch) waiting.reject(refused.get(waiting) ?? error);
    }
  }
}
