import type { DbOrTx } from '../../../db/client.js';
import type { FieldError } from '../../core/errors.js';
import { distanceKm, isInFrance, maxKmFromCommuneCentre } from '../../domain/geo.js';
import { resolveCommune } from './communes.js';
import type { WorkplaceInput } from './workplace.schemas.js';

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

/**
 * Resolves a workplace against the communes reference: the commune (see resolveCommune), then
 * precise coordinates checked to lie in France and near that commune. Pushes field errors
 * under `path` and returns null on any.
 */
export async function resolveWorkplace(
  db: DbOrTx,
  input: WorkplaceInput,
  errors: FieldError[],
  path = 'workplace',
): Promise<WorkplaceColumns | null> {
  const commune = await resolveCommune(db, input, errors, { communeInsee: `${path}.communeInsee`, postcode: `${path}.postcode` });
  if (!commune) return null;
  let location = { lat: commune.lat, lng: commune.lng };
  if (input.location) {
    if (!isInFrance(input.location)) {
      errors.push({ path: `${path}.location`, code: 'outside_france', message: 'The coordinates are not in France.' });
      return null;
    }
    const km = distanceKm(input.location, location);
    const max = maxKmFromCommuneCentre(commune.department);
    if (km > max) {
      errors.push({
        path: `${path}.location`,
        code: 'too_far_from_commune',
        message: `The coordinates are ${Math.round(km)} km from the centre of ${commune.name} (at most ${max} km).`,
      });
      return null;
    }
    location = input.location;
  }
  return {
    communeInsee: commune.insee,
    communeName: commune.name,
    postcode: commune.postcode,
    lat: location.lat,
    lng: location.lng,
    preciseLocation: input.location !== undefined,
  };
}
