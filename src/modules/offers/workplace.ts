import { z } from '@hono/zod-openapi';
import { and, eq, ne } from 'drizzle-orm';
import { communes } from '../../../db/schema/index.js';
import type { DbOrTx } from '../../../db/client.js';
import { postcodeDesignates } from '../reference/commune-rules.js';
import type { FieldError } from '../../http/errors.js';

/**
 * The workplace of an offer or an immersion slot. A commune is named by its INSEE code, or by
 * a postcode that belongs to exactly one commune (several communes often share one); precise
 * coordinates may be added, otherwise the commune's centre stands for the workplace.
 */
export const workplaceInput = z
  .object({
    communeInsee: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^(\d{5}|2[AB]\d{3})$/, { error: 'An INSEE commune code has 5 characters, e.g. 69123 or 2A004.' })
      .optional()
      .openapi({ example: '01004' }),
    postcode: z
      .string()
      .trim()
      .regex(/^\d{5}$/, { error: 'A French postcode has 5 digits.' })
      .optional()
      .openapi({ example: '69001' }),
    location: z
      .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
      .optional()
      .openapi({ description: 'Precise coordinates of the workplace (WGS84), inside France and its commune.' }),
  })
  .superRefine((v, ctx) => {
    if (!v.communeInsee && !v.postcode)
      ctx.addIssue({
        code: 'custom',
        path: ['communeInsee'],
        message: 'Give the commune: its INSEE code or its postcode.',
        params: { code: 'required' },
      });
  })
  .openapi('WorkplaceInput');
export type WorkplaceInput = z.infer<typeof workplaceInput>;

export const workplaceSchema = z
  .object({
    communeInsee: z.string(),
    communeName: z.string(),
    postcode: z.string().nullable(),
    location: z.object({ lat: z.number(), lng: z.number() }),
    /** False: the location is the commune's centre. */
    preciseLocation: z.boolean(),
  })
  .openapi('Workplace');

/** The workplace columns of offers and immersion_slots. */
export interface WorkplaceColumns {
  communeInsee: string;
  communeName: string;
  postcode: string | null;
  lat: number;
  lng: number;
  preciseLocation: boolean;
}

export const toWorkplaceDto = (w: WorkplaceColumns) => ({
  communeInsee: w.communeInsee,
  communeName: w.communeName,
  postcode: w.postcode,
  location: { lat: w.lat, lng: w.lng },
  preciseLocation: w.preciseLocation,
});

/** Generous boxes around metropolitan France, Corsica and the five overseas departments. */
const FRANCE_BOXES = [
  { name: 'metropolitan France', lat: [41.2, 51.2], lng: [-5.3, 9.7] },
  { name: 'Guadeloupe', lat: [15.8, 16.6], lng: [-61.9, -60.9] },
  { name: 'Martinique', lat: [14.35, 14.95], lng: [-61.3, -60.75] },
  { name: 'Guyane', lat: [2.0, 6.0], lng: [-54.7, -51.5] },
  { name: 'La Réunion', lat: [-21.45, -20.85], lng: [55.15, 55.9] },
  { name: 'Mayotte', lat: [-13.05, -12.6], lng: [44.95, 45.35] },
] as const;

export function isInFrance(p: { lat: number; lng: number }): boolean {
  return FRANCE_BOXES.some((b) => p.lat >= b.lat[0] && p.lat <= b.lat[1] && p.lng >= b.lng[0] && p.lng <= b.lng[1]);
}

/**
 * How far precise coordinates may lie from the centre of the commune given with them: catches
 * swapped lat/lng and the wrong commune. Guyane's communes are vast.
 */
export function maxKmFromCommuneCentre(department: string): number {
  return department === '973' ? 150 : 40;
}

export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/**
 * Resolves a workplace against the communes reference. Returns the columns to store, or the
 * field errors (paths under `path`). Delegated communes (COMD) share the INSEE code of the
 * commune they merged into, so the commune itself is the non-COMD row.
 */
export async function resolveWorkplace(
  db: DbOrTx,
  input: WorkplaceInput,
  path = 'workplace',
): Promise<{ ok: true; value: WorkplaceColumns } | { ok: false; errors: FieldError[] }> {
  const fail = (field: string, code: string, message: string) => ({
    ok: false as const,
    errors: [{ path: `${path}.${field}`, code, message }],
  });
  const columns = {
    insee: communes.insee,
    postcode: communes.postcode,
    name: communes.name,
    department: communes.department,
    lat: communes.lat,
    lng: communes.lng,
  };
  const notDelegated = ne(communes.type, 'COMD');

  let rows;
  if (input.communeInsee) {
    rows = await db.select(columns).from(communes).where(and(eq(communes.insee, input.communeInsee), notDelegated));
    if (rows.length === 0) return fail('communeInsee', 'unknown_commune', `No commune has the INSEE code ${input.communeInsee}.`);
    if (input.postcode && !rows.some((r) => r.postcode === input.postcode))
      return fail('postcode', 'postcode_mismatch', `The postcode ${input.postcode} is not one of ${rows[0]!.name}'s.`);
  } else {
    const postcode = input.postcode!;
    rows = await db.select(columns).from(communes).where(and(eq(communes.postcode, postcode), postcodeDesignates));
    if (rows.length === 0) return fail('postcode', 'unknown_commune', `No commune has the postcode ${postcode}.`);
    const distinct = [...new Map(rows.map((r) => [r.insee, r])).values()];
    if (distinct.length > 1) {
      const names = distinct.map((r) => `${r.name} (${r.insee})`).join(', ');
      return fail('postcode', 'ambiguous_postcode', `The postcode ${postcode} covers several communes: ${names}. Give the INSEE code.`);
    }
  }
  const commune = rows[0]!;
  const postcodes = new Set(rows.map((r) => r.postcode));
  const postcode = input.postcode ?? (postcodes.size === 1 ? commune.postcode : null);

  let location = { lat: commune.lat, lng: commune.lng };
  if (input.location) {
    if (!isInFrance(input.location)) return fail('location', 'outside_france', 'The coordinates are not in France.');
    const km = distanceKm(input.location, location);
    const max = maxKmFromCommuneCentre(commune.department);
    if (km > max)
      return fail(
        'location',
        'too_far_from_commune',
        `The coordinates are ${Math.round(km)} km from the centre of ${commune.name} (at most ${max} km).`,
      );
    location = input.location;
  }
  return {
    ok: true,
    value: {
      communeInsee: commune.insee,
      communeName: commune.name,
      postcode,
      lat: location.lat,
      lng: location.lng,
      preciseLocation: input.location !== undefined,
    },
  };
}
