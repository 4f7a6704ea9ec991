import { button, clear, el, message } from '../dom';
import { renderTable, type Column, type TableSpec } from '../table';
import type { Session } from '../session';

const RECORDS = `query AuditRecords($principal: String, $field: String, $outcome: AuditOutcome, $eventType: AuditEventType, $from: String, $to: String, $first: Int, $after: Int) {
  auditLog(principal: $principal, field: $field, outcome: $outcome, eventType: $eventType, from: $from, to: $to, first: $first, after: $after) {
    nextCursor
    records { seq at principal roles eventType outcome operationName fieldsRequested questions rows errorCodes reason address requestId }
  }
}`;

const REFUSALS = `query AuditRefusals($first: Int) {
  auditLog(outcome: refused, first: $first) {
    nextCursor
    records { seq at principal address refusalKind refusalCount refusalFirstAt refusalLastAt errorCodes reason }
  }
}`;

const CHAIN = '{ verifyAuditChain { ok checked headSeq headHash firstBrokenSeq reason } }';

const OUTCOMES = ['ok', 'partial', 'denied', 'refused', 'error'];
const EVENT_TYPES = ['read', 'write', 'authentication', 'administration', 'audit_access', 'system'];
const PAGE = 50;

interface Page {
  auditLog: { nextCursor: number | null; records: Array<Record<string, unknown>> } | null;
}

const RECORD_COLUMNS: Column[] = [
  { header: 'Seq', path: 'seq' },
  { header: 'At (UTC)', path: 'at' },
  { header: 'Principal', path: 'principal' },
  { header: 'Roles', path: 'roles' },
  { header: 'Event', path: 'eventType' },
  { header: 'Outcome', path: 'outcome' },
  { header: 'Operation', path: 'operationName' },
  { header: 'Fields', path: 'fieldsRequested' },
  { header: 'Questions', path: 'questions' },
  { header: 'Rows', path: 'rows' },
  { header: 'Errors', path: 'errorCodes' },
  { header: 'Reason', path: 'reason' },
];

const REFUSAL_COLUMNS: Column[] = [
  { header: 'Seq', path: 'seq' },
  { header: 'At (UTC)', path: 'at' },
  { header: 'Kind', path: 'refusalKind' },
  { header: 'Count', path: 'refusalCount' },
  { header: 'First', path: 'refusalFirstAt' },
  { header: 'Last', path: 'refusalLastAt' },
  { header: 'Principal', path: 'principal' },
  { header: 'Address', path: 'address' },
  { header: 'Code', path: 'errorCodes' },
  { header: 'Reason', path: 'reason' },
];

/** The fields requested are many: the cell is cut short on screen, whole in its tooltip. */
function titles(table: HTMLElement): void {
  for (const td of table.querySelectorAll<HTMLElement>('td[data-path="fieldsRequested"]'))
    td.title = td.textContent ?? '';
}

/** yyyy-mm-dd + one day: the API's `to` is exclusive, the form's "to" date is inclusive. */
function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * 审计 — the audit trail for the roles the policy lets read it (Query.auditLog): the recent records with
 * filters (principal, operation as Type.field, event type, outcome, a date range), the refused requests,
 * and the hash chain's verification. The screen exists only for those roles, and the API refuses the same
 * queries to everyone else: nothing here is decided in the browser.
 */
