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
}

/** Straight-line km × detour ÷ speed + access time, for each usable mode; the fastest wins. */
export function straightLineTravel(config: Pick<MatchingConfig, 'modes'>): TravelEstimator {
  const usable = (means: TravellerMeans) =>
    TRANSPORT_MODES.filter((m) => means.modes.includes(m) && (!config.modes[m].needsLicence || means.drivingLicence));
  return {
    estimate(from, to, means) {
      const km = distanceKm(from, to);
      let best: TravelEstimate | null = null;
      for (const mode of usable(means)) {
        const { speedKmh, detour, accessMinutes } = config.modes[mode];
        const minutes = ((km * detour) / speedKmh) * 60 + accessMinutes;
        if (!best || minutes < best.minutes) best = { mode, km, minutes };
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
