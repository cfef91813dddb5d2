/** A point in WGS84 degrees. */
export interface GeoPoint {
  lat: number;
  lng: number;
}

/** Mean Earth radius (IUGG), the one haversine formulas, PostGIS spheres and Meilisearch use. */
export const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in km (haversine). */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Generous boxes around metropolitan France, Corsica and the five overseas departments. */
const FRANCE_BOXES = [
  { name: 'metropolitan France', lat: [41.2, 51.2], lng: [-5.3, 9.7] },
  { name: 'Guadeloupe', lat: [15.8, 16.6], lng: [-61.9, -60.9] },
  { name: 'Martinique', lat: [14.35, 14.95], lng: [-61.3, -60.75] },
  { name: 'Guyane', lat: [2.0, 6.0], lng: [-54.7, -51.5] },
  { name: 'La Réunion', lat: [-21.45, -20.85], lng: [55.15, 55.9] },
  { name: 'Mayotte', lat: [-13.05, -12.6], lng: [44.95, 45.35] },
] as const;

export function isInFrance(p: GeoPoint): boolean {
  return FRANCE_BOXES.some((b) => p.lat >= b.lat[0] && p.lat <= b.lat[1] && p.lng >= b.lng[0] && p.lng <= b.lng[1]);
}

/**
 * How far precise coordinates may lie from the centre of the commune given with them: catches
 * swapped lat/lng and the wrong commune. Guyane's communes are vast.
 */
export function maxKmFromCommuneCentre(department: string): number {
  return department === '973' ? 150 : 40;
}
