import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { Request, Response, NextFunction } from 'express';

const EXAMPLE = `# The dashboard query: every department's figures from four systems.
# Paste a token into the Authorization header below (npm run demo:tokens prints one per demo user).
# With "X-Hub-Trace": "1" the response's extensions.trace shows the statements sent to each source.
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
  const page = renderGraphiQL({
    endpoint,
    title: 'indicator-hub',
    defaultQuery: EXAMPLE,
    // A placeholder, never a real credential: `npm run demo:tokens` prints tokens for the demo users.
    headers: JSON.stringify({ Authorization: 'Bearer <paste a token from: npm run demo:tokens>', 'X-Hub-Trace': '1' }, null, 2),
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' && req.accepts(['text/html', 'application/json']) === 'text/html') {
      res.type('html').send(page);
      return;
    }
    next();
  };
}
