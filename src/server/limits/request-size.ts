/**
 * What a request being answered costs in heap, estimated before it runs, for the in-flight budget's
 * `maxBytes` (src/server/limits/in-flight.ts). Calibrated on the demo company at scale factor 10 with the
 * built hub (docs/configuration.md, "limits.inFlight"): a dashboard of 41,904 cells (12 indicators × 12
 * months × 291 departments) raised the heap by ≈ 40 MB while it was answered alone (rows fetched, cells
 * evaluated, the completed result and its JSON, with the garbage of a small young generation) — ≈ 1 KiB a
 * cell; a 10,000-row customer list with contacts (estimated 670,001 field values by the cost rule, which
 * assumes 20 contacts a customer) raised it by ≈ 45 MB — ≈ 64 bytes per estimated field value.
 */
export const BYTES_PER_CELL = 1024;
export const BYTES_PER_FIELD = 80;

/** Estimated heap bytes of a request: its indicator cells (all tables, all views) and its other fields. */
export function requestBytes(cells: number, fieldCost: number): number {
  const fields = Number.isFinite(fieldCost) ? Math.max(0, fieldCost) : 0;
  return Math.ceil(cells * BYTES_PER_CELL + fields * BYTES_PER_FIELD);
}
