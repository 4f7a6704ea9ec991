import type { GraphQLError } from '../api';
import { chart, num } from '../charts';
import { button, clear, el, message } from '../dom';
import { renderTable, type Column, type TableSpec } from '../table';
import { askToday, type Session } from '../session';

const TABLE = `grain by periods { label } indicators { code nameZh nameEn unit }
  rows { period members { id name } cells { code value reason } }
  series { code members { id name } points { period value reason } }`;

/** One query: what the hub understood, the answer, the table and what to choose when unsure. */
export const ASK = `query Ask($question: String!, $today: String) {
  ask(question: $question, today: $today) {
    question language status answer reason refusalCode
    interpretation {
      indicators grain by unrecognized
      period { from to text relative assumed }
      filters { dimension name path text }
      comparison { kind indicators from to text }
      ranking { indicator n direction dimension per text }
      threshold { indicator above below rule text }
      phrases { text kind meaning }
    }
    request { codes from to grain by filters { dimension ids } top { indicator n direction per } }
    candidates { kind value label dimension score }
    targets { period member code target }
    values { ${TABLE} }
    compared { ${TABLE} }
  }
}`;

interface Table {
  grain: string;
  by: string[];
  periods: Array<{ label: string }>;
  indicators: Array<{ code: string; nameZh: string; nameEn: string; unit: string }>;
  rows: Array<{
    period: string;
    members: Array<{ id: string; name: string | null }>;
    cells: Array<{ code: string; value: string | null; reason: string | null }>;
  }>;
  series: Array<{
    code: string;
    members: Array<{ id: string; name: string | null }>;
    points: Array<{ period: string; value: string | null; reason: string | null }>;
  }>;
}

interface Answer {
  question: string;
  language: 'ZH' | 'EN';
  status: 'ANSWERED' | 'NEEDS_CHOICE' | 'NOT_UNDERSTOOD' | 'REFUSED' | 'NOT_YET_COMPUTABLE';
  answer: string | null;
  reason: string | null;
  refusalCode: string | null;
  interpretation: {
    indicators: string[];
    grain: string;
    by: string[];
    unrecognized: string[];
    period: { from: string; to: string; text: string; relative: boolean; assumed: boolean };
    filters: Array<{ dimension: string; name: string; path: string; text: string }>;
    comparison: { kind: string; indicators: string[]; from: string | null; to: string | null; text: string } | null;
    ranking: {
      indicator: string;
      n: number;
      direction: string;
      dimension: string;
      per: string | null;
      text: string;
    } | null;
    threshold: { indicator: string; above: number | null; below: number | null; rule: string; text: string } | null;
    phrases: Array<{ text: string; kind: string; meaning: string }>;
  } | null;
  request: {
    codes: string[];
    from: string;
    to: string;
    grain: string;
    by: string[];
    filters: Array<{ dimension: string; ids: string[] }>;
    top: { indicator: string; n: number; direction: string; per: string | null } | null;
  } | null;
  candidates: Array<{ kind: string; value: string; label: string; dimension: string | null; score: number }>;
  targets: Array<{ period: string; member: string | null; code: string; target: string }>;
  values: Table | null;
  compared: Table | null;
}

const STATUS_TEXT: Record<Answer['status'], string> = {
  ANSWERED: '已回答 Answered',
  NEEDS_CHOICE: '请选择 Needs a choice',
  NOT_UNDERSTOOD: '未理解 Not understood',
  REFUSED: '已拒绝 Refused',
  NOT_YET_COMPUTABLE: '暂不能计算 Not yet computable',
};

/** The ask box in the header: a question typed there opens the ask screen with its answer. */
export function askBox(session: Session): HTMLFormElement {
  const input = el('input', {
    id: 'ask-input',
    type: 'search',
    placeholder: '问一个问题 · Ask a question about an indicator',
    'aria-label': 'Ask a question',
    autocomplete: 'off',
  });
  if (session.question) input.value = session.question;
  const form = el('form', { class: 'ask-box', id: 'ask-box' }, input, el('button', { type: 'submit' }, '问 Ask'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = input.value.trim();
    if (q) session.show('ask', q);
  });
  return form;
}

