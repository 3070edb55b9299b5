import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveRpik, rollingProximityId } from '../crypto/keys.ts';
import { nodeCryptoBackend as backend } from '../node/crypto-backend.ts';
import { enIntervalNumber } from '../time.ts';
import { createMatcher } from './matcher.ts';
import { DRIFT_INTERVALS } from './sighting-index.ts';
import { testSender } from './test-helpers.ts';

const DAY = Date.UTC(2022, 7, 10);
const NOW = DAY + 3 * 86_400_000;

describe('matcher against a brute-force reference', () => {
  it("finds exactly the readings whose RPI is in the key's widened window and within ±2 h", () => {
    const senders = [-1, 0, 1].map((d) => testSender(backend, DAY + d * 86_400_000));
    const reading = fc.record({
      sender: fc.integer({ min: 0, max: 2 }),
      minute: fc.integer({ min: -2 * 1440, max: 3 * 1440 }),
      skewMinutes: fc.integer({ min: -200, max: 200 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(reading, { maxLength: 12, selector: (r) => r.minute }),
        (readings) => {
          const sightings = readings.map((r) => {
            const atMs = DAY + r.minute * 60_000;
            return senders[r.sender]!.heard(atMs, -60, { senderMs: atMs + r.skewMinutes * 60_000 });
          });
          const matcher = createMatcher({ backend, sightings, rssiCorrection: 0, nowMs: NOW });

          for (const sender of senders) {
            const { rollingStartIntervalNumber: start, rollingPeriod } = sender.key;
            const rpik = deriveRpik(backend, sender.key.keyData);
            const expected = sightings.filter((s) => {
              const heard = enIntervalNumber(s.timestampMs);
              for (
                let j = start - DRIFT_INTERVALS;
                j < start + rollingPeriod + DRIFT_INTERVALS;
                j++
              ) {
                if (Math.abs(heard - j) > DRIFT_INTERVALS) continue;
                const rpi = rollingProximityId(backend, rpik, j);
                if (Buffer.from(rpi).equals(Buffer.from(s.rollingProximityId))) return true;
              }
              return false;
            }).length;
            const windows = matcher.matchKey(sender.key);
            const found = windows.reduce((n, w) => n + w.scanInstances.length, 0);
            expect(found).toBe(expected);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
