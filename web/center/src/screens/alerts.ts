import { clear, el, message } from '../dom';
import { renderTable, type Column, type TableSpec } from '../table';
import type { Session } from '../session';

/** The period's alerts, most severe first, with whom to notify; the unit column where the model has one. */
export async function alertsScreen(session: Session, main: HTMLElement): Promise<void> {
  const shape = await session.api.run<{ __type: { fields: Array<{ name: string }> } | null }>(
    '{ __type(name: "Alert") { fields { name } } }',
  );
  const hasUnit = shape.data?.__type?.fields.some((f) => f.name === 'unit') ?? false;
  const query = `query Alerts($period: String!) {
  alerts(period: $period) { indicator { code nameZh nameEn } rule severity period value metric threshold message notify${hasUnit ? ' unit { id }' : ''} }
}`;
  const variables = { period: session.period };
  const result = await session.api.run(query, variables);
  const columns: Column[] = [
    { header: 'Severity', path: 'severity' },
    { header: 'Indicator', path: 'indicator.code' },
    { header: '名称', path: 'indicator.nameZh' },
    ...(hasUnit ? [{ header: 'Unit', path: 'unit.id' }] : []),
    { header: 'Rule', path: 'rule' },
    { header: 'Value', path: 'value' },
    { header: 'Threshold', path: 'threshold' },
    { header: 'Message', path: 'message' },
    { header: 'Notify', path: 'notify' },
  ];
  const spec: TableSpec = { title: `Alerts ${session.period}`, query, variables, rows: 'alerts', columns };
  clear(
    main,
    el('h2', {}, `预警 Alerts for ${session.period}`),
    ...(result.errors?.length ? [message(result.errors[0]!.message, 'error')] : []),
    renderTable(session.api, spec, result.data, { id: 'alerts', canExport: session.canExport }),
  );
  for (const td of main.querySelectorAll('td[data-path="severity"]'))
    td.classList.add(`sev-${td.textContent?.toLowerCase()}`);
}
