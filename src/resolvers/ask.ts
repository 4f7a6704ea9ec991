import type { QueryIndicatorValuesArgs, QueryResolvers } from '../generated/graphql';
import type { HubContext } from '../app/context';
import { badInput, HubError } from '../errors';
import { estimateOutput } from '../engine/estimate';
import { organisationDimension } from '../model/member-dimension';
import {
  answerSentence,
  checkQuestion,
  interpret,
  isIsoDate,
  languageOf,
  Lexicon,
  memberRows,
  notYetComputable,
  valuesArgsOf,
  type Candidate,
  type Interpretation,
  type Language,
  type MemberRows,
  type Reading,
} from '../questions';
import { indicatorTable } from './indicators';
import { personalFactsOf } from '../auth/personal-data';
import { valuesRequestOf } from './values-request';
import type { Dictionary } from '../indicators/dictionary';

type Table = Awaited<ReturnType<typeof indicatorTable>>;

interface AskParent {
  question: string;
  language: 'ZH' | 'EN';
  status: 'ANSWERED' | 'NEEDS_CHOICE' | 'NOT_UNDERSTOOD' | 'REFUSED' | 'NOT_YET_COMPUTABLE';
  interpretation: ReturnType<typeof interpretationOut> | null;
  request: ReturnType<typeof requestOut> | null;
  table: Table | null;
  compared: Table | null;
  refusal: HubError | null;
  answer: string | null;
  candidates: Candidate[];
  reason: string | null;
  refusalCode: string | null;
  targets: Array<{ period: string; member: string | null; code: string; target: string }>;
}

/** A lexicon without members per published dictionary: the first reading, before any statement. */
const bare = new WeakMap<Dictionary, Lexicon>();

/**
 * `ask`: the question checked (a coded refusal, before anything runs), read first against the dictionary
 * alone — nothing recognisable means "not understood" without a statement — then with the members the viewer
 * may see; an understood question is computed by indicatorValues' own function (indicatorTable) with the
 * interpretation's arguments, so permissions, scopes, masks, suppression and the audit record are the same.
 */
export const askQueries: Pick<QueryResolvers, 'ask'> = {
  ask: async (_p, args, ctx) => {
    ctx.audit.question(args.question);
    checkQuestion(args.question);
    const today = args.today ?? new Date().toISOString().slice(0, 10);
    if (!isIsoDate(today))
      throw badInput(`"today" must be an ISO date (YYYY-MM-DD), received "${today.slice(0, 40)}".`, {
        argument: 'today',
      });
    const language: Language = args.language ? (args.language.toLowerCase() as Language) : languageOf(args.question);
    const options = { today, calendar: ctx.runtime.config.calendar, language };
    const model = ctx.runtime.model;
    let lexicon = bare.get(ctx.dictionary);
    if (!lexicon) bare.set(ctx.dictionary, (lexicon = new Lexicon(ctx.dictionary, model, new Map())));
    const first = interpret(args.question, lexicon, options);
    // No indicator in the dictionary's own words: members cannot add one, so nothing is read from a source.
    if (first.status !== 'understood' && (first.interpretation?.indicators.length ?? 0) === 0)
      return out(args.question, language, first);
    const rows = await memberRows(ctx);
    const reading = interpret(args.question, new Lexicon(ctx.dictionary, model, rows), options);
    if (reading.status !== 'understood') return out(args.question, language, reading);
    const it = reading.interpretation;
    const pending = notYetComputable(it, language, true);
    if (pending) return { ...out(args.question, language, reading), status: 'NOT_YET_COMPUTABLE', reason: pending };
    const valuesArgs = valuesArgsOf(it);
    const request: QueryIndicatorValuesArgs = {
      codes: valuesArgs.codes,
      from: valuesArgs.from,
      to: valuesArgs.to,
      grain: valuesArgs.grain,
      by: valuesArgs.by as never,
      filters: valuesArgs.filters,
      rollup: false,
      ...(valuesArgs.top
        ? {
            top: {
              indicator: valuesArgs.top.indicator,
              n: valuesArgs.top.n,
              direction: valuesArgs.top.direction,
              ...(valuesArgs.top.per ? { per: valuesArgs.top.per as never } : {}),
            },
          }
        : {}),
    };
    let table: Table;
    let compared: Table | null = null;
    try {
      const max = ctx.runtime.config.limits.maxResponseCells;
      const estimate = estimateOutput(ctx, valuesRequestOf(ctx, request));
      if (estimate.cells > max)
        throw new HubError(
          'RESPONSE_TOO_LARGE',
          `This question would return about ${estimate.cells} cells (at most ${max}): narrow the period, add a member or a ranking.`,
          { cells: estimate.cells, max },
        );
      table = await indicatorTable(ctx, request);
      // A comparison without a period-over-period indicator: the same request over the compared period.
      const c = it.comparison;
      if (c && c.from && c.to) compared = await indicatorTable(ctx, { ...request, from: c.from, to: c.to });
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      return {
        ...out(args.question, language, reading),
        status: 'REFUSED',
        refusal: error,
        reason: error.message,
        refusalCode: String(error.extensions.code),
      };
    }
    const answerRows = await Promise.all(table.rows as unknown as Array<Promise<Awaited<Table['rows'][number]>>>);
    const named = answerRows.map((r) => ({
      period: r.period,
      members: r.members.map((m) => nameOf(rows, m as { id: string; entity: string | null })),
      ids: r.members.map((m) => (m as { id: string }).id),
      cells: r.cells.map((c) => ({
        code: c.code,
        value: (c.value as string | null) ?? null,
        reason: c.reason ?? null,
      })),
    }));
    // Personal data the roles may not use: the engine's ordinary answer is a null "not permitted" cell.
    const policy = ctx.runtime.policy;
    const personal = policy.mayUsePersonalData(ctx.viewer.roles)
      ? []
      : it.indicators.filter((c) => personalFactsOf(ctx.dictionary, c, policy).length > 0);
    if (personal.length) {
      const cell = named.flatMap((r) => r.cells).find((c) => personal.includes(c.code) && c.value === null);
      return {
        ...out(args.question, language, reading),
        status: 'REFUSED',
        table,
        reason: cell?.reason ?? null,
        refusalCode: 'FORBIDDEN',
      };
    }
    const targets = it.comparison?.kind === 'target' ? targetsOf(ctx, it, named) : [];
    const dict = ctx.dictionary;
    const answer = answerSentence(language, it, named, {
      nameOf: (code) => {
        const d = dict.get(code)?.def;
        return d ? (language === 'zh' ? d.name.zh : d.name.en) : code;
      },
      unitOf: (code) => {
        const u = dict.get(code)?.def.unit ?? '';
        return u === 'percent' ? '%' : u === 'count' ? '' : u;
      },
      targets: new Map(targets.filter((t) => t.member === null).map((t) => [`${t.period}|`, t.target])),
      compared: compared ? await comparedValue(compared, it.indicators[0]!) : undefined,
    });
    return { ...out(args.question, language, reading), status: 'ANSWERED', table, compared, answer, targets };
  },
};

