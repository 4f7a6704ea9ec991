import { chart, num } from '../charts';
import { clear, el, message } from '../dom';
import { renderTable, type TableSpec } from '../table';
import { yearOf, type Session } from '../session';

const INDICATOR = `query ChartIndicator($code: String!, $from: String!, $to: String!) {
  indicator(code: $code) { code nameZh nameEn unit dimensions targets(from: $from, to: $to) { period unit value } }
}`;

const TREND = `query Trend($codes: [String!]!, $from: String!, $to: String!, $lastFrom: String!, $lastTo: String!) {
  current: indicatorValues(codes: $codes, from: $from, to: $to, grain: MONTH) { periods { label } rows { period cells { value reason } } }
  lastYear: indicatorValues(codes: $codes, from: $lastFrom, to: $lastTo, grain: MONTH) { periods { label } rows { period cells { value reason } } }
}`;

const BREAKDOWN = `query Breakdown($codes: [String!]!, $from: String!, $by: [IndicatorDimension!]) {
  indicatorValues(codes: $codes, from: $from, grain: YEAR, by: $by) { rows { period members { id name } cells { value reason } } }
}`;

const TREE = `fragment N on DecompositionNode { code label value baseValue change contribution reason }
query Tree($code: String!, $period: String!) {
  decomposition(code: $code, period: $period, depth: 2) { ...N drivers { ...N drivers { ...N } } }
}`;

interface Rows {
  periods: Array<{ label: string }>;
  rows: Array<{ period: string; cells: Array<{ value: string | null; reason: string | null }> }>;
}
interface TreeNode {
  code: string;
  label: string;
  value: string | null;
  baseValue: string | null;
  change: string | null;
  contribution: string | null;
  reason: string | null;
  drivers?: TreeNode[];
}