/**
 * 问答: the question as the API's `ask` reads it, under the viewer's own policy — what it understood
 * (indicator, period, dimensions, filters, comparison, ranking), the one-sentence answer, the values as a
 * table (and a chart when they are a series), or the refusal or the choices when it is not sure. A value
 * the policy masks, suppresses or denies is shown as the API answers it: empty, with the reason.
 */
export async function askScreen(session: Session, main: HTMLElement): Promise<void> {
  const question = session.question?.trim();
  const input = document.getElementById('ask-input') as HTMLInputElement | null;
  if (input && question !== undefined) input.value = question;
  if (!question) return examples(session, main);
  const today = askToday(session.period);
  const variables = { question, today };
  const result = await session.api.run<{ ask: Answer | null }>(ASK, variables);
  const a = result.data?.ask;
  const header = el(
    'div',
    { class: 'ask-question' },
    el('h2', {}, `问 ${question}`),
    el(
      'span',
      { class: 'note', id: 'ask-as-of' },
      `relative periods read as of ${today} (${today === new Date().toISOString().slice(0, 10) ? 'today' : `the end of the period ${session.period}`})`,
    ),
  );
  if (!a) {
    // Refused before anything ran (empty, too long, SQL or GraphQL text…): the API's coded error.
    const e = result.errors?.[0];
    return clear(
      main,
      header,
      el(
        'div',
        { id: 'ask-answer', 'data-status': 'ERROR', class: 'ask-answer' },
        el('p', { class: 'error', id: 'ask-refusal' }, `${e?.extensions?.code ?? 'ERROR'}: ${e?.message ?? '—'}`),
      ),
    );
  }
  const names = new Map((a.values?.indicators ?? []).map((i) => [i.code, i]));
  const body = el('div', { id: 'ask-answer', class: 'ask-answer', 'data-status': a.status });
  body.append(
    el('p', { class: `ask-status status-${a.status.toLowerCase()}`, id: 'ask-status' }, STATUS_TEXT[a.status]),
  );
  if (a.interpretation) body.append(interpretationOf(a, names));
  if (a.answer) body.append(el('p', { class: 'ask-sentence', id: 'ask-sentence' }, a.answer));
  if (a.status === 'REFUSED')
    body.append(
      el('p', { class: 'error', id: 'ask-refusal' }, `${a.refusalCode ?? 'REFUSED'}: ${a.reason ?? ''}`.trim()),
    );
  else if (a.status !== 'ANSWERED' && a.reason) body.append(el('p', { class: 'note', id: 'ask-reason' }, a.reason));
  // A field error other than the refusal's own (a source down, a denied nested field): said, not hidden.
  const others = (result.errors ?? []).filter((e) => !(a.status === 'REFUSED' && isValuesError(e)));
  for (const e of others) body.append(message(`${e.extensions?.code ?? 'ERROR'}: ${e.message}`, 'error'));
  if (a.candidates.length) body.append(candidatesOf(session, a));
  let host: HTMLElement | undefined;
  if (a.values) {
    if (a.values.rows.length > 1) body.append((host = el('div', { class: 'chart', id: 'chart-ask' })));
    body.append(
      renderTable(session.api, tableSpec(question, variables, 'ask.values.rows', a.values), result.data, {
        id: 'ask-table',
        canExport: session.canExport,
      }),
    );
  }
  if (a.compared?.rows.length) {
    const c = a.interpretation?.comparison;
    body.append(
      el('h3', {}, `对比期 Compared period ${c?.from ?? ''}–${c?.to ?? ''}`),
      renderTable(session.api, tableSpec(question, variables, 'ask.compared.rows', a.compared), result.data, {
        id: 'ask-compared',
        canExport: session.canExport,
      }),
    );
  }
  if (a.targets.length)
    body.append(
      el(
        'p',
        { class: 'note', id: 'ask-targets' },
        `目标 Targets: ${a.targets.map((t) => `${t.period}${t.member ? ` ${t.member}` : ''} ${t.target}`).join(', ')}`,
      ),
    );
  if (a.request) body.append(requestOf(session, a.request));
  for (const td of body.querySelectorAll('td[data-path$=".reason"]')) if (td.textContent) td.classList.add('withheld');
  clear(main, header, body);
  // Charted once the host is in the document (ECharts measures it).
  if (host && a.values) chart('ask', host, optionOf(a.values, names));
}

