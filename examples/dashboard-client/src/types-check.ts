import type { CustomerPageQuery, DashboardQuery } from './gql/graphql.js';

/**
 * Compile-time checks of the generated types (`npm run build` typechecks this file): the hub's `Decimal`
 * and `Date` are strings — not `unknown`, `any` or a number — as codegen.ts maps them.
 */
type Cell = NonNullable<DashboardQuery['indicatorValues']>['rows'][number]['cells'][number];
type Customer = NonNullable<CustomerPageQuery['customers']>[number];

export const decimalIsText = (cell: Cell): string | null => cell.value;
export const dateIsText = (customer: Customer): string | null => customer.createdOn;

// @ts-expect-error a Decimal is not a number (this line fails to compile if it were `any`)
export const decimalIsNotANumber = (cell: Cell): number | null => cell.value;
// @ts-expect-error a Date is not a number either
export const dateIsNotANumber = (customer: Customer): number | null => customer.createdOn;
