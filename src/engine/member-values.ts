import { HubError } from '../errors';
import { Dictionary, indicatorOf, type Indicator } from '../indicators/dictionary';
import type { IndicatorDefinition } from '../indicators/definition';
import type { MemberValue, ValueKey } from '../loaders';
import type { CompanyModel } from '../model/entities';
import type { EngineContext } from './context';
import { checkValues, computeValues } from './index';
import { FIGURE_VERSION, type ValuesRequest } from './request';
import { bucketOf } from '../values/buckets';
import type { CalendarOptions, Period } from '../values/period';

/**
 * A figure is an indicator over one measure. Each figure of an entity file (`figures:`) is computed as an
 * implicit simple indicator — code `figure:<Entity>.<name>`, its measure, cut by the figure's dimension —
 * added to the request's dictionary for the computation and never published in it. Figures therefore
 * take the engine's one path: one statement per (source, fact) with every indicator of the request, the
 * result cache and the request's statement memo, one null/zero rule (null: no counterpart in the source
 * or not in the viewer's scope; zero: a sum or count without rows; null for an average, minimum or
 * maximum without rows — the README's rule, which both paths already shared), and the one disclosure check
 * for personal data.
 *
 * `memberValues` answers one group of the request's values loader (src/loaders/values-loader.ts): every
 * figure and `<Entity>.indicators` code asked for members of one dimension in one period, in one
 * computeValues. A code the engine refuses (unknown, a cut it does not allow) fails only its own keys.
 */
export async function memberValues(ctx: EngineContext, keys: readonly ValueKey[]): Promise<Array<MemberValue | Error>> {
  const { dimension } = keys[0]!;
  const period = asBucket(keys[0]!.period, ctx.runtime.config.calendar);
  const figures = new Map<string, Indicator>();
  for (const key of keys) {
    if (!key.figure) continue;
    const code = figureCode(key.figure);
    if (!figures.has(code)) figures.set(code, figureIndicator(ctx.runtime.model, key.figure, dimension));
  }
  const dict = figures.size ? new Dictionary([...ctx.dictionary.all(), ...figures.values()]) : ctx.dictionary;
  const members = [...new Set(keys.map((k) => k.member))];
  const request: ValuesRequest = {
    codes: [],
    buckets: [period],
    grain: period.grain,
    groupBy: [{ dimension }],
    filters: [{ dimension, ids: members }],
    rollup: false,
    members,
  };
  const codes = [...new Set(keys.map(codeOf))];
  const refused = new Map<string, HubError>();
  for (const code of codes) {
    try {
      checkValues(ctx, dict, { ...request, codes: [code] });
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      refused.set(code, error);
    }
  }
  const accepted = codes.filter((c) => !refused.has(c));
  const table = accepted.length ? await computeValues(ctx, dict, { ...request, codes: accepted }) : undefined;
  return keys.map((key) => {
    const code = codeOf(key);
    const refusal = refused.get(code);
    if (refusal) return refusal;
    const value = table!.exact(code, period.label, key.member);
    // A suppressed figure names its member, as a cell names its row.
    if (key.figure && value.value === null && value.error?.extensions.code === 'SUPPRESSED') {
      return {
        ...value,
        error: new HubError(
          'SUPPRESSED',
          `${key.figure.entity} ${key.member}: ${value.reason}`,
          value.error.extensions,
        ),
      };
    }
    return value;
  });
}

/** The period as the engine labels it at its grain ("FY2025" is the bucket "2025" when the fiscal year
 *  starts in January): the statement's buckets carry these labels. */
function asBucket(period: Period, calendar: CalendarOptions): Period {
  if (period.grain === 'all') return period;
  const bucket = bucketOf(period.from, period.grain, calendar);
  return bucket.from === period.from && bucket.to === period.to ? bucket : period;
}

const figureCode = (figure: { entity: string; name: string }) => `figure:${figure.entity}.${figure.name}`;
const codeOf = (key: ValueKey) => (key.figure ? figureCode(key.figure) : key.indicator);

/** The implicit simple indicator of a figure (see memberValues): what the engine needs of a definition. */
function figureIndicator(model: CompanyModel, figure: { entity: string; name: string }, dimension: string): Indicator {
  const f = model.entities[figure.entity]?.figures[figure.name];
  if (!f) throw new Error(`Unknown figure ${figure.entity}.${figure.name}`);
  const def: IndicatorDefinition = {
    code: figureCode(figure),
    name: { zh: figure.name, en: figure.name },
    synonyms: [],
    definition: f.description ?? `${figure.entity}.${figure.name}: ${f.source}.${f.fact}.${f.measure}`,
    owner: { person: '' },
    domain: 'figure',
    unit: 'figure',
    format: 'decimal',
    direction: 'neutral',
    dimensions: [dimension],
    additivity: 'additive',
    tags: [],
    alerts: [],
    type: 'simple',
    measure: { source: f.source, fact: f.fact, measure: f.measure },
  };
  return indicatorOf(def, {
    file: `figure ${figure.entity}.${figure.name}`,
    version: FIGURE_VERSION,
    versionNumber: null,
    status: 'published',
  });
}