/** One indicator as charts: this year's months against last year's and the target, a breakdown, the decomposition. */
export async function chartsScreen(session: Session, main: HTMLElement): Promise<void> {
  const list = await session.api.data<{ indicators: Array<{ code: string; nameZh: string; nameEn: string }> | null }>(
    '{ indicators { code nameZh nameEn } }',
  );
  const indicators = list.indicators ?? [];
  if (!indicators.length) return clear(main, message('No indicator to chart.'));
  const code = indicators.some((i) => i.code === session.selected) ? session.selected! : indicators[0]!.code;
  const pick = el(
    'select',
    { id: 'chart-indicator' },
    ...indicators.map((i) => el('option', { value: i.code }, `${i.nameZh} · ${i.nameEn} (${i.code})`)),
  );
  pick.value = code;
  pick.addEventListener('change', () => session.show('charts', pick.value));
  const year = yearOf(session.period);
  const { indicator } = await session.api.data<{
    indicator: {
      code: string;
      nameZh: string;
      nameEn: string;
      unit: string;
      dimensions: string[];
      targets: Array<{ period: string; unit: string | null; value: string }>;
    };
  }>(INDICATOR, { code, from: `${year}-01`, to: `${year}-12` });
  const dimension = el(
    'select',
    { id: 'chart-dimension' },
    ...indicator.dimensions.map((d) => el('option', { value: d }, d)),
  );
  const trendHost = el('div', { class: 'chart', id: 'chart-trend' });
  const breakdownHost = el('div', { class: 'chart', id: 'chart-breakdown' });
  const breakdownTable = el('div', { id: 'breakdown-table' });
  const treeHost = el('div', { class: 'chart tall', id: 'chart-tree' });
  const notes = el('div', { id: 'chart-notes' });
  clear(
    main,
    el(
      'div',
      { class: 'toolbar' },
      pick,
      el('span', { class: 'note' }, ` unit: ${indicator.unit} · year ${year} · period ${session.period}`),
    ),
    notes,
    el('h3', {}, `趋势 Trend ${year} vs ${year - 1}`),
    trendHost,
    el('h3', {}, '分解 Breakdown by ', dimension),
    breakdownHost,
    breakdownTable,
    el('h3', {}, `指标分解 Decomposition ${session.period} vs a year earlier`),
    treeHost,
  );

  // Trend: months of the year, last year's same months, and the targets summed over the units the viewer sees.
  const trend = await session.api.run<{ current: Rows | null; lastYear: Rows | null }>(TREND, {
    codes: [code],
    from: `${year}-01`,
    to: `${year}-12`,
    lastFrom: `${year - 1}-01`,
    lastTo: `${year - 1}-12`,
  });
  if (trend.errors?.length) notes.append(message(trend.errors[0]!.message, 'error'));
  const months = (trend.data?.current?.periods ?? []).map((p) => p.label);
  const valueOf = (rows: Rows | null | undefined, label: string) =>
    num(rows?.rows.find((r) => r.period === label)?.cells[0]?.value);
  const targetByPeriod = new Map<string, number>();
  for (const t of indicator.targets)
    targetByPeriod.set(t.period, (targetByPeriod.get(t.period) ?? 0) + Number(t.value));
  const series: Array<Record<string, unknown>> = [
    { name: String(year), type: 'line', data: months.map((m) => valueOf(trend.data?.current, m)) },
    {
      name: String(year - 1),
      type: 'line',
      lineStyle: { type: 'dashed' },
      data: months.map((m) => valueOf(trend.data?.lastYear, `${Number(m.slice(0, 4)) - 1}${m.slice(4)}`)),
    },
  ];
  const monthlyTargets = months.map((m) => targetByPeriod.get(m) ?? null);
  if (monthlyTargets.some((t) => t !== null))
    series.push({ name: 'target', type: 'line', step: 'middle', data: monthlyTargets });
  const quarterly = [...targetByPeriod.entries()].filter(([p]) => /-Q\d$/.test(p));
  chart('trend', trendHost, {
    tooltip: { trigger: 'axis' },
    legend: {},
    grid: { left: 80, right: 20 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', name: indicator.unit },
    series,
  });
  if (quarterly.length) {
    // Targets set per quarter: shown beside the quarters' actuals, not spread over months.
    const quarters = await session.api.data<{ indicatorValues: Rows | null }>(
      `query Q($codes: [String!]!, $from: String!, $to: String!) { indicatorValues(codes: $codes, from: $from, to: $to, grain: QUARTER) { periods { label } rows { period cells { value reason } } } }`,
      { codes: [code], from: `${year}-Q1`, to: `${year}-Q4` },
    );
    const qs = (quarters.indicatorValues?.periods ?? []).map((p) => p.label);
    const host = el('div', { class: 'chart', id: 'chart-target' });
    trendHost.after(el('h3', {}, `目标 Target by quarter ${year}`), host);
    chart('target', host, {
      tooltip: { trigger: 'axis' },
      legend: {},
      grid: { left: 80, right: 20 },
      xAxis: { type: 'category', data: qs },
      yAxis: { type: 'value', name: indicator.unit },
      series: [
        { name: 'actual', type: 'bar', data: qs.map((q) => valueOf(quarters.indicatorValues, q)) },
        { name: 'target', type: 'line', data: qs.map((q) => targetByPeriod.get(q) ?? null) },
      ],
    });
  }

  const showBreakdown = async () => {
    const variables = { codes: [code], from: String(year), by: dimension.value ? [dimension.value] : [] };
    const result = await session.api.run<{
      indicatorValues: {
        rows: Array<{
          members: Array<{ id: string; name: string | null }>;
          cells: Array<{ value: string | null; reason: string | null }>;
        }>;
      } | null;
    }>(BREAKDOWN, variables);
    if (result.errors?.length) clear(breakdownTable, message(result.errors[0]!.message, 'error'));
    const rows = result.data?.indicatorValues?.rows ?? [];
    chart('breakdown', breakdownHost, {
      tooltip: {},
      grid: { left: 80, right: 20, bottom: 90 },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.members[0]?.name ?? r.members[0]?.id ?? ''),
        axisLabel: { rotate: 40 },
      },
      yAxis: { type: 'value', name: indicator.unit },
      series: [{ name: code, type: 'bar', data: rows.map((r) => num(r.cells[0]?.value)) }],
    });
    const spec: TableSpec = {
      title: `${code} by ${dimension.value} ${year}`,
      query: BREAKDOWN,
      variables,
      rows: 'indicatorValues.rows',
      columns: [
        { header: 'Period', path: 'period' },
        { header: 'Id', path: 'members.0.id' },
        { header: 'Name', path: 'members.0.name' },
        { header: code, path: 'cells.0.value' },
        { header: 'Why empty', path: 'cells.0.reason' },
      ],
    };
    if (!result.errors?.length)
      clear(
        breakdownTable,
        renderTable(session.api, spec, result.data, { id: 'breakdown', canExport: session.canExport }),
      );
  };
  dimension.addEventListener('change', () => void showBreakdown());
  if (indicator.dimensions.length) await showBreakdown();
  else clear(breakdownTable, message('This indicator cannot be cut by any dimension.'));

  const tree = await session.api.run<{ decomposition: TreeNode | null }>(TREE, { code, period: session.period });
  if (tree.data?.decomposition) {
    const toNode = (n: TreeNode): Record<string, unknown> => ({
      name: `${n.label}\n${n.value ?? n.reason ?? '—'}${n.contribution !== null ? ` (Δ ${n.contribution})` : n.change !== null ? ` (Δ ${n.change})` : ''}`,
      value: num(n.value),
      code: n.code,
      children: (n.drivers ?? []).map(toNode),
    });
    chart('tree', treeHost, {
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'tree',
          data: [toNode(tree.data.decomposition)],
          top: 20,
          left: '18%',
          bottom: 20,
          right: '22%',
          symbolSize: 9,
          label: { position: 'left', fontSize: 11 },
          leaves: { label: { position: 'right' } },
          expandAndCollapse: false,
        },
      ],
    });
  } else {
    clear(treeHost, message(tree.errors?.[0]?.message ?? 'No decomposition for this period.', 'note'));
  }
}
