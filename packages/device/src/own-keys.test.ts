import {
  decodeMetadata,
  decodeServiceData,
  decryptMetadata,
  deriveAemk,
  deriveRpik,
  rollingProximityId,
  enIntervalNumber,
} from '@cocoa/protocol';
import { nodeCryptoBackend } from '@cocoa/protocol/node';
import { describe, expect, it } from 'vitest';
import { ownKeys } from './own-keys.ts';
import { secureRecords } from './records.ts';
import { memoryKeyVault, memoryStorage } from './storage/memory.ts';

const calibration = { txPowerDbm: -30, rssiCorrection: 8, calibrationConfidence: 3 };
const T = Date.UTC(2026, 11, 1, 3, 2, 0);

describe('own keys', () => {
  it('advertises the RPI of the current interval with the calibrated TX power in the metadata', async () => {
    const keys = ownKeys(
      secureRecords(memoryStorage(), memoryKeyVault()),
      nodeCryptoBackend,
      calibration,
    );
    const advertised = decodeServiceData(await keys.serviceDataAt(T));
    const [tek] = await keys.keysForSubmission(T);

    const rpik = deriveRpik(nodeCryptoBackend, tek!.keyData);
    expect(advertised.rollingProximityId).toEqual(
      rollingProximityId(nodeCryptoBackend, rpik, enIntervalNumber(T)),
    );
    const metadata = decodeMetadata(
      decryptMetadata(
        nodeCryptoBackend,
        deriveAemk(nodeCryptoBackend, tek!.keyData),
        advertised.rollingProximityId,
        advertised.associatedEncryptedMetadata,
      ),
    );
    expect(metadata).toEqual({
      versionMajor: 1,
      versionMinor: 0,
      calibrationConfidence: 3,
      txPowerDbm: -30,
    });
  });

  it('changes the advertisement every 10 minutes and the key at UTC midnight', async () => {
    const keys = ownKeys(
      secureRecords(memoryStorage(), memoryKeyVault()),
      nodeCryptoBackend,
      calibration,
    );
    const a = await keys.serviceDataAt(T);
    expect(await keys.serviceDataAt(T + 5 * 60_000)).toEqual(a);
    expect(await keys.serviceDataAt(T + 10 * 60_000)).not.toEqual(a);

    await keys.serviceDataAt(Date.UTC(2026, 11, 2, 0, 1));
    const submitted = await keys.keysForSubmission(Date.UTC(2026, 11, 2, 0, 1));
    expect(submitted.map((k) => k.rollingStartIntervalNumber)).toEqual([
      enIntervalNumber(Date.UTC(2026, 11, 1)),
      enIntervalNumber(Date.UTC(2026, 11, 2)),
    ]);
  });

  it('releases today’s key up to now and never advertises it again', async () => {
    const keys = ownKeys(
      secureRecords(memoryStorage(), memoryKeyVault()),
      nodeCryptoBackend,
      calibration,
    );
    await keys.serviceDataAt(T);
    await keys.releaseToday(T);
    const [released] = await keys.keysForSubmission(T);
    expect(released!.rollingPeriod).toBe(
      enIntervalNumber(T) - released!.rollingStartIntervalNumber + 1,
    );

    const next = decodeServiceData(await keys.serviceDataAt(T + 10 * 60_000));
    const oldRpi = rollingProximityId(
      nodeCryptoBackend,
      deriveRpik(nodeCryptoBackend, released!.keyData),
      enIntervalNumber(T) + 1,
    );
    expect(next.rollingProximityId).not.toEqual(oldRpi);
    const later = await keys.keysForSubmission(T + 10 * 60_000);
    expect(later).toHaveLength(2);
    expect(later[1]!.rollingStartIntervalNumber).toBe(enIntervalNumber(T) + 1);
    expect(later[1]!.rollingStartIntervalNumber + later[1]!.rollingPeriod).toBe(
      enIntervalNumber(Date.UTC(2026, 11, 2)),
    );
  });
});
