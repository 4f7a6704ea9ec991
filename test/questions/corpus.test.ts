import type { HubRuntime } from '../../src/app/runtime';
import { createContext } from '../../src/app/create-context';
import { resolveViewer } from '../../src/auth/principal';
import { interpret, Lexicon, memberRows, type Reading, type Segmenter } from '../../src/questions';
import { DEFAULT_SPLIT, splitChinook } from '../support/chinook';
import { startChinookHub, type ChinookHub } from '../support/chinook-hub';
import { ALL_EMBEDDED } from '../support/engines';
import { startTestHub, type TestHub } from '../support/hub-client';
import { CORPUS, type CorpusQuestion, type Expected } from './corpus';

/**
 * The question corpus (test/questions/corpus.ts): every question read by the interpreter against each
 * company's lexicon — its published dictionary, model and the members a dashboard service may see, read
 * through the running hubs — with both segmenters, and compared with the interpretation written by hand.
 * Prints the share read exactly per language and kind (the README quotes it); out-of-scope questions are
 * also asked over HTTP as the role that may not see them and must come back REFUSED.
 */
const CLOCK = { demo: '2025-11-15', chinook: '2025-06-15' } as const;
let demoHub: TestHub;
let chinookHub: ChinookHub;
const lexicons = new Map<string, { lexicon: Lexicon; runtime: HubRuntime }>();

async function lexiconOf(runtime: HubRuntime): Promise<{ lexicon: Lexicon; runtime: HubRuntime }> {
  const viewer = await resolveViewer(
    { kind: 'service', keyId: 'corpus', roles: ['dashboard_service'] },
    runtime.policy,
    runtime.org,
    '2025-06-15',
  );
  const rows = await memberRows(createContext(runtime, viewer));
  return { lexicon: new Lexicon(runtime.dictionary, runtime.model, rows), runtime };
}

beforeAll(async () => {
  demoHub = await startTestHub(ALL_EMBEDDED);
  const split = await splitChinook(DEFAULT_SPLIT, 'chinook_ask');
  chinookHub = await startChinookHub(split, 'chinook_ask_hub');
  lexicons.set('demo', await lexiconOf(demoHub.runtime));
  lexicons.set('chinook', await lexiconOf(chinookHub.runtime));
}, 300_000);

afterAll(async () => {
  await demoHub?.dispose();
  await chinookHub?.dispose();
});

function read(q: CorpusQuestion, segmenter: Segmenter): Reading {
  const { lexicon, runtime } = lexicons.get(q.company)!;
  return interpret(q.question, lexicon, { today: CLOCK[q.company], calendar: runtime.config.calendar, segmenter });
}

/** What differs between a reading and the expected interpretation; empty when read exactly. */
function differences(reading: Reading, e: Expected): string[] {
  const out: string[] = [];
  if (reading.status !== e.status) out.push(`status ${reading.status} (${'reason' in reading ? reading.reason : ''})`);
  if (e.status === 'ambiguous' && e.candidate) {
    const values = 'candidates' in reading ? reading.candidates.map((c) => c.value) : [];
    if (!values.includes(e.candidate)) out.push(`candidates ${values.join(',')} lack ${e.candidate}`);
  }
  if (e.status === 'not_understood' && 'candidates' in reading && reading.candidates.length === 0)
    out.push('no suggestions');
  if (e.status !== 'understood' || reading.status !== 'understood') return out;
  const it = reading.interpretation;
  const got = {
    indicators: it.indicators,
    from: it.period.from,
    to: it.period.to,
    grain: it.grain,
    by: it.by,
    filters: it.filters.map((f) => [f.path, f.name]),
    comparison: it.comparison?.kind ?? null,
    ranking: it.ranking ? [it.ranking.dimension, it.ranking.n, it.ranking.direction, it.ranking.per] : null,
    threshold: it.threshold ? [it.threshold.indicator, it.threshold.above] : null,
  };
  const want = {
    indicators: e.indicators,
    from: e.from,
    to: e.to,
    grain: e.grain,
    by: e.by ?? [],
    filters: e.filters ?? [],
    comparison: e.comparison ?? null,
    ranking: e.ranking ?? null,
    threshold: e.threshold ?? null,
  };
  for (const key of Object.keys(want) as Array<keyof typeof want>) {
    if (JSON.stringify(got[key]) !== JSON.stringify(want[key]))
      out.push(`${key}: got ${JSON.stringify(got[key])}, expected ${JSON.stringify(want[key])}`);
  }
  if (it.unrecognized.length) out.push(`unrecognized ${it.unrecognized.join(',')}`);
  return out;
}

