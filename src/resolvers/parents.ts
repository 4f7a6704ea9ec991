/** An indicator's owner as written in its definition. */
export interface IndicatorOwnerParent {
  /** The owning organisation unit's hub id. */
  unit?: string;
  /** The owning person's hub id. */
  person: string;
}

export type { Indicator as IndicatorParent } from '../indicators/dictionary';
