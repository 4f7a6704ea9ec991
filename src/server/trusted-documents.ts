import type { ApolloServerPlugin } from '@apollo/server';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError, HubError } from '../errors';
import type { HubContext } from '../app/context';

/**
 * Trusted documents (for production dashboards): only operations registered in a file may run, sent
 * either as full text or as Apollo's persisted-query hash alone. The file maps sha256(query text) → text
 * (`{ "<sha256>": "query …" }`); a hash that does not match its text is refused at start.
 */
export class TrustedDocuments {
  private constructor(private readonly byHash: ReadonlyMap<string, string>) {}

  static load(file: string): TrustedDocuments {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(
        `Trusted documents file ${file} cannot be read as JSON: ${(error as Error).message.split('\n')[0]}`,
      );
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new ConfigError(`Trusted documents file ${file}: expected an object { "<sha256>": "<query>" }`);
    const byHash = new Map<string, string>();
    for (const [hash, text] of Object.entries(parsed)) {
      if (typeof text !== 'string' || sha256(text) !== hash) {
        throw new ConfigError(
          `Trusted documents file ${file}: the entry ${hash.slice(0, 12)}… is not the sha256 of its text.`,
        );
      }
      byHash.set(hash, text);
    }
    return new TrustedDocuments(byHash);
  }

  get size(): number {
    return this.byHash.size;
  }

  /** Apollo's persisted-query cache, read-only: hashes resolve to registered texts, nothing new is stored. */
  cache() {
    return {
      get: async (key: string) => this.byHash.get(key.replace(/^apq:/, '')),
      set: async () => undefined,
      delete: async () => false,
    };
  }

  /** Refuses any operation whose text is not registered, before it executes. */
  plugin(): ApolloServerPlugin<HubContext> {
    const byHash = this.byHash;
    return {
      async requestDidStart() {
        return {
          async didResolveOperation({ request, source }) {
            const text = source ?? request.query ?? '';
            if (!byHash.has(sha256(text))) {
              throw new HubError(
                'FORBIDDEN',
                'Only registered operations may run here (trusted documents): register this query with the hub operators.',
                {
                  reason: 'UNTRUSTED_DOCUMENT',
                  // Thrown before execution: without a status Apollo would answer 500 (see limits/strings.ts).
                  http: { status: 403 },
                },
              );
            }
          },
        };
      },
    };
  }
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
