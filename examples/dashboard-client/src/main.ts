import { ClientError } from 'graphql-request';
import { CustomerPageDocument, DashboardDocument, NoticesDocument, TopSeriesDocument } from './operations.js';
import { hubFromEnv, request, subscribe, wsClient } from './persisted.js';
import type { CustomerSortField, DashboardQuery, IndicatorDimension, SortDirection } from './gql/graphql.js';

/**
 * `npm start -- <command> [arguments]`: runs one of the dashboard's operations against the hub named by
 * HUB_URL (HUB_TOKEN or HUB_API_KEY) and prints its typed result as JSON.
 *
 *   dashboard <codes,comma,separated> <from YYYY-MM> <to YYYY-MM>    indicator values by department × month
 *   series <code> <from> <to> <dimension> <n>                       the n best members' monthly series
 *   customers <field> <ASC|DESC> <limit> <offset>                   a page of customers and their total
 *   notices [count] [codes,comma,separated]                         prints notices as they come (one JSON a line)
 */
const [command, ...args] = process.argv.slice(2);
const hub = hubFromEnv();

/** A Decimal is text ("1234.50"): keep it so, or give it to a decimal library — never parseFloat for money. */
function dashboardTable(data: DashboardQuery) {
  const table = data.indicatorValues;
  if (!table) return null;
  return table.rows.map((row) => {
    const cells: Record<string, string | null> = {};
    for (const cell of row.cells) {
      const value: string | null = cell.value; // Decimal → string (codegen.ts: scalars)
      cells[cell.code] = value;
    }
    return { period: row.period, department: row.members[0]?.id ?? null, name: row.members[0]?.name ?? null, cells };
  });
}

async function main(): Promise<void> {
  switch (command) {
    case 'dashboard': {
      const [codes = 'revenue', from = '2025-01', to = from] = args;
      const data = await request(hub, DashboardDocument, { codes: codes.split(','), from, to });
      print({ indicators: data.indicatorValues?.indicators ?? [], rows: dashboardTable(data) });
      return;
    }
    case 'series': {
      const [code = 'revenue', from = '2025-01', to = '2025-06', by = 'customer_region', n = '3'] = args;
      const data = await request(hub, TopSeriesDocument, {
        code,
        from,
        to,
        by: by as IndicatorDimension,
        n: Number(n),
      });
      print(data.indicatorValues?.series ?? []);
      return;
    }
    case 'customers': {
      const [field = 'name', direction = 'ASC', limit = '10', offset = '0'] = args;
      const data = await request(hub, CustomerPageDocument, {
        orderBy: { field: field as CustomerSortField, direction: direction as SortDirection },
        limit: Number(limit),
        offset: Number(offset),
      });
      print({ total: data.customersCount, page: data.customers });
      return;
    }
    case 'notices': {
      const [count = '0', codes] = args;
      const client = wsClient(hub);
      let seen = 0;
      console.error('subscribed to indicatorNotices');
      try {
        for await (const event of subscribe(client, NoticesDocument, { codes: codes ? codes.split(',') : null })) {
          if (event.errors?.length) throw new Error(`subscription error: ${JSON.stringify(event.errors)}`);
          console.log(JSON.stringify(event.data?.indicatorNotices ?? null));
          seen += 1;
          if (Number(count) > 0 && seen >= Number(count)) break;
        }
      } finally {
        await client.dispose();
      }
      return;
    }
    default:
      throw new Error(`unknown command ${command ?? '(none)'}: dashboard | series | customers | notices`);
  }
}

function print(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

main().catch((error: unknown) => {
  // A refused request: the hub's coded error (see the hub's README "Errors as a contract").
  if (error instanceof ClientError) {
    console.error(JSON.stringify({ status: error.response.status, errors: error.response.errors ?? null }));
  } else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
