/**
 * Maps the engine's status to the translation keys the home screen shows, so the wording
 * lives in the resource files and the mapping is testable without a browser.
 */
import type { CannotCheckReason, DeviceStatus } from '@cocoa/device';

/** Translation keys for the status headline, its explanation and the reason, if any. */
export interface StatusText {
  state: 'working' | 'stopped' | 'cannotCheck';
  headline: string;
  help: string;
  reason: string | null;
}

const REASON_KEYS: Record<CannotCheckReason, string> = {
  network: 'reason.network',
  'server-error': 'reason.serverBusy',
  signature: 'reason.signature',
  clock: 'reason.clock',
  configuration: 'reason.config',
  storage: 'reason.storage',
};

/** The keys describing a status; recording off always wins because nothing is recorded. */
export function statusText(status: DeviceStatus): StatusText {
  if (status.state === 'stopped' || !status.recording) {
    return {
      state: 'stopped',
      headline: 'home.status.stopped',
      help: 'home.statusHelp.stopped',
      reason: 'reason.recordingOff',
    };
  }
  if (status.state === 'cannot-check') {
    return {
      state: 'cannotCheck',
      headline: 'home.status.cannotCheck',
      help: 'home.statusHelp.cannotCheck',
      reason: status.reason ? REASON_KEYS[status.reason] : 'reason.unknown',
    };
  }
  return {
    state: 'working',
    headline: 'home.status.working',
    help: 'home.statusHelp.working',
    reason: null,
  };
}
