/**
 * The radius prefilter of the PostgreSQL engine: the latitude/longitude ranges must hold every
 * point of the circle, or a document inside the radius would be missed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceKm, EARTH_RADIUS_KM } from '../../../src/domain/geo.js';
import { boundingBox } from '../../../src/adapters/search/postgres-engine.js';

/** The point at `km` from `from` in direction `bearing` (radians), on the mean-radius sphere. */
function destination(from: { lat: number; lng: number }, km: number, bearing: number) {
  const rad = Math.PI / 180;
  const d = km / EARTH_RADIUS_KM;
  const lat1 = from.lat * rad;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(bearing));
  const lng2 = from.lng * rad + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: lat2 / rad, lng: ((((lng2 / rad) + 540) % 360) - 180) };
}

describe('boundingBox', () => {
  it('holds every point within the radius', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -85, max: 85, noNaN: true }),
        fc.double({ min: -179, max: 179, noNaN: true }),
        fc.double({ min: 0.1, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        (lat, lng, radiusKm, share, bearing) => {
          const point = destination({ lat, lng }, radiusKm * share, bearing);
          fc.pre(distanceKm({ lat, lng }, point) <= radiusKm);
          const box = boundingBox({ lat, lng, radiusKm });
          expect(point.lat).toBeGreaterThanOrEqual(box.lat[0]);
          expect(point.lat).toBeLessThanOrEqual(box.lat[1]);
          if (box.lng) {
            expect(point.lng).toBeGreaterThanOrEqual(box.lng[0]);
            expect(point.lng).toBeLessThanOrEqual(box.lng[1]);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is barely wider than the circle in France', () => {
    const box = boundingBox({ lat: 45.75, lng: 4.85, radiusKm: 20 });
    expect(box.lat[1] - box.lat[0]).toBeCloseTo((2 * 20) / 111.195, 3);
    expect(box.lng).not.toBeNull();
    expect(distanceKm({ lat: 45.75, lng: box.lng![1] }, { lat: 45.75, lng: 4.85 })).toBeGreaterThan(20);
    expect(distanceKm({ lat: 45.75, lng: box.lng![1] }, { lat: 45.75, lng: 4.85 })).toBeLessThan(20.2);
  });

  it('drops the longitude range when the circle reaches a pole or the antimeridian', () => {
    expect(boundingBox({ lat: 89.9, lng: 0, radiusKm: 50 }).lng).toBeNull();
    expect(boundingBox({ lat: 0, lng: 179.9, radiusKm: 50 }).lng).toBeNull();
    expect(boundingBox({ lat: 0, lng: 179.9, radiusKm: 50 }).lat).toEqual([expect.any(Number), expect.any(Number)]);
  });
});
