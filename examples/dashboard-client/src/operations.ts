import { graphql } from './gql/index.js';

/**
 * The dashboard's operations, typed by the client preset (`npm run codegen` reads every `graphql(...)`
 * here). Each becomes an entry of src/gql/persisted-documents.json, which the hub's operators register
 * as its trusted documents; at run time only the entry's id is sent (src/persisted.ts).
 */

/** The dashboard: several indicators × months × departments, one table (one statement per source). */
export const DashboardDocument = graphql(`
  query Dashboard($codes: [String!]!, $from: String!, $to: String!) {
    indicatorValues(codes: $codes, from: $from, to: $to, grain: MONTH, by: [department]) {
      periods {
        label
      }
      indicators {
        code
        nameEn
        unit
      }
      rows {
        period
        members {
          id
          name
        }
        cells {
          code
          value
          reason
        }
      }
    }
  }
`);

/** One indicator's monthly series for its best members of a dimension (`by` + `top`), for a chart. */
export const TopSeriesDocument = graphql(`
  query TopSeries($code: String!, $from: String!, $to: String!, $by: IndicatorDimension!, $n: Int!) {
    indicatorValues(codes: [$code], from: $from, to: $to, grain: MONTH, by: [$by], top: { indicator: $code, n: $n }) {
      series {
        code
        members {
          id
          name
        }
        points {
          period
          value
          reason
        }
      }
    }
  }
`);

/** A table's page: sorted, limited, offset, with the total under the viewer's row rules. */
export const CustomerPageDocument = graphql(`
  query CustomerPage($orderBy: CustomerOrder!, $limit: Int!, $offset: Int!) {
    customers(orderBy: $orderBy, limit: $limit, offset: $offset) {
      id
      name
      segment
      region
      createdOn
    }
    customersCount
  }
`);

/** Governance notices, live (graphql-ws on the same /graphql). */
export const NoticesDocument = graphql(`
  subscription Notices($codes: [String!]) {
    indicatorNotices(codes: $codes) {
      id
      kind
      code
      version
      actor
      at
      note
    }
  }
`);
