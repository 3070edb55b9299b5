/**
 * Transmission risk level (the deprecated v1 field, 1..8) derived on the server from the
 * report type and days since onset. It is never 0: Android's v1 scoring multiplied by it, and
 * COCOA's Android users got no notifications for four months when published keys carried 0.
 */
import { ReportType } from '../model.ts';

/** Lowest level we ever publish. */
export const MIN_TRANSMISSION_RISK = 1;

/** Highest level of the v1 scale. */
export const MAX_TRANSMISSION_RISK = 8;

/**
 * Level for a key: highest around onset, lower further away, one step lower for self
 * reports, the floor for recursive or unknown reports. Always in 1..8.
 */
export function deriveTransmissionRisk(reportType: ReportType, daysSinceOnset: number): number {
  const distance = Math.abs(daysSinceOnset);
  const base = distance <= 2 ? 6 : distance <= 5 ? 5 : distance <= 9 ? 3 : 2;

  switch (reportType) {
    case ReportType.CONFIRMED_TEST:
    case ReportType.CONFIRMED_CLINICAL_DIAGNOSIS:
      return base;
    case ReportType.SELF_REPORT:
      return Math.max(MIN_TRANSMISSION_RISK, base - 1);
    default:
      return MIN_TRANSMISSION_RISK;
  }
}
