import { getTableColumns, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { communes, youth } from '../../../db/schema/index.js';
import type { YouthProfile } from '../../domain/youth-profile.js';

export type YouthRow = typeof youth.$inferSelect;

/** A youth row with what the reference data says of its commune (null if the commune left it). */
export type YouthRecord = YouthRow & { communeName: string | null; communeLat: number | null; communeLng: number | null };

/**
 * The reference row of a youth's commune, to join laterally. Several rows share an INSEE code
 * (one per postcode, plus delegated communes): the one with the youth's postcode wins, and a
 * commune over a delegated one.
 */
export function communeOfYouth(db: DbOrTx) {
  return db
    .select({ name: communes.name, lat: communes.lat, lng: communes.lng })
    .from(communes)
    .where(sql`${communes.insee} = ${youth.communeInsee}`)
    .orderBy(sql`${communes.postcode} = ${youth.postcode} desc`, sql`${communes.type} = 'COMD'`, communes.id)
    .limit(1)
    .as('commune');
}

/** Youth rows with their commune's name and centre. */
export function selectYouthRecords(db: DbOrTx) {
  const commune = communeOfYouth(db);
  return db
    .select({ ...getTableColumns(youth), communeName: commune.name, communeLat: commune.lat, communeLng: commune.lng })
    .from(youth)
    .leftJoinLateral(commune, sql`true`)
    .$dynamic();
}

/** The domain's view of a row (src/domain/youth-profile.ts). */
export function toYouthProfile(row: YouthRow): YouthProfile {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    birthDate: row.birthDate,
    gender: row.gender,
    email: row.email,
    phone: row.phone,
    address: row.address,
    communeInsee: row.communeInsee,
    postcode: row.postcode,
    nationality: row.nationality,
    photoUrl: row.photoUrl,
    qpv: row.qpv,
    rqth: row.rqth,
    targetRomeCodes: row.targetRomeCodes,
    skills: row.skills,
    languages: row.languages,
    educationLevel: row.educationLevel,
    experiences: row.experiences,
    availability: { from: row.availableFrom, maxHoursPerWeek: row.maxHoursPerWeek, schedules: row.schedules },
    contractTypes: row.contractTypes,
    mobility: { modes: row.transportModes, drivingLicence: row.drivingLicence, maxCommuteMinutes: row.maxCommuteMinutes },
    barriers: row.barriers,
    consent: { anonymisedSharing: row.consentAnonymisedSharing, givenAt: row.consentGivenAt?.toISOString() ?? null },
  };
}

/** The full profile, for advisors (and admins reading). */
export function toYouthDto(row: YouthRow & { communeName: string | null }) {
  const { consent, ...profile } = toYouthProfile(row);
  return {
    ...profile,
    structureId: row.structureId,
    communeName: row.communeName,
    consent: { ...consent, withdrawnAt: row.consentWithdrawnAt?.toISOString() ?? null },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toYouthSummary(row: YouthRow & { communeName: string | null }) {
  return {
    id: row.id,
    structureId: row.structureId,
    firstName: row.firstName,
    lastName: row.lastName,
    birthDate: row.birthDate,
    email: row.email,
    phone: row.phone,
    communeInsee: row.communeInsee,
    communeName: row.communeName,
    targetRomeCodes: row.targetRomeCodes,
    consentGiven: row.consentAnonymisedSharing,
    updatedAt: row.updatedAt.toISOString(),
  };
}