function isValuesError(e: GraphQLError): boolean {
  return e.path?.[0] === 'ask' && (e.path[1] === 'values' || e.path[1] === 'compared');
}

/** What the hub understood: each part of the question and what it was read as. */
function interpretationOf(
  a: Answer,
  names: Map<string, { nameZh: string; nameEn: string; unit: string }>,
): HTMLElement {
  const it = a.interpretation!;
  const label = (code: string) => {
    const n = names.get(code);
    return n ? `${n.nameZh} · ${n.nameEn} (${code})` : code;
  };
  const items: Array<[string, string]> = [];
  items.push(['指标 Indicator', it.indicators.length ? it.indicators.map(label).join(', ') : '—']);
  const p = it.period;
  items.push([
    '期间 Period',
    `${p.from === p.to ? p.from : `${p.from} – ${p.to}`}${p.text ? ` (“${p.text}”)` : ''}${p.assumed ? ' · assumed: year to date' : ''}`,
  ]);
  items.push(['粒度 Grain', it.grain]);
  items.push(['维度 By', it.by.length ? it.by.join(', ') : '—']);
  if (it.filters.length)
    items.push(['筛选 Filters', it.filters.map((f) => `${f.path} = ${f.name} (“${f.text}”)`).join('; ')]);
  if (it.comparison)
    items.push([
      '比较 Comparison',
      `${it.comparison.kind}${it.comparison.indicators.length ? ` via ${it.comparison.indicators.join(', ')}` : ''}${it.comparison.from ? ` against ${it.comparison.from}–${it.comparison.to}` : ''}`,
    ]);
  if (it.ranking)
    items.push([
      '排名 Ranking',
      `${it.ranking.direction === 'DESC' ? 'top' : 'bottom'} ${it.ranking.n} ${it.ranking.dimension} by ${it.ranking.indicator}${it.ranking.per ? ` per ${it.ranking.per}` : ''}`,
    ]);
  if (it.threshold)
    items.push([
      '阈值 Threshold',
      `${it.threshold.indicator}${it.threshold.above !== null ? ` > ${it.threshold.above}` : ''}${it.threshold.below !== null ? ` < ${it.threshold.below}` : ''} (rule “${it.threshold.rule}”)`,
    ]);
  if (it.unrecognized.length) items.push(['未识别 Not read', it.unrecognized.join(', ')]);
  const dl = el('dl', {});
  for (const [k, v] of items) dl.append(el('dt', {}, k), el('dd', { 'data-part': k.split(' ').pop()! }, v));
  const phrases = el(
    'p',
    { class: 'phrases' },
    ...it.phrases.map((ph) =>
      el('span', { class: `phrase phrase-${ph.kind}`, title: ph.kind }, `${ph.text} → ${ph.meaning}`),
    ),
  );
  return el(
    'div',
    { class: 'detail ask-interpretation', id: 'ask-interpretation' },
    el('h3', {}, '理解为 Understood as'),
    dl,
    phrases,
  );
}

/** Choices when unsure: each asks again with the unread word replaced by the choice. */
function candidatesOf(session: Session, a: Answer): HTMLElement {
  const word = a.interpretation?.unrecognized.find((w) => a.question.includes(w));
  const list = el('div', { class: 'candidates', id: 'ask-candidates' });
  for (const c of a.candidates) {
    const next = word ? a.question.replace(word, c.label) : `${a.question} ${c.label}`;
    list.append(
      button(
        `${c.label}${c.kind === 'INDICATOR' ? ` (${c.value})` : c.dimension ? ` · ${c.dimension}` : ''}`,
        () => session.show('ask', next),
        {
          class: 'candidate',
          'data-kind': c.kind,
          'data-value': c.value,
          title: `${c.kind} · score ${c.score.toFixed(2)}`,
        },
      ),
    );
  }
  return el('div', {}, el('h3', {}, a.status === 'NEEDS_CHOICE' ? '您是指 Did you mean' : '试试 Try'), list);
}

