import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { canonicalJson } from './record';

/**
 * A signed checkpoint of the audit chain's head, kept outside the store: whoever later deletes the newest
 * records or recomputes the chain from some point cannot produce a chain that still holds this seq with
 * this hash. Signed with Ed25519 over canonicalJson({ at, hash, keyId, seq }); `keyId` names the public key.
 */
export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  /** base64 Ed25519 signature. */
  signature: string;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function signCheckpoint(head: { seq: number; hash: string }, privateKey: KeyObject, at: Date): Checkpoint {
  const keyId = keyIdOf(createPublicKey(privateKey));
  const body = { seq: head.seq, hash: head.hash, at: at.toISOString(), keyId };
  return { ...body, signature: sign(null, Buffer.from(canonicalJson(body)), privateKey).toString('base64') };
}

/** Whether the checkpoint was signed by the private half of `publicKey` and not altered since. */
export function checkpointValid(cp: Checkpoint, publicKey: KeyObject): boolean {
  if (cp.keyId !== keyIdOf(publicKey)) return false;
  const body = { seq: cp.seq, hash: cp.hash, at: cp.at, keyId: cp.keyId };
  try {
    return verify(null, Buffer.from(canonicalJson(body)), publicKey, Buffer.from(cp.signature, 'base64'));
  } catch {
    return false;
  }
}

export async function loadPrivateKey(file: string): Promise<KeyObject> {
  const key = createPrivateKey(await readFile(file));
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(
      `${file}: the anchor key must be an Ed25519 private key (got ${key.asymmetricKeyType ?? 'unknown'})`,
    );
  return key;
}

/** Appends one checkpoint as a JSON line and syncs it to disk before resolving. */
export async function appendCheckpoint(file: string, cp: Checkpoint): Promise<void> {
  const handle = await open(file, 'a', 0o600);
  try {
    await handle.write(`${JSON.stringify(cp)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The checkpoints of a sink file, oldest first (a torn last line is skipped). */
export async function readCheckpoints(file: string): Promise<Checkpoint[]> {
  const text = await readFile(file, 'utf8');
  const out: Checkpoint[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as Checkpoint);
    } catch {
      // a line cut by a crash while it was written
    }
  }
  return out;
}