function shares(segmenter: Segmenter) {
  const results = CORPUS.map((q) => ({ q, diff: differences(read(q, segmenter), q.expect) }));
  const groups = new Map<string, { exact: number; total: number }>();
  for (const { q, diff } of results) {
    for (const key of [`${q.language} all`, `${q.language} ${q.kind}`, `all ${q.kind}`, 'all all']) {
      const g = groups.get(key) ?? { exact: 0, total: 0 };
      g.total++;
      if (diff.length === 0) g.exact++;
      groups.set(key, g);
    }
  }
  return { results, groups };
}

const pct = (g: { exact: number; total: number }) =>
  `${g.exact}/${g.total} (${Math.round((100 * g.exact) / g.total)}%)`;

describe('the question corpus', () => {
  it('has at least 100 questions, about half of them Chinese, over both companies, every kind', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(100);
    const zh = CORPUS.filter((q) => q.language === 'zh').length;
    expect(Math.abs(zh - (CORPUS.length - zh))).toBeLessThanOrEqual(CORPUS.length * 0.1);
    expect(new Set(CORPUS.map((q) => q.company))).toEqual(new Set(['demo', 'chinook']));
    expect(new Set(CORPUS.map((q) => q.kind)).size).toBe(8);
  });

  it('is read exactly for most questions; the share per language and kind, longest match vs jieba', () => {
    const longest = shares('longest');
    const jieba = shares('jieba');
    const kinds = [...new Set(CORPUS.map((q) => q.kind))];
    const lines = [
      '| kind | zh (longest match) | en (longest match) | zh (jieba) | en (jieba) |',
      '|---|---|---|---|---|',
    ];
    for (const k of [...kinds, 'all']) {
      const cell = (s: ReturnType<typeof shares>, lang: string) => {
        const g = s.groups.get(`${lang} ${k}`);
        return g ? pct(g) : '–';
      };
      lines.push(
        `| ${k} | ${cell(longest, 'zh')} | ${cell(longest, 'en')} | ${cell(jieba, 'zh')} | ${cell(jieba, 'en')} |`,
      );
    }
    const misses = (s: ReturnType<typeof shares>, name: string) =>
      s.results
        .filter((r) => r.diff.length)
        .map((r) => `  [${name}] ${r.q.company} ${r.q.language} "${r.q.question}": ${r.diff.join('; ')}`);
    process.stdout.write(
      `${[
        'Questions read exactly (test/questions/corpus.ts):',
        ...lines,
        `overall: longest match ${pct(longest.groups.get('all all')!)}, jieba ${pct(jieba.groups.get('all all')!)}`,
        ...misses(longest, 'longest'),
        ...misses(jieba, 'jieba'),
      ].join('\n')}\n`,
    );
    const overall = longest.groups.get('all all')!;
    expect(overall.exact / overall.total).toBeGreaterThanOrEqual(0.9);
    // The segmenter ask uses is the better one on this corpus.
    expect(overall.exact).toBeGreaterThanOrEqual(jieba.groups.get('all all')!.exact);
  });

  const outOfScope = CORPUS.filter((q) => q.expect.refusedFor);
  for (const q of outOfScope) {
    it(`out of scope over HTTP: "${q.question}" is REFUSED for ${q.expect.refusedFor}, answered for the executive`, async () => {
      const ASK = `query($q: String!, $t: String) { ask(question: $q, today: $t) { status refusalCode reason } }`;
      const refused = await demoHub.query<{ ask: { status: string; refusalCode: string | null } }>(
        ASK,
        { q: q.question, t: CLOCK.demo },
        q.expect.refusedFor!,
      );
      expect(refused.data!.ask).toMatchObject({ status: 'REFUSED', refusalCode: 'FORBIDDEN' });
      const answered = await demoHub.query<{ ask: { status: string } }>(ASK, { q: q.question, t: CLOCK.demo });
      expect(answered.data!.ask.status).toBe('ANSWERED');
    });
  }
});
