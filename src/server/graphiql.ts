import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { Request, Response, NextFunction } from 'express';

const EXAMPLE = `# The dashboard query: every department's figures from four systems.
# Add the header {"X-Hub-Trace": "1"} to see the SQL statements per source in extensions.trace.
{
  departments {
    id
    name
    head { name }
    headcount
    payrollCost(period: "2025-Q4")
    budget(period: "2025-Q4")
    actualExpense(period: "2025-Q4")
    revenue(period: "2025-Q4")
    procurementSpend(period: "2025-Q4")
  }
}
`;

/** GraphiQL, self-contained (no CDN): served for browser GETs of /graphql. */
export function graphiql(endpoint: string) {
  const page = renderGraphiQL({ endpoint, title: 'indicator-hub', defaultQuery: EXAMPLE });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' && req.accepts(['text/html', 'application/json']) === 'text/html') {
      res.type('html').send(page);
      return;
    }
    next();
  };
}
