/** The simulation report: what was simulated and how contact days compared with the truth. */
import type { Confusion } from '../metrics.ts';

/** Per UTC day of the simulation. */
export interface DayReport {
  day: number;
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  newInfections: number;
  positiveResults: number;
  registrations: number;
  /** Phones that showed a notification that day. */
  notifications: number;
  /** App users' contact days on this date against the ground truth. */
  contactDays: Confusion;
}

/** Summary statistics of a list of numbers. */
export interface Distribution {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
}

/** Everything a run reports. */
export interface SimulationReport {
  parameters: {
    phones: number;
    days: number;
    seed: number;
    adoption: number;
    registrationShare: number;
    configuration: string;
    exportPeriodHours: number;
    checkIntervalHours: number;
  };
  town: {
    households: number;
    officeRooms: number;
    classes: number;
    shops: number;
    lines: number;
    appUsers: number;
  };
  days: DayReport[];
  overall: {
    contactDays: Confusion;
    precision: number | null;
    recall: number | null;
    infected: number;
    positiveResults: number;
    numbersIssued: number;
    registrations: { attempted: number; succeeded: number };
    keysSubmitted: number;
    /** Keys in published export files, padding keys included. */
    keysPublished: number;
    exportFiles: number;
    notifications: number;
    /** Hours from a positive test result to the notification of a phone that met the person. */
    notificationDelayHours: Distribution;
    exportBytesPerPhone: Distribution;
    radioReadings: number;
  };
  requests: Record<string, number>;
  runtime: { wallSeconds: number; peakRssMiB: number };
}