export const AskAnswerType = {
  values: (parent: AskParent) => {
    if (parent.refusal) throw parent.refusal;
    return parent.table;
  },
};

function out(question: string, language: Language, reading: Reading): AskParent {
  const it = reading.interpretation;
  return {
    question,
    language: language === 'zh' ? 'ZH' : 'EN',
    status:
      reading.status === 'understood' ? 'ANSWERED' : reading.status === 'ambiguous' ? 'NEEDS_CHOICE' : 'NOT_UNDERSTOOD',
    interpretation: it ? interpretationOut(it) : null,
    request: it && reading.status === 'understood' ? requestOut(it) : null,
    table: null,
    compared: null,
    refusal: null,
    answer: null,
    candidates: reading.status === 'understood' ? [] : reading.candidates,
    reason: reading.status === 'understood' ? null : reading.reason,
    refusalCode: null,
    targets: [],
  };
}

function interpretationOut(it: Interpretation) {
  return { ...it, ranking: it.ranking ? { ...it.ranking } : null };
}

function requestOut(it: Interpretation) {
  const a = valuesArgsOf(it);
  return { ...a };
}

function nameOf(rows: MemberRows, member: { id: string; entity: string | null }): string {
  if (!member.entity) return member.id;
  return rows.get(member.entity)?.find((r) => r.id === member.id)?.name ?? member.id;
}

/** The dictionary's targets (targets/*.yaml) of the first indicator for each row's period and organisation unit. */
function targetsOf(
  ctx: HubContext,
  it: Interpretation,
  rows: Array<{ period: string; ids: string[] }>,
): AskParent['targets'] {
  const code = it.indicators[0]!;
  const org = organisationDimension(ctx.runtime.model);
  const orgAt = it.by.indexOf(org ?? '');
  const out: AskParent['targets'] = [];
  for (const r of rows) {
    const member = orgAt >= 0 ? (r.ids[orgAt] ?? null) : null;
    const t = ctx.runtime.targets.get(code, r.period, member);
    if (t !== undefined) out.push({ period: r.period, member, code, target: t.toFixed(2) });
  }
  return out;
}

/** The first indicator's value in a one-row compared table (what the sentence compares with). */
async function comparedValue(table: Table, code: string): Promise<string | null | undefined> {
  const rows = await Promise.all(table.rows as unknown as Array<Promise<Awaited<Table['rows'][number]>>>);
  if (rows.length !== 1) return undefined;
  const cell = rows[0]!.cells.find((c) => c.code === code);
  return (cell?.value as string | null | undefined) ?? null;
}
