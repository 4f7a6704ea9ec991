import type { EntityParent } from '../hub/entities';

/** What each GraphQL object type resolves from (codegen `mappers`): an entity with its fetched rows. */
export type DepartmentParent = EntityParent;
export type EmployeeParent = EntityParent;
export type CustomerParent = EntityParent;
export type SupplierParent = EntityParent;
export type ProductParent = EntityParent;
export type ContractParent = EntityParent;
export type ReceivableParent = EntityParent;
export type PurchaseOrderParent = EntityParent;
export type ContactParent = EntityParent;
export type OrderParent = EntityParent;

/** An indicator's owner as written in its definition. */
export interface IndicatorOwnerParent {
  department: string;
  person: string;
}

export type { Indicator as IndicatorParent } from '../indicators/dictionary';
