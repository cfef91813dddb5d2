import type { DbOrTx } from '../../../db/client.js';
import { ValidationError, type FieldError } from '../../core/errors.js';
import { resolveCommune } from '../reference/index.js';

export interface EventTiming {
  kind: string;
  startsAt: string | Date;
  endsAt: string | Date;
  registrationDeadline: string | Date;
  place: { address: string; communeInsee?: string; postcode?: string } | null;
  onlineUrl: string | null;
  standCapacity: number | null;
}

/**
 * Checks an event's fields against each other and the reference data, reporting every bad
 * field at once: end after start, deadline no later than the start, somewhere (a place or a
 * link), stands at forums only. Returns the place's columns.
 */
export async function checkEventFields(db: DbOrTx, e: EventTiming, placeGiven: boolean) {
  const errors: FieldError[] = [];
  const at = (v: string | Date) => new Date(v).getTime();
  if (at(e.endsAt) <= at(e.startsAt)) errors.push({ path: 'endsAt', code: 'end_before_start', message: 'The event must end after it starts.' });
  if (at(e.registrationDeadline) > at(e.startsAt))
    errors.push({ path: 'registrationDeadline', code: 'deadline_after_start', message: 'Registrations must close no later than the start.' });
  if (!e.place && !e.onlineUrl) errors.push({ path: 'place', code: 'required', message: 'Give a place (address and commune) or an online link.' });
  if (e.kind === 'forum' && e.standCapacity === null)
    errors.push({ path: 'standCapacity', code: 'required', message: 'A forum has a number of employer stands.' });
  if (e.kind !== 'forum' && e.standCapacity !== null)
    errors.push({ path: 'standCapacity', code: 'not_allowed', message: 'Only forums have employer stands.' });

  let place: Record<string, unknown> | undefined;
  if (placeGiven) {
    if (e.place === null) place = { address: null, communeInsee: null, communeName: null, postcode: null, lat: null, lng: null };
    else {
      const commune = await resolveCommune(db, e.place, errors, { communeInsee: 'place.communeInsee', postcode: 'place.postcode' });
      if (commune)
        place = { address: e.place.address, communeInsee: commune.insee, communeName: commune.name, postcode: commune.postcode, lat: commune.lat, lng: commune.lng };
    }
  }
  if (errors.length > 0) throw new ValidationError(errors);
  return place;
}
