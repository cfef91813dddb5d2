import { distanceKm, type GeoPoint } from '../geo.js';
import { TRANSPORT_MODES, type TransportMode } from '../youth-profile.js';
import type { MatchingConfig } from './config.js';

/** How the youth would get to the workplace, by the best mode they have. */
export interface TravelEstimate {
  mode: TransportMode;
  /** Straight-line distance, km. */
  km: number;
  /** Estimated one-way door-to-door time. */
  minutes: number;
}

/** What a travel estimate may know of the youth: their modes and licence, nothing else. */
export interface TravellerMeans {
  modes: readonly TransportMode[];
  drivingLicence: boolean;
}

/**
 * Estimates one-way travel time. One implementation today (straight line); a routing engine
 * (OpenTripPlanner, OSRM…) can take its place behind this interface.
 */
export interface TravelEstimator {
  /** Null when the youth has no usable mode (no mode at all, or only a car without a licence). */
  estimate(from: GeoPoint, to: GeoPoint, means: TravellerMeans): TravelEstimate | null;
  /** The farthest straight-line distance reachable within `minutes` by the best usable mode. */
  reachableKm(minutes: number, means: TravellerMeans): number;
  /**
   * A lower bound of the time of any trip of `km` in a straight line by the best usable mode
   * (null when none is usable): retrieval bounds the score of what it has not read yet with it,
   * so a routing engine must never answer more than a real trip would take.
   */
  fastestMinutes(km: number, means: TravellerMeans): number | null;
}

/** Straight-line km × detour ÷ speed + access time, for each usable mode; the fastest wins. */
export function straightLineTravel(config: Pick<MatchingConfig, 'modes'>): TravelEstimator {
  // A ranking asks for the same youth's means hundreds of times: their usable modes are worked out once.
  const usableOf = new WeakMap<TravellerMeans, TransportMode[]>();
  const usable = (means: TravellerMeans) => {
    let modes = usableOf.get(means);
    if (!modes) {
      modes = TRANSPORT_MODES.filter((m) => means.modes.includes(m) && (!config.modes[m].needsLicence || means.drivingLicence));
      usableOf.set(means, modes);
    }
    return modes;
  };
  const minutesBy = (mode: TransportMode, km: number) => {
    const { speedKmh, detour, accessMinutes } = config.modes[mode];
    return ((km * detour) / speedKmh) * 60 + accessMinutes;
  };
  return {
    estimate(from, to, means) {
      const km = distanceKm(from, to);
      let best: TravelEstimate | null = null;
      for (const mode of usable(means)) {
        const minutes = minutesBy(mode, km);
        if (!best || minutes < best.minutes) best = { mode, km, minutes };
      }
      return best;
    },
    fastestMinutes(km, means) {
      let best: number | null = null;
      for (const mode of usable(means)) {
        const minutes = minutesBy(mode, km);
        if (best === null || minutes < best) best = minutes;
      }
      return best;
    },
    reachableKm(minutes, means) {
      let best = 0;
      for (const mode of usable(means)) {
        const { speedKmh, detour, accessMinutes } = config.modes[mode];
        best = Math.max(best, (Math.max(0, minutes - accessMinutes) / 60) * speedKmh / detour);
      }
      return best;
    },
  };
}
