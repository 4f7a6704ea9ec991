import type { HubApi } from './api';

export interface Session {
  api: HubApi;
  me: { principal: string; roles: string[]; scope: string; operations: string[] };
  /** The period the screens show (alerts, decomposition, the trend's year): 2025-Q4, 2025-12, 2025… */
  period: string;
  canExport: boolean;
  /** The indicator code picked in the dictionary, charted by the charts screen. */
  selected?: string;
  show(screen: string, arg?: string): void;
}

/** The year of a period label ("2025-Q4" → 2025). */
export function yearOf(period: string): number {
  return Number(period.slice(0, 4));
}
