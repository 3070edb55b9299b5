/**
 * A simulated shared medium: every attached radio hears every other advertising radio, with
 * RSSI from the distance between them through a path-loss model. Used by tests, the simulator
 * (thousands of phones) and demos.
 */
import type { Radio, RadioReading } from './radio.ts';
import { logDistancePathLoss, type PathLossModel } from './path-loss.ts';

/** A point on the floor, metres. */
export interface Position {
  x: number;
  y: number;
}

/** How a phone attaches: where it is and its model's calibration. */
export interface AttachOptions {
  position: Position;
  /** Power the phone really emits, as its calibrated TX power in dBm. */
  txPowerDbm: number;
  /** The receiver's calibration correction; the raw RSSI is reduced by it. */
  rssiCorrection: number;
}

/** A radio on the simulated medium that can be moved. */
export interface SimulatedRadio extends Radio {
  /** Current position. */
  readonly position: Position;
  moveTo(position: Position): void;
}

/** Options of `createSimulatedMedium`. */
export interface SimulatedMediumOptions {
  pathLoss?: PathLossModel;
  random?: () => number;
  /** Readings per sender per scan (a few seconds of advertisements). Default 3. */
  readingsPerScan?: number;
  /** Spacing of those readings. Default 1 s. */
  readingSpacingMs?: number;
  /** Attenuations above this are not heard at all. Default 100 dB. */
  maxAttenuationDb?: number;
}

/** The shared air that simulated radios advertise into and scan from. */
export interface SimulatedMedium {
  attach(options: AttachOptions): SimulatedRadio;
  /** Radios attached and not closed. */
  readonly size: number;
}

interface Member {
  options: AttachOptions;
  serviceData: Uint8Array | null;
}

/** Creates an empty medium. */
export function createSimulatedMedium(options: SimulatedMediumOptions = {}): SimulatedMedium {
  const pathLoss = options.pathLoss ?? logDistancePathLoss();
  const random = options.random ?? Math.random;
  const readings = options.readingsPerScan ?? 3;
  const spacing = options.readingSpacingMs ?? 1000;
  const maxAttenuation = options.maxAttenuationDb ?? 100;
  const members = new Set<Member>();

  const hear = (receiver: Member, nowMs: number): RadioReading[] => {
    const heard: RadioReading[] = [];
    for (const sender of members) {
      if (sender === receiver || !sender.serviceData) continue;
      const distance = Math.hypot(
        sender.options.position.x - receiver.options.position.x,
        sender.options.position.y - receiver.options.position.y,
      );
      for (let i = 0; i < readings; i++) {
        const attenuation = pathLoss.attenuationDb(distance, random);
        if (attenuation > maxAttenuation) continue;
        heard.push({
          serviceData: sender.serviceData,
          rssi: Math.round(
            sender.options.txPowerDbm - attenuation - receiver.options.rssiCorrection,
          ),
          timestampMs: nowMs + i * spacing,
        });
      }
    }
    return heard;
  };

  return {
    attach(attachOptions) {
      const member: Member = { options: { ...attachOptions }, serviceData: null };
      members.add(member);
      return {
        get position() {
          return member.options.position;
        },
        moveTo(position) {
          member.options.position = { ...position };
        },
        advertise(serviceData) {
          member.serviceData = serviceData ? serviceData.slice() : null;
        },
        scan: (nowMs) => Promise.resolve(members.has(member) ? hear(member, nowMs) : []),
        close() {
          members.delete(member);
        },
      };
    },
    get size() {
      return members.size;
    },
  };
}
