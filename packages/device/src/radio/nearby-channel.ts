/**
 * A "nearby" radio between browser windows of one origin (or workers of one Node process):
 * each window announces its advertisement on a BroadcastChannel together with the distance it
 * pretends to be at, and a scan turns every announced advertisement into RSSI readings through
 * the path-loss model. Two windows side by side act as two phones.
 */
import type { Radio, RadioReading } from './radio.ts';
import { logDistancePathLoss, type PathLossModel } from './path-loss.ts';

/** Default channel name shared by every window of the app. */
export const NEARBY_CHANNEL_NAME = 'cocoa-nearby';

/** Options of `createNearbyChannelRadio`. */
export interface NearbyChannelOptions {
  /** Distance this phone claims to everyone else, metres. */
  distanceM: number;
  /** Calibrated TX power the phone emits at, dBm. */
  txPowerDbm: number;
  /** This phone's RSSI correction. */
  rssiCorrection: number;
  channelName?: string;
  pathLoss?: PathLossModel;
  random?: () => number;
  readingsPerScan?: number;
}

/** A nearby-channel radio whose distance can change while it runs. */
export interface NearbyChannelRadio extends Radio {
  setDistance(distanceM: number): void;
}

interface Announcement {
  type: 'adv' | 'bye' | 'hello';
  from: string;
  serviceData?: Uint8Array;
  txPowerDbm?: number;
  distanceM?: number;
}

interface Peer {
  serviceData: Uint8Array;
  txPowerDbm: number;
  distanceM: number;
}

/** Opens the channel and asks the windows already there to announce themselves. */
export function createNearbyChannelRadio(options: NearbyChannelOptions): NearbyChannelRadio {
  const pathLoss = options.pathLoss ?? logDistancePathLoss();
  const random = options.random ?? Math.random;
  const readings = options.readingsPerScan ?? 3;
  const channel = new BroadcastChannel(options.channelName ?? NEARBY_CHANNEL_NAME);
  // A random tag per window, only to tell peers apart on the channel; never stored.
  const self = Math.floor(random() * 2 ** 48).toString(36);
  const peers = new Map<string, Peer>();
  let distanceM = options.distanceM;
  let current: Uint8Array | null = null;

  const announce = (): void => {
    const message: Announcement = current
      ? { type: 'adv', from: self, serviceData: current, txPowerDbm: options.txPowerDbm, distanceM }
      : { type: 'bye', from: self };
    channel.postMessage(message);
  };

  channel.onmessage = (event: MessageEvent<Announcement>) => {
    const m = event.data;
    if (!m || typeof m.from !== 'string' || m.from === self) return;
    if (m.type === 'hello') {
      if (current) announce();
    } else if (m.type === 'bye') {
      peers.delete(m.from);
    } else if (
      m.serviceData instanceof Uint8Array &&
      m.serviceData.length === 20 &&
      typeof m.txPowerDbm === 'number' &&
      typeof m.distanceM === 'number'
    ) {
      peers.set(m.from, {
        serviceData: m.serviceData,
        txPowerDbm: m.txPowerDbm,
        distanceM: m.distanceM,
      });
    }
  };
  channel.postMessage({ type: 'hello', from: self } satisfies Announcement);

  // A window closed without stopping its engine would otherwise linger as a phantom phone.
  const leave = (): void => {
    channel.postMessage({ type: 'bye', from: self } satisfies Announcement);
  };
  globalThis.addEventListener?.('pagehide', leave);

  return {
    advertise(serviceData) {
      current = serviceData ? serviceData.slice() : null;
      announce();
    },
    setDistance(meters) {
      distanceM = meters;
      if (current) announce();
    },
    scan(nowMs) {
      const heard: RadioReading[] = [];
      for (const peer of peers.values()) {
        // Both sides chose a distance; the farther one wins so neither overstates closeness.
        const d = Math.max(distanceM, peer.distanceM);
        for (let i = 0; i < readings; i++) {
          const attenuation = pathLoss.attenuationDb(d, random);
          heard.push({
            serviceData: peer.serviceData,
            rssi: Math.round(peer.txPowerDbm - attenuation - options.rssiCorrection),
            timestampMs: nowMs + i * 1000,
          });
        }
      }
      return Promise.resolve(heard);
    },
    close() {
      current = null;
      announce();
      globalThis.removeEventListener?.('pagehide', leave);
      channel.close();
    },
  };
}
