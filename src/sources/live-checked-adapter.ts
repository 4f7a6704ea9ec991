import { HubError } from '../errors';
import { logger } from '../logger';
import type {
  AggregateQuery,
  CallContext,
  CountQuery,
  FetchQuery,
  KeyPairQuery,
  SourceAdapter,
  SourceHealth,
} from './contract';

/**
 * A source whose live catalog could not be read at start (it was unreachable: a fault, not a model error,
 * so the hub starts without it). Its mapping is checked against the live catalog on the first call after
 * it answers again: until then calls go through (and fail as the source's faults do); once checked and
 * matching, it is an ordinary source; if it does not match the model, the problems are logged (file,
 * path, problem) and every call is refused as SOURCE_UNAVAILABLE until the hub restarts with a fixed model.
 */
export class LiveCheckedAdapter implements SourceAdapter {
  private refused: readonly string[] | undefined;
  private checked = false;
  private checking: Promise<void> | undefined;

  constructor(
    private readonly inner: SourceAdapter,
    /** Reads the live catalog and returns the mapping's problems; throws while the source is unreachable. */
    private readonly check: () => Promise<string[]>,
  ) {}

  get name() {
    return this.inner.name;
  }
  get catalog() {
    return this.inner.catalog;
  }

  async health(): Promise<SourceHealth> {
    const health = await this.inner.health();
    if (health.ok) await this.ensureChecked();
    return this.refused
      ? { ...health, ok: false, message: 'mapping does not match the live catalog (see the hub log)' }
      : health;
  }

  async fetch(query: FetchQuery, call: CallContext) {
    await this.gate();
    return this.inner.fetch(query, call);
  }

  async aggregate(query: AggregateQuery, call: CallContext) {
    await this.gate();
    return this.inner.aggregate(query, call);
  }

  async keyPairs(query: KeyPairQuery, call: CallContext) {
    await this.gate();
    return this.inner.keyPairs(query, call);
  }

  async count(query: CountQuery, call: CallContext) {
    await this.gate();
    return this.inner.count(query, call);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async gate(): Promise<void> {
    await this.ensureChecked();
    if (this.refused) {
      throw new HubError(
        'SOURCE_UNAVAILABLE',
        `Source "${this.name}" does not match the model and is not asked; fields from other sources are unaffected.`,
        { source: this.name },
      );
    }
  }

  private ensureChecked(): Promise<void> {
    if (this.checked) return Promise.resolve();
    this.checking ??= this.check().then(
      (problems) => {
        this.checked = true;
        if (problems.length === 0) {
          logger.info({ source: this.name }, 'source answered again: its mapping matches the live catalog');
          return;
        }
        this.refused = problems;
        logger.error(
          { source: this.name, problems },
          'source answered again but its mapping does not match the live catalog: it stays unavailable until the model is fixed and the hub restarted',
        );
      },
      () => {
        // Still unreachable: the call goes on and fails as the source's faults do; the next one checks again.
        this.checking = undefined;
      },
    );
    return this.checking;
  }
}
