import { describe, expect, it } from 'vitest';
import { createSimulatedMedium } from './simulated.ts';
import { createNearbyChannelRadio } from './nearby-channel.ts';
import { logDistancePathLoss, seededRandom } from './path-loss.ts';

const payload = (fill: number): Uint8Array => new Uint8Array(20).fill(fill);
const exact = logDistancePathLoss({ attenuationAt1mDb: 50, exponent: 2, sigmaDb: 0 });

describe('logDistancePathLoss', () => {
  it.each([
    [1, 50],
    [10, 70],
    [100, 90],
  ])('at %s m gives %s dB without shadowing', (distance, expected) => {
    expect(exact.attenuationDb(distance, Math.random)).toBeCloseTo(expected, 9);
  });

  it('spreads readings with the configured standard deviation', () => {
    const model = logDistancePathLoss({ attenuationAt1mDb: 60, exponent: 2, sigmaDb: 3 });
    const random = seededRandom(7);
    const samples = Array.from({ length: 20_000 }, () => model.attenuationDb(1, random));
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    const sd = Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / samples.length);
    expect(Math.abs(mean - 60)).toBeLessThan(0.15);
    expect(sd).toBeGreaterThan(2.8);
    expect(sd).toBeLessThan(3.2);
  });

  it('refuses a non-positive exponent', () => {
    expect(() => logDistancePathLoss({ exponent: 0 })).toThrow(RangeError);
  });
});

describe('createSimulatedMedium', () => {
  it('turns distance into RSSI so the receiver computes the model attenuation', async () => {
    const medium = createSimulatedMedium({ pathLoss: exact, readingsPerScan: 3 });
    const a = medium.attach({ position: { x: 0, y: 0 }, txPowerDbm: -10, rssiCorrection: 5 });
    const b = medium.attach({ position: { x: 10, y: 0 }, txPowerDbm: -20, rssiCorrection: 2 });
    a.advertise(payload(1));
    b.advertise(payload(2));

    const heardByA = await a.scan(1_000);
    expect(heardByA.map((r) => [r.serviceData[0], r.timestampMs])).toEqual([
      [2, 1_000],
      [2, 2_000],
      [2, 3_000],
    ]);
    // attenuation = senderTx − (rssi + receiverCorrection) = 70 dB at 10 m.
    for (const r of heardByA) expect(-20 - (r.rssi + 5)).toBe(70);

    b.moveTo({ x: 1, y: 0 });
    const near = await a.scan(5_000);
    expect(-20 - ((near[0]?.rssi ?? 0) + 5)).toBe(50);
  });

  it('hears nothing from radios that stopped advertising, closed or are out of range', async () => {
    const medium = createSimulatedMedium({ pathLoss: exact, maxAttenuationDb: 80 });
    const a = medium.attach({ position: { x: 0, y: 0 }, txPowerDbm: -10, rssiCorrection: 0 });
    const b = medium.attach({ position: { x: 1, y: 0 }, txPowerDbm: -10, rssiCorrection: 0 });
    const far = medium.attach({ position: { x: 1000, y: 0 }, txPowerDbm: -10, rssiCorrection: 0 });
    far.advertise(payload(3));
    b.advertise(payload(2));
    expect(await a.scan(0)).toHaveLength(3);

    b.advertise(null);
    expect(await a.scan(0)).toHaveLength(0);
    b.advertise(payload(2));
    b.close();
    expect(await a.scan(0)).toHaveLength(0);
    expect(medium.size).toBe(2);
  });
});

describe('createNearbyChannelRadio', () => {
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 30));

  it('lets two radios on one channel hear each other at the farther chosen distance', async () => {
    const channelName = `test-${Math.random()}`;
    const common = { channelName, pathLoss: exact, txPowerDbm: -10, rssiCorrection: 0 };
    const a = createNearbyChannelRadio({ ...common, distanceM: 1 });
    const b = createNearbyChannelRadio({ ...common, distanceM: 10 });
    try {
      b.advertise(payload(9));
      await settle();
      const heard = await a.scan(0);
      expect(heard).toHaveLength(3);
      expect(heard[0]?.serviceData[0]).toBe(9);
      expect(-10 - (heard[0]?.rssi ?? 0)).toBe(70);

      b.setDistance(1);
      await settle();
      expect(-10 - ((await a.scan(0))[0]?.rssi ?? 0)).toBe(50);

      b.advertise(null);
      await settle();
      expect(await a.scan(0)).toHaveLength(0);
    } finally {
      a.close();
      b.close();
    }
  });

  it('learns about radios that were advertising before it opened', async () => {
    const channelName = `test-${Math.random()}`;
    const common = { channelName, pathLoss: exact, txPowerDbm: -10, rssiCorrection: 0 };
    const early = createNearbyChannelRadio({ ...common, distanceM: 1 });
    early.advertise(payload(4));
    await settle();
    const late = createNearbyChannelRadio({ ...common, distanceM: 1 });
    try {
      await settle();
      expect((await late.scan(0)).map((r) => r.serviceData[0])).toEqual([4, 4, 4]);
      early.close();
      await settle();
      expect(await late.scan(0)).toHaveLength(0);
    } finally {
      late.close();
    }
  });
});
