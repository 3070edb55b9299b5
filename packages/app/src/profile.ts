/**
 * Per-window profiles for trying the app on one computer. Windows of one browser share their
 * storage, so `?profile=b` gives a window its own preferences and engine databases and makes
 * it a second phone; `?distance=3` sets how far it pretends to be on the nearby channel.
 */

/** Storage names and start-up overrides taken from the page address. */
export interface WindowProfile {
  /** `""` for the default phone, otherwise a short name such as `b`. */
  name: string;
  /** Distance from the address, metres, when given. */
  distanceM: number | null;
}

/** Reads the profile from a query string such as `?profile=b&distance=3`. */
export function readProfile(search: string): WindowProfile {
  const params = new URLSearchParams(search);
  const raw = params.get('profile') ?? '';
  // Only short plain names: the value ends up in database and storage key names.
  const name = /^[a-z0-9]{1,16}$/i.test(raw) ? raw.toLowerCase() : '';
  const distance = Number(params.get('distance'));
  const distanceM = Number.isFinite(distance) && distance > 0 && distance < 100 ? distance : null;
  return { name, distanceM };
}

/** Appends the profile name to a storage name, leaving the default profile's names as they are. */
export function profiled(base: string, profile: WindowProfile): string {
  return profile.name ? `${base}-${profile.name}` : base;
}

/** The profile of this window. */
export function currentProfile(): WindowProfile {
  return readProfile(window.location.search);
}
