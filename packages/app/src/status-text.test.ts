import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '@cocoa/device';
import { statusText } from './status-text.ts';
import { createI18n } from './i18n/index.ts';

const base: DeviceStatus = {
  state: 'working',
  recording: true,
  notifications: true,
  lastCheckMs: 1,
  lastAttemptMs: 1,
  clockSkewMs: 0,
  clockSkewWarning: false,
  firstUseMs: 1,
  storageProblem: null,
};

describe('statusText', () => {
  it.each([
    { status: base, state: 'working', reason: null },
    {
      status: { ...base, state: 'stopped', recording: false },
      state: 'stopped',
      reason: 'reason.recordingOff',
    },
    {
      status: { ...base, state: 'cannot-check', reason: 'network' },
      state: 'cannotCheck',
      reason: 'reason.network',
    },
    {
      status: { ...base, state: 'cannot-check', reason: 'signature' },
      state: 'cannotCheck',
      reason: 'reason.signature',
    },
    {
      status: { ...base, state: 'cannot-check', reason: 'clock' },
      state: 'cannotCheck',
      reason: 'reason.clock',
    },
    {
      status: { ...base, state: 'cannot-check', reason: 'server-error' },
      state: 'cannotCheck',
      reason: 'reason.serverBusy',
    },
    { status: { ...base, state: 'cannot-check' }, state: 'cannotCheck', reason: 'reason.unknown' },
  ] as { status: DeviceStatus; state: string; reason: string | null }[])(
    '$state / $reason',
    async ({ status, state, reason }) => {
      const text = statusText(status);
      expect(text.state).toBe(state);
      expect(text.reason).toBe(reason);
      // Every key must resolve to real text in both languages.
      for (const language of ['ja', 'en'] as const) {
        const i18n = await createI18n(language);
        for (const key of [text.headline, text.help, text.reason]) {
          if (key) expect(i18n.exists(key)).toBe(true);
        }
      }
    },
  );
});
