/**
 * `npm run ask -- "一季度销售收入是多少?"`: asks a running hub a question in words and prints what it understood
 * and the table, for terminals and scripts. It is a client like any other: it needs a token or an API key
 * (HUB_TOKEN / HUB_API_KEY, or --token / --api-key; `npm run demo:tokens` prints the demo's), and what it
 * shows is what the policy lets that viewer see.
 *
 *   npm run ask -- [--url http://127.0.0.1:4000/graphql] [--token T | --api-key K] [--today 2025-11-15]
 *                  [--language zh|en] [--json] "question"
 * Exit code: 0 answered, 2 not answered (needs a choice, not understood, refused, not yet computable),
 * 1 the hub could not be asked.
 */
const QUERY = `query Ask($q: String!, $language: Language, $today: String) {
  ask(question: $q, language: $language, today: $today) {
    status answer reason refusalCode
    interpretation {
      indicators grain by unrecognized
      period { from to text relative assumed }
      filters { path name }
      comparison { kind indicators }
      ranking { indicator n direction dimension per }
      threshold { indicator above below rule }
    }
    candidates { kind value label dimension score }
    targets { period member code target }
    values { rows { period members { id name } cells { code value reason } } }
  }
}`;

interface Options {
  url: string;
  token?: string;
  apiKey?: string;
  today?: string;
  language?: string;
  json: boolean;
  question: string;
}

function optionsOf(argv: string[], env: NodeJS.ProcessEnv): Options {
  const opts: Partial<Options> & { json: boolean } = {
    url: env.HUB_URL ?? 'http://127.0.0.1:4000/graphql',
    token: env.HUB_TOKEN,
    apiKey: env.HUB_API_KEY,
    json: false,
  };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--url') opts.url = value();
    else if (a === '--token') opts.token = value();
    else if (a === '--api-key') opts.apiKey = value();
    else if (a === '--today') opts.today = value();
    else if (a === '--language') opts.language = value().toUpperCase();
    else if (a === '--json') opts.json = true;
    else words.push(a);
  }
  const question = words.join(' ').trim();
  if (!question) throw new Error('Give a question: npm run ask -- "一季度销售收入是多少?"');
  if (!opts.token && !opts.apiKey)
    throw new Error(
      'Give a token or an API key (--token / --api-key, or HUB_TOKEN / HUB_API_KEY): npm run demo:tokens prints the demo ones.',
    );
  return { ...opts, question } as Options;
}

interface Answer {
  status: string;
  answer: string | null;
  reason: string | null;
  refusalCode: string | null;
  interpretation: {
    indicators: string[];
    grain: string;
    by: string[];
    unrecognized: string[];
    period: { from: string; to: string; text: string; relative: boolean; assumed: boolean };
    filters: Array<{ path: string; name: string }>;
    comparison: { kind: string; indicators: string[] } | null;
    ranking: { indicator: string; n: number; direction: string; dimension: string; per: string | null } | null;
    threshold: { indicator: string; above: number | null; below: number | null; rule: string } | null;
  } | null;
  candidates: Array<{ kind: string; value: string; label: string; dimension: string | null; score: number }>;
  targets: Array<{ period: string; member: string | null; code: string; target: string }>;
  values: {
    rows: Array<{
      period: string;
      members: Array<{ id: string; name: string | null }>;
      cells: Array<{ code: string; value: string | null; reason: string | null }>;
    }>;
  } | null;
}

/** The interpretation, the answer and the table as text. */
export function render(a: Answer): string {
  const out: string[] = [];
  const it = a.interpretation;
  if (it) {
    const p = it.period;
    out.push(`indicators  ${it.indicators.join(', ') || '—'}`);
    out.push(
      `period      ${p.from === p.to ? p.from : `${p.from} … ${p.to}`}  grain ${it.grain}${p.assumed ? '  (assumed: year to date)' : p.text ? `  (“${p.text}”)` : ''}`,
    );
    if (it.by.length) out.push(`by          ${it.by.join(' × ')}`);
    for (const f of it.filters) out.push(`filter      ${f.path} = ${f.name}`);
    if (it.comparison)
      out.push(
        `comparison  ${it.comparison.kind}${it.comparison.indicators.length ? ` (${it.comparison.indicators.join(', ')})` : ''}`,
      );
    if (it.ranking)
      out.push(
        `ranking     ${it.ranking.direction === 'DESC' ? 'top' : 'bottom'} ${it.ranking.n} ${it.ranking.dimension} by ${it.ranking.indicator}${it.ranking.per ? ` per ${it.ranking.per}` : ''}`,
      );
    if (it.threshold)
      out.push(
        `threshold   ${it.threshold.indicator} ${it.threshold.above !== null ? `> ${it.threshold.above}` : `< ${it.threshold.below}`} (alert rule “${it.threshold.rule}”)`,
      );
    if (it.unrecognized.length) out.push(`not read    ${it.unrecognized.join(', ')}`);
  }
  out.push(`status      ${a.status}${a.refusalCode ? ` (${a.refusalCode})` : ''}`);
  if (a.answer) out.push('', a.answer);
  if (a.reason) out.push('', a.reason);
  if (a.candidates.length) {
    out.push('', 'candidates:');
    for (const c of a.candidates)
      out.push(
        `  ${c.kind.padEnd(9)} ${c.value.padEnd(24)} ${c.label}${c.dimension ? ` (${c.dimension})` : ''}  ${c.score}`,
      );
  }
  if (a.values?.rows.length) {
    const codes = a.values.rows[0]!.cells.map((c) => c.code);
    const header = ['period', ...(a.values.rows[0]!.members.length ? ['member'] : []), ...codes];
    const rows = a.values.rows.map((r) => [
      r.period,
      ...(r.members.length ? [r.members.map((m) => m.name ?? m.id).join(' / ')] : []),
      ...r.cells.map((c) => c.value ?? `null (${c.reason ?? ''})`),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    out.push('', header.map((h, i) => h.padEnd(widths[i]!)).join('  '));
    for (const r of rows) out.push(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
  }
  for (const t of a.targets) out.push(`target ${t.code} ${t.period}${t.member ? ` ${t.member}` : ''}: ${t.target}`);
  return out.join('\n');
}

async function main(): Promise<number> {
  let opts: Options;
  try {
    opts = optionsOf(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  else headers['x-api-key'] = opts.apiKey!;
  let body: {
    data?: { ask: Answer | null } | null;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
  try {
    const res = await fetch(opts.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        query: QUERY,
        variables: { q: opts.question, language: opts.language ?? null, today: opts.today ?? null },
      }),
    });
    body = (await res.json()) as typeof body;
  } catch (error) {
    process.stderr.write(`Could not ask ${opts.url}: ${(error as Error).message}\n`);
    return 1;
  }
  const answer = body.data?.ask ?? null;
  if (opts.json) process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  else if (answer) process.stdout.write(`${render(answer)}\n`);
  for (const e of body.errors ?? []) process.stderr.write(`${e.extensions?.code ?? 'ERROR'}: ${e.message}\n`);
  if (!answer) return 1;
  return answer.status === 'ANSWERED' ? 0 : 2;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
