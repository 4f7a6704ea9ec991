import { button, clear, el, message } from '../dom';
import { renderTable, type TableSpec } from '../table';
import type { Session } from '../session';

const LIST = `query Dictionary($search: String) {
  indicators(search: $search) { code nameZh nameEn unit domain version owner { person } }
}`;

const DETAIL = `query Indicator($code: String!) {
  indicator(code: $code) {
    code nameZh nameEn synonyms definition formula unit type domain version status dimensions tags sources
    owner { person }
    history { version author approvedBy reason publishedAt diff { path before after } }
    lineage { upstream { code inputs } sources tables { source table facts } columns { source table column roles } }
    dependents { code path via }
  }
}`;

interface Detail {
  code: string;
  nameZh: string;
  nameEn: string;
  synonyms: string[];
  definition: string;
  formula: string | null;
  unit: string;
  type: string;
  domain: string;
  version: string;
  status: string;
  dimensions: string[];
  tags: string[];
  sources: string[];
  owner: { person: string };
  history: Array<{
    version: number;
    author: string;
    approvedBy: string;
    reason: string;
    publishedAt: string;
    diff: Array<{ path: string; before: string | null; after: string | null }>;
  }>;
  lineage: {
    upstream: Array<{ code: string; inputs: string[] }>;
    sources: string[];
    tables: Array<{ source: string; table: string; facts: string[] }>;
    columns: Array<{ source: string; table: string; column: string; roles: string[] }>;
  };
  dependents: Array<{ code: string; path: string[]; via: string }>;
}

/** The dictionary: search in Chinese or English (code, names, synonyms, tags, owner), then one indicator's card. */
export async function dictionaryScreen(session: Session, main: HTMLElement): Promise<void> {
  const search = el('input', { id: 'search', type: 'search', placeholder: '搜索 / search: 收入, revenue, margin…' });
  const results = el('div', { id: 'dictionary-results' });
  const detail = el('div', { id: 'indicator-detail', class: 'detail' });
  const load = async () => {
    const variables = search.value.trim() ? { search: search.value.trim() } : {};
    const spec: TableSpec = {
      title: 'Indicators',
      query: LIST,
      variables,
      rows: 'indicators',
      columns: [
        { header: 'Code', path: 'code' },
        { header: '名称', path: 'nameZh' },
        { header: 'Name', path: 'nameEn' },
        { header: 'Unit', path: 'unit' },
        { header: 'Domain', path: 'domain' },
        { header: 'Owner', path: 'owner.person' },
        { header: 'Version', path: 'version' },
      ],
    };
    const data = await session.api.data(LIST, variables);
    clear(
      results,
      renderTable(session.api, spec, data, {
        id: 'indicator-list',
        canExport: session.canExport,
        onRow: (row) => void showDetail((row as { code: string }).code),
      }),
    );
  };
  const showDetail = async (code: string) => {
    session.selected = code;
    clear(detail, message('Loading…'));
    const { indicator: i } = await session.api.data<{ indicator: Detail | null }>(DETAIL, { code });
    if (!i) return clear(detail, message(`No indicator ${code}.`, 'error'));
    clear(
      detail,
      el('h2', {}, `${i.nameZh} · ${i.nameEn} `, el('code', {}, i.code)),
      button('Chart it →', () => session.show('charts', i.code), { id: 'chart-it' }),
      el(
        'dl',
        {},
        ...pair('口径 Definition', i.definition),
        ...pair('Formula', i.formula ?? '—'),
        ...pair('Owner', i.owner.person),
        ...pair('Unit', i.unit),
        ...pair('Type', i.type),
        ...pair('Domain', i.domain),
        ...pair('Version', `${i.version} (${i.status})`),
        ...pair('Dimensions', i.dimensions.join(', ') || '—'),
        ...pair('Synonyms', i.synonyms.join(', ') || '—'),
        ...pair('Tags', i.tags.join(', ') || '—'),
      ),
      el('h3', {}, '版本历史 Version history'),
      el(
        'div',
        { id: 'history' },
        ...i.history.map((h) =>
          el(
            'div',
            { class: 'version' },
            el(
              'p',
              {},
              el('b', {}, `v${h.version}`),
              ` ${h.publishedAt.slice(0, 10)} · by ${h.author}, approved by ${h.approvedBy} — ${h.reason}`,
            ),
            h.diff.length ? diffTable(h.diff) : el('p', { class: 'note' }, 'First version.'),
          ),
        ),
      ),
      el('h3', {}, '血缘 Lineage'),
      el('p', {}, `Sources: ${i.lineage.sources.join(', ') || '—'}`),
      el('ul', { id: 'lineage' }, ...i.lineage.upstream.map((e) => el('li', {}, `${e.code} ← ${e.inputs.join(', ')}`))),
      el(
        'ul',
        { id: 'lineage-tables' },
        ...i.lineage.tables.map((t) => el('li', {}, `${t.source}.${t.table} (${t.facts.join(', ')})`)),
      ),
      el('h3', {}, '下游 Dependents'),
      i.dependents.length
        ? el(
            'ul',
            { id: 'dependents' },
            ...i.dependents.map((d) => el('li', {}, `${d.code} (${d.via.toLowerCase()}: ${d.path.join(' → ')})`)),
          )
        : el('p', { class: 'note', id: 'dependents' }, 'No indicator depends on it.'),
    );
  };
  search.addEventListener('input', () => void load().catch((e: Error) => clear(results, message(e.message, 'error'))));
  clear(main, el('div', { class: 'split' }, el('section', {}, search, results), el('section', {}, detail)));
  await load();
  if (session.selected) await showDetail(session.selected);
}

function pair(label: string, value: string): HTMLElement[] {
  return [el('dt', {}, label), el('dd', {}, value)];
}

export function diffTable(diff: Array<{ path: string; before: string | null; after: string | null }>): HTMLElement {
  return el(
    'table',
    { class: 'diff' },
    el('tr', {}, el('th', {}, 'Field'), el('th', {}, 'Before'), el('th', {}, 'After')),
    ...diff.map((d) =>
      el(
        'tr',
        {},
        el('td', {}, d.path),
        el('td', { class: 'before' }, d.before ?? '—'),
        el('td', { class: 'after' }, d.after ?? '—'),
      ),
    ),
  );
}
