import type { HubApi } from './api';
import { button, el } from './dom';

/**
 * A table on screen is a query, its variables, the path of a list in the answer and columns (header and a
 * path inside each element). The export sends exactly that to the API's exportTable, which runs the query
 * again for the same viewer: the file holds what the screen holds, masks and suppression included.
 */
export interface Column {
  header: string;
  path: string;
}

export interface TableSpec {
  title: string;
  query: string;
  variables: Record<string, unknown>;
  rows: string;
  columns: Column[];
}

export function at(value: unknown, path: string): unknown {
  let here = value;
  for (const step of path.split('.')) {
    if (here === null || here === undefined || typeof here !== 'object') return undefined;
    here = (here as Record<string, unknown>)[step];
  }
  return here;
}

export function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  // A list of plain values (whom to notify, synonyms) reads as a list; anything deeper as JSON.
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export interface TableOptions {
  canExport: boolean;
  onRow?: (row: unknown) => void;
  /** An id for tests and styling. */
  id: string;
}

/** The table of `spec` over `data` (the query's answer), with CSV and XLSX export when the viewer may. */
export function renderTable(api: HubApi, spec: TableSpec, data: unknown, options: TableOptions): HTMLElement {
  const list = at(data, spec.rows);
  const rows = Array.isArray(list) ? list : [];
  const head = el('tr', {}, ...spec.columns.map((c) => el('th', {}, c.header)));
  const body = el('tbody');
  for (const row of rows) {
    const tr = el('tr', {}, ...spec.columns.map((c) => el('td', { 'data-path': c.path }, text(at(row, c.path)))));
    if (options.onRow) {
      tr.classList.add('clickable');
      tr.addEventListener('click', () => options.onRow!(row));
    }
    body.append(tr);
  }
  const status = el('span', { class: 'export-status' });
  const tools = el('div', { class: 'table-tools' }, el('span', { class: 'count' }, `${rows.length} rows`));
  if (options.canExport) {
    for (const format of ['CSV', 'XLSX'] as const) {
      tools.append(
        button(
          `Export ${format}`,
          () => {
            status.textContent = '…';
            exportTable(api, spec, format).then(
              () => (status.textContent = ''),
              (e: Error) => (status.textContent = e.message),
            );
          },
          { class: `export export-${format.toLowerCase()}` },
        ),
      );
    }
    tools.append(status);
  }
  return el(
    'div',
    { class: 'table-block', id: options.id },
    tools,
    el('div', { class: 'table-scroll' }, el('table', { class: 'data' }, el('thead', {}, head), body)),
  );
}

const EXPORT_QUERY = `query Export($query: String!, $variables: String, $rows: String!, $columns: [ExportColumn!]!, $format: ExportFormat!, $title: String) {
  exportTable(query: $query, variables: $variables, rows: $rows, columns: $columns, format: $format, title: $title)
}`;

/** Asks the API for the file and hands it to the browser as a download. */
export async function exportTable(api: HubApi, spec: TableSpec, format: 'CSV' | 'XLSX'): Promise<void> {
  const data = await api.data<{ exportTable: string | null }>(EXPORT_QUERY, {
    query: spec.query,
    variables: JSON.stringify(spec.variables),
    rows: spec.rows,
    columns: spec.columns,
    format,
    title: spec.title,
  });
  if (!data.exportTable) throw new Error('The export returned no file.');
  const bytes = Uint8Array.from(atob(data.exportTable), (c) => c.charCodeAt(0));
  const type =
    format === 'CSV' ? 'text/csv;charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = el('a', {
    href: url,
    download: `${spec.title.replace(/[^\w\u4e00-\u9fff-]+/g, '_')}.${format.toLowerCase()}`,
  });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