/** The table on screen as an export spec: the ask query itself, its rows path and one column per part. */
function tableSpec(question: string, variables: Record<string, unknown>, rows: string, t: Table): TableSpec {
  const width = t.rows.reduce((n, r) => Math.max(n, r.members.length), 0);
  const columns: Column[] = [{ header: 'Period', path: 'period' }];
  for (let i = 0; i < width; i++) columns.push({ header: t.by[i] ?? `member ${i + 1}`, path: `members.${i}.name` });
  t.indicators.forEach((ind, i) => {
    columns.push({ header: `${ind.nameZh} ${ind.code}${ind.unit ? ` (${ind.unit})` : ''}`, path: `cells.${i}.value` });
    if (t.rows.some((r) => r.cells[i]?.reason))
      columns.push({ header: `${ind.code}: why empty`, path: `cells.${i}.reason` });
  });
  return { title: question.slice(0, 60), query: ASK, variables, rows, columns };
}

/** A series (periods × members × indicators) as ECharts: lines over periods, or bars over members. */
function optionOf(t: Table, names: Map<string, { nameZh: string; unit: string }>): Record<string, unknown> {
  const periods = t.periods.map((p) => p.label);
  const memberName = (ms: Array<{ id: string; name: string | null }>) => ms.map((m) => m.name ?? m.id).join(' · ');
  const unit = t.indicators[0]?.unit ?? '';
  if (periods.length > 1) {
    return {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll' },
      grid: { left: 80, right: 20 },
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value', name: unit },
      series: t.series.slice(0, 12).map((s) => ({
        name: [names.get(s.code)?.nameZh ?? s.code, memberName(s.members)].filter(Boolean).join(' · '),
        type: 'line',
        data: periods.map((p) => num(s.points.find((x) => x.period === p)?.value)),
      })),
    };
  }
  return {
    tooltip: {},
    legend: {},
    grid: { left: 80, right: 20, bottom: 90 },
    xAxis: { type: 'category', data: t.rows.map((r) => memberName(r.members)), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', name: unit },
    series: t.indicators.map((ind, i) => ({
      name: names.get(ind.code)?.nameZh ?? ind.code,
      type: 'bar',
      data: t.rows.map((r) => num(r.cells[i]?.value)),
    })),
  };
}

/** The same answer as indicatorValues arguments (to re-run from any client), and a way to the charts. */
function requestOf(session: Session, r: NonNullable<Answer['request']>): HTMLElement {
  const args = [
    `codes: ${JSON.stringify(r.codes)}`,
    `from: "${r.from}"`,
    `to: "${r.to}"`,
    `grain: ${r.grain}`,
    ...(r.by.length ? [`by: [${r.by.join(', ')}]`] : []),
    ...(r.filters.length
      ? [
          `filters: [${r.filters.map((f) => `{ dimension: ${f.dimension}, ids: ${JSON.stringify(f.ids)} }`).join(', ')}]`,
        ]
      : []),
    ...(r.top
      ? [
          `top: { indicator: "${r.top.indicator}", n: ${r.top.n}, direction: ${r.top.direction}${r.top.per ? `, per: ${r.top.per}` : ''} }`,
        ]
      : []),
  ];
  return el(
    'details',
    { class: 'ask-request' },
    el('summary', {}, '同一请求 The same as indicatorValues'),
    el('pre', { id: 'ask-request' }, `indicatorValues(${args.join(', ')})`),
    button('在图表中查看 Chart it', () => session.show('charts', r.codes[0]), { id: 'ask-chart-it' }),
  );
}

/** No question yet: a few to try, made from the dictionary the viewer sees (any model). */
async function examples(session: Session, main: HTMLElement): Promise<void> {
  const list = await session.api.run<{ indicators: Array<{ code: string; nameZh: string; nameEn: string }> | null }>(
    '{ indicators { code nameZh nameEn } }',
  );
  const some = (list.data?.indicators ?? []).slice(0, 3);
  const year = session.period.slice(0, 4);
  const questions = some.flatMap((i) => [`${i.nameZh}${year}年按月`, `${i.nameEn} last quarter`]);
  clear(
    main,
    el('h2', {}, '问答 Ask'),
    el(
      'p',
      { class: 'note' },
      'Type a question in Chinese or English in the box above: an indicator, a period, a breakdown, a member, a comparison or a ranking. The hub reads it against the dictionary and answers under your own permissions.',
    ),
    el(
      'div',
      { class: 'candidates', id: 'ask-examples' },
      ...questions.map((q) => button(q, () => session.show('ask', q), { class: 'candidate' })),
    ),
  );
}
