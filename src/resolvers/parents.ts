/** An indicator's owner as written in its definition. */
export interface IndicatorOwnerParent {
  department: string;
  person: string;
}

export type { Indicator as IndicatorParent } from '../indicators/dictionary';
