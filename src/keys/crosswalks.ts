import { Counter } from 'prom-client';
import { logger } from '../logger';
import { crosswalkRule } from '../model/crosswalk';
import type { CompanyModel, EntityName } from '../model/entities';
import { ModelError } from '../model/load';
import { registry } from '../observability/metrics';
import { hubStatements } from '../observability/trace';
import type { KeyPair, SourceAdapter, StatementSink } from '../sources/contract';
import type { HubStore, KeyMapRow } from '../store/hub-store';
import { pairConflicts } from './crosswalk-conflicts';
import { readsSource, rulePairs } from './crosswalk-rules';
import { KeyMap } from './keymap';

const refreshes = new Counter({
  name: 'hub_crosswalk_refresh_total',
  help: 'Key map builds from the crosswalks: ok, conflict (old map kept), partial (a source did not answer; its last pairs kept)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export interface CrosswalkOptions {
  /** Rebuild every N seconds (0 = never). */
  refreshSeconds: number;
  /** At most one rebuild per N seconds triggered by a lookup the map cannot answer (0 = never). */
  missRefreshSeconds: number;
}

interface Built {
  map: KeyMap | undefined;
  problems: string[];
  failed: string[];
}

/**
 * The hub's key map, built from the model's crosswalks: one statement per rule through its source's adapter
 * (SourceAdapter.keyPairs) plus the loaded pairs in the hub's store. Rebuilt on an interval and (throttled)
 * when a lookup misses; a rebuild makes a whole new map and swaps it in one assignment, so a request sees the
 * old map or the new one. A rebuild that finds a duplicate keeps the old map (logged, counted); a source that
 * does not answer keeps its rules' last pairs.
 */
export class Crosswalks {
  private current: KeyMap = new KeyMap([]);
  private readonly last = new Map<string, KeyPair[]>();
  private running: Promise<boolean> | undefined;
  private lastMiss = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly model: CompanyModel,
    private readonly adapterOf: (source: string) => SourceAdapter,
    private readonly store: HubStore,
    private readonly options: CrosswalkOptions,
    /** Where the rules' statements are recorded: the hub's own by default (counted in /metrics). */
    private readonly trace: StatementSink = hubStatements,
  ) {}

  get keyMap(): KeyMap {
    return this.current;
  }

  /** The first build: a duplicate refuses the start (ModelError, every problem named). Rules reading an
   *  `unreachable` source start empty; a refresh reads them once the source answers. */
  async start(unreachable: readonly string[] = []): Promise<void> {
    const built = await this.build(unreachable);
    if (!built.map) throw new ModelError(this.model.dir, built.problems);
    this.current = built.map;
    logger.info({ keys: built.map.size, unanswered: built.failed }, 'key map built from the crosswalks');
    if (this.options.refreshSeconds > 0) {
      this.timer = setInterval(() => void this.refresh(), this.options.refreshSeconds * 1000);
      this.timer.unref();
    }
  }

  /** Rebuilds and swaps; false when the old map was kept. One rebuild at a time. */
  refresh(): Promise<boolean> {
    this.running ??= this.build()
      .then((built) => {
        if (!built.map) {
          refreshes.inc({ outcome: 'conflict' });
          logger.warn({ problems: built.problems }, 'crosswalk refresh found duplicates: the previous key map is kept');
          return false;
        }
        this.current = built.map;
        refreshes.inc({ outcome: built.failed.length ? 'partial' : 'ok' });
        return true;
      })
      .catch((error: unknown) => {
        refreshes.inc({ outcome: 'error' });
        logger.warn({ err: error }, 'crosswalk refresh failed: the previous key map is kept');
        return false;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** A lookup found no pair (a person logging in whom the map does not know yet): a throttled refresh. */
  noticeMiss(): void {
    this.onMiss();
  }

  private onMiss = (): void => {
    const every = this.options.missRefreshSeconds * 1000;
    if (every <= 0 || this.running || Date.now() - this.lastMiss < every) return;
    this.lastMiss = Date.now();
    void this.refresh();
  };

  /** Every conformed entity × source of the model, with its crosswalk file when one is declared. */
  private rules(): Array<{ entity: EntityName; source: string; file: string | undefined }> {
    return Object.values(this.model.entities)
      .filter((e) => e.conformed)
      .flatMap((e) =>
        Object.keys(this.model.sources).map((source) => ({
          entity: e.name,
          source,
          file: this.model.crosswalks?.[e.name]?.file,
        })),
      );
  }

  private async build(unreachable: readonly string[] = []): Promise<Built> {
    const rows: KeyMapRow[] = [];
    const identity = new Set<string>();
    const problems: string[] = [];
    const failed: string[] = [];
    const unknown = new Set<string>();
    let stored: KeyMapRow[] | undefined;
    for (const { entity, source, file } of this.rules()) {
      const rule = crosswalkRule(this.model.crosswalks, entity, source);
      const id = `${entity}|${source}`;
      if (rule.kind === 'same') identity.add(id);
      let pairs: KeyPair[];
      if (rule.kind === 'loaded') {
        stored ??= await this.store.keyMap();
        pairs = stored.filter((r) => r.entity === entity && r.source === source);
      } else if (unreachable.includes(readsSource(this.model, entity, source, rule) ?? '')) {
        failed.push(id);
        pairs = this.last.get(id) ?? [];
      } else {
        try {
          pairs = await rulePairs(this.model, entity, source, rule, this.adapterOf, this.trace);
          this.last.set(id, pairs);
        } catch (error) {
          failed.push(id);
          logger.warn({ entity, source, err: error }, 'crosswalk rule could not be read: its last pairs are kept');
          pairs = this.last.get(id) ?? [];
        }
      }
      if (failed.includes(id) && !this.last.has(id)) unknown.add(id);
      problems.push(...pairConflicts(pairs).map((p) => `${file ?? entity}: sources.${source}: ${p}`));
      for (const p of pairs) rows.push({ entity, source, sourceKey: p.sourceKey, hubId: p.hubId });
    }
    if (problems.length) return { map: undefined, problems, failed };
    return { map: new KeyMap(dedupe(rows), identity, this.onMiss, unknown), problems, failed };
  }
}

function dedupe(rows: readonly KeyMapRow[]): KeyMapRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = `${r.entity}|${r.source}|${r.sourceKey}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
