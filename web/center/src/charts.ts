import * as echarts from 'echarts/core';
import { BarChart, LineChart, TreeChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  TreeChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** The charts on screen by name, so a test (or a curious user) can read each one's option. */
const charts = new Map<string, echarts.ECharts>();
(window as unknown as { centerCharts: Record<string, () => unknown> }).centerCharts = new Proxy(
  {},
  { get: (_t, name: string) => () => charts.get(name)?.getOption() },
);

export function chart(name: string, host: HTMLElement, option: echarts.EChartsCoreOption): void {
  charts.get(name)?.dispose();
  const instance = echarts.init(host, undefined, { renderer: 'canvas' });
  instance.setOption({ animation: false, ...option });
  charts.set(name, instance);
}

export function disposeCharts(): void {
  for (const c of charts.values()) c.dispose();
  charts.clear();
}

/** Decimal text → number for plotting; null stays a gap. */
export function num(v: string | null | undefined): number | null {
  return v === null || v === undefined || v === '' ? null : Number(v);
}
