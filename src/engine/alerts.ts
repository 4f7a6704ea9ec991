import type { EngineContext } from './context';
import type { AlertRule } from '../indicators/definition';
import type { Indicator } from '../indicators/dictionary';
import { previousBucket, yearAgo } from '../values/buckets';
import { Decimal } from '../values/decimal';
import type { Period } from '../values/period';
import { computeValues } from './index';
import { organisationDimension } from '../model/member-dimension';

export interface Alert {
  indicator: Indicator;
  rule: string;
  severity: 'info' | 'warning' | 'critical';
  /** The organisation unit (hub id of the model's organisation dimension) the rule fired for. */
  unit: string;
  period: string;
  /** The indicator's value in the period. */
  value: string;
  /** What the bands were applied to: the value, % of target / of the other indicator, or growth %. */
  metric: string;
  /** The target, other indicator's value or earlier value compared with (null for compare: value). */
  comparedWith: string | null;
  threshold: string;
  message: string;
}

const RANK = { info: 1, warning: 2, critical: 3 } as const;
const HUNDRED = Decimal.of(100);

/**
 * Evaluates every alert rule of the dictionary for every organisation unit in the period: one computation
 * (one statement per source fact) for all rules, indicators compared with, previous and year-ago periods.
 * The viewer's row scope applies to every statement, so a viewer only sees alerts of units in scope.
 */
export async function evaluateAlerts(
  ctx: EngineContext,
  period: Period,
  units: readonly string[] | null,
): Promise<Alert[]> {
  const { config } = ctx.runtime;
  // Alerts fire per organisation unit: a model without one (no `organisation:` entity that is a fact dimension) has
  // none.
  const dimension = organisationDimension(ctx.runtime.model);
  if (!dimension) return [];
  const dictionary = ctx.dictionary;
  const calendar = config.calendar;
  const ruled = dictionary.all().filter((i) => i.def.alerts.length > 0 && i.status !== 'archived');
  if (ruled.length === 0) return [];
  const codes = new Set<string>();
  const buckets = new Map<string, Period>([[period.label, period]]);
  for (const i of ruled) {
    codes.add(i.def.code);
    for (const rule of i.def.alerts) {
      if (rule.indicator) codes.add(rule.indicator);
      if (rule.compare === 'previous') buckets.set('previous', previousBucket(period, calendar));
      if (rule.compare === 'year_ago') buckets.set('year_ago', yearAgo(period, calendar));
    }
  }
  const table = await computeValues(ctx, dictionary, {
    codes: [...codes],
    buckets: [...new Map([...buckets.values()].map((b) => [b.label, b])).values()].sort((a, b) =>
      a.from.localeCompare(b.from),
    ),
    grain: period.grain,
    groupBy: [{ dimension }],
    filters: units ? [{ dimension, ids: units }] : [],
    rollup: false,
  });
  const valueOf = (code: string, label: string, member: string) => {
    const cell = table.cell(code, label, member);
    return cell.value === null ? null : Decimal.of(cell.value);
  };
  const alerts: Alert[] = [];
  for (const member of table.members) {
    for (const i of ruled) {
      const value = valueOf(i.def.code, period.label, member);
      if (value === null) continue;
      for (const rule of i.def.alerts) {
        const compared = comparedValue(ctx, rule, i, member, period, buckets, valueOf);
        if (rule.compare !== 'value' && (compared === null || compared.isZero())) continue;
        const metric = rule.compare === 'value' ? value : metricOf(rule, value, compared!);
        const band = firing(rule, metric);
        if (!band) continue;
        const threshold = band.above !== undefined ? `> ${band.above}` : `< ${band.below}`;
        alerts.push({
          indicator: i,
          rule: rule.name,
          severity: band.severity,
          unit: member,
          period: period.label,
          value: value.toFixed(2),
          metric: metric.toFixed(2),
          comparedWith: compared ? compared.toFixed(2) : null,
          threshold,
          message: `${i.def.name.en} (${i.def.code}) ${describe(rule)} is ${metric.toFixed(2)}, ${threshold}: ${band.severity} for ${member} in ${period.label}`,
        });
      }
    }
  }
  return alerts.sort(
    (a, b) =>
      RANK[b.severity] - RANK[a.severity] ||
      a.indicator.def.code.localeCompare(b.indicator.def.code) ||
      a.unit.localeCompare(b.unit),
  );
}

function comparedValue(
  ctx: EngineContext,
  rule: AlertRule,
  i: Indicator,
  member: string,
  period: Period,
  buckets: Map<string, Period>,
  valueOf: (code: string, label: string, member: string) => Decimal | null,
): Decimal | null {
  switch (rule.compare) {
    case 'value':
      return null;
    case 'target':
      return ctx.runtime.targets.get(i.def.code, period.label, member) ?? null;
    case 'indicator':
      return valueOf(rule.indicator!, period.label, member);
    case 'previous':
    case 'year_ago':
      return valueOf(i.def.code, buckets.get(rule.compare)!.label, member);
  }
}

/** % of target / of the other indicator, or growth % against an earlier period. */
function metricOf(rule: AlertRule, value: Decimal, compared: Decimal): Decimal {
  if (rule.compare === 'target' || rule.compare === 'indicator') return value.div(compared, 6)!.mul(HUNDRED);
  const abs = compared.compare(Decimal.ZERO) < 0 ? compared.negate() : compared;
  return value.sub(compared).div(abs, 6)!.mul(HUNDRED);
}

function firing(rule: AlertRule, metric: Decimal) {
  const matches = rule.bands.filter(
    (b) =>
      (b.above === undefined || metric.compare(Decimal.of(String(b.above))) > 0) &&
      (b.below === undefined || metric.compare(Decimal.of(String(b.below))) < 0),
  );
  return matches.sort((a, b) => RANK[b.severity] - RANK[a.severity])[0];
}

function describe(rule: AlertRule): string {
  switch (rule.compare) {
    case 'value':
      return '';
    case 'target':
      return 'as % of target';
    case 'indicator':
      return `as % of ${rule.indicator}`;
    case 'previous':
      return 'growth vs the previous period (%)';
    case 'year_ago':
      return 'growth vs a year earlier (%)';
  }
}