export async function auditScreen(session: Session, main: HTMLElement): Promise<void> {
  const chain = el('div', { id: 'audit-chain', class: 'audit-chain' }, message('Verifying the chain…'));
  const principal = el('input', { id: 'audit-principal', placeholder: 'principal (EMP-…, apikey:…)', size: '18' });
  const operation = el('input', {
    id: 'audit-operation',
    placeholder: 'operation: Query.ask, Mutation.…',
    size: '24',
    list: 'audit-operations',
  });
  const operations = el('datalist', { id: 'audit-operations' });
  const select = (id: string, label: string, values: string[]) =>
    el('select', { id }, el('option', { value: '' }, label), ...values.map((v) => el('option', { value: v }, v)));
  const eventType = select('audit-event', 'any event', EVENT_TYPES);
  const outcome = select('audit-outcome', 'any outcome', OUTCOMES);
  const from = el('input', { id: 'audit-from', type: 'date', title: 'from (UTC day, inclusive)' });
  const to = el('input', { id: 'audit-to', type: 'date', title: 'to (UTC day, inclusive)' });
  const records = el('div', { id: 'audit-records-block' });
  const refusals = el('div', { id: 'audit-refusals-block' });
  const filters = el(
    'form',
    { class: 'toolbar audit-filters', id: 'audit-filters' },
    principal,
    operation,
    operations,
    eventType,
    outcome,
    el('label', {}, 'from ', from),
    el('label', {}, 'to ', to),
    el('button', { type: 'submit', id: 'audit-apply' }, 'Filter'),
    button(
      'Clear',
      () => {
        for (const i of [principal, operation, from, to]) i.value = '';
        eventType.value = '';
        outcome.value = '';
        void load();
      },
      { id: 'audit-clear' },
    ),
  );

  // Operations to pick from: the root fields, as the schema names them (when introspection is on).
  void session.api
    .run<{ q: { fields: Array<{ name: string }> } | null; m: { fields: Array<{ name: string }> } | null }>(
      '{ q: __type(name: "Query") { fields { name } } m: __type(name: "Mutation") { fields { name } } }',
    )
    .then((r) => {
      for (const f of r.data?.q?.fields ?? []) operations.append(el('option', { value: `Query.${f.name}` }));
      for (const f of r.data?.m?.fields ?? []) operations.append(el('option', { value: `Mutation.${f.name}` }));
    });

  const variables = (): Record<string, unknown> => {
    const v: Record<string, unknown> = { first: PAGE };
    if (principal.value.trim()) v.principal = principal.value.trim();
    const op = operation.value.trim();
    // "ask" is read as Query.ask: the API filters on Type.field.
    if (op) v.field = op.includes('.') ? op : `Query.${op}`;
    if (eventType.value) v.eventType = eventType.value;
    if (outcome.value) v.outcome = outcome.value;
    if (from.value) v.from = from.value;
    if (to.value) v.to = dayAfter(to.value);
    return v;
  };

  const load = async () => {
    const v = variables();
    delete records.dataset.loaded;
    clear(records, message('Loading…'));
    const result = await session.api.run<Page>(RECORDS, v);
    const spec: TableSpec = {
      title: 'Audit records',
      query: RECORDS,
      variables: v,
      rows: 'auditLog.records',
      columns: RECORD_COLUMNS,
    };
    if (!result.data?.auditLog) {
      const e = result.errors?.[0];
      records.dataset.loaded = JSON.stringify(v);
      return clear(
        records,
        el(
          'p',
          { class: 'error', id: 'audit-error' },
          `${e?.extensions?.code ?? 'ERROR'}: ${e?.message ?? 'no answer'}`,
        ),
      );
    }
    const table = renderTable(session.api, spec, result.data, { id: 'audit-records', canExport: session.canExport });
    clear(records, table);
    titles(table);
    let next = result.data.auditLog.nextCursor;
    const more = button(
      'More',
      () => {
        if (next === null) return;
        void session.api.run<Page>(RECORDS, { ...v, after: next }).then((page) => {
          const body = table.querySelector('tbody')!;
          const extra = renderTable(session.api, spec, page.data, { id: 'audit-extra', canExport: false });
          titles(extra);
          body.append(...extra.querySelectorAll('tbody tr'));
          const count = table.querySelector('.count');
          if (count) count.textContent = `${body.children.length} rows`;
          next = page.data?.auditLog?.nextCursor ?? null;
          if (next === null) more.remove();
        });
      },
      { id: 'audit-more' },
    );
    if (next !== null) records.append(more);
    records.dataset.loaded = JSON.stringify(v);
  };
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });

  clear(
    main,
    el('h2', {}, '审计 Audit trail'),
    chain,
    el('h3', {}, '记录 Records (newest first)'),
    filters,
    records,
    el('h3', {}, '拒绝 Refused requests'),
    el(
      'p',
      { class: 'note' },
      'Requests refused before they ran (bad or expired credentials, throttling, oversized bodies), counted per key and recorded together.',
    ),
    refusals,
  );

  const verify = session.api.run<{
    verifyAuditChain: {
      ok: boolean;
      checked: number;
      headSeq: number | null;
      headHash: string | null;
      firstBrokenSeq: number | null;
      reason: string | null;
    } | null;
  }>(CHAIN);
  const refused = session.api.run<Page>(REFUSALS, { first: PAGE });
  await load();
  const v = (await verify).data?.verifyAuditChain;
  const chainError = (await verify).errors?.[0];
  clear(
    chain,
    v
      ? el(
          'p',
          { class: v.ok ? 'chain-ok' : 'chain-broken', id: 'audit-chain-status', 'data-ok': String(v.ok) },
          v.ok
            ? `✓ 链完整 Chain intact: ${v.checked} records checked, head #${v.headSeq ?? '—'} ${v.headHash?.slice(0, 16) ?? ''}…`
            : `✗ 链断裂 Chain broken at #${v.firstBrokenSeq ?? '?'}: ${v.reason ?? ''} (${v.checked} records checked)`,
        )
      : el(
          'p',
          { class: 'error', id: 'audit-chain-status' },
          chainError?.message ?? 'The chain could not be verified.',
        ),
  );
  const r = await refused;
  const spec: TableSpec = {
    title: 'Refused requests',
    query: REFUSALS,
    variables: { first: PAGE },
    rows: 'auditLog.records',
    columns: REFUSAL_COLUMNS,
  };
  clear(
    refusals,
    r.data?.auditLog
      ? renderTable(session.api, spec, r.data, { id: 'audit-refusals', canExport: session.canExport })
      : message(r.errors?.[0]?.message ?? 'No answer.', 'error'),
  );
}
