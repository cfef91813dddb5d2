import { desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { identityReveals, immersionAgreements, matches, youth } from '../../../db/schema/index.js';
import type { Actor } from '../../core/actor.js';
import { anonymisedProfile, type TravelTimeBand } from '../../domain/anonymisation.js';
import type { Reason, ScoreResult } from '../../domain/matching/index.js';
import type { MatchStatus } from '../../domain/match-lifecycle.js';
import { HOLDING_STATUSES, type AgreementStatus, type Attendance } from '../../domain/immersion-agreement-lifecycle.js';
import { selectYouthRecords, toYouthProfile, type YouthRecord } from '../youth/index.js';
import { romeLabelsOf } from '../reference/index.js';
import { loadOffer, loadSlot, type LoadedOpportunity } from './opportunities.js';

export type MatchRow = typeof matches.$inferSelect;

/** States after acceptance: the employer knows who the youth is. */
const REVEALED: readonly MatchStatus[] = ['accepted', 'hired', 'not_hired', 'immersion_started', 'no_show'];
const CONTACT_FIELDS = ['firstName', 'lastName', 'email', 'phone'] as const;

/**
 * What the employer is shown of a score: the components and the reasons, but not the travel
 * ones (minutes and km hint at the address: the employer gets the band) nor anything about
 * the legal status of a minor (never proposed anyway: a blocker refuses the proposal).
 */
export function employerExplanation(result: ScoreResult) {
  const shown = (r: Reason) => r.component !== 'mobility' && !r.code.startsWith('minor_');
  return { components: result.components, reasons: result.reasons.filter(shown).map((r) => ({ ...r })) };
}

async function loadTargets(db: DbOrTx, rows: MatchRow[]) {
  const targets = new Map<string, LoadedOpportunity>();
  for (const row of rows) {
    const key = row.offerId ?? row.slotId!;
    if (targets.has(key)) continue;
    targets.set(key, row.offerId ? await loadOffer(db, 'system', row.offerId) : await loadSlot(db, 'system', row.slotId!));
  }
  return targets;
}

async function loadYouth(db: DbOrTx, rows: MatchRow[]) {
  const ids = [...new Set(rows.map((r) => r.youthId))];
  const records = ids.length ? await selectYouthRecords(db).where(inArray(youth.id, ids)) : [];
  return new Map<string, YouthRecord>(records.map((r) => [r.id, r]));
}

interface MatchImmersion {
  agreementId: string;
  status: AgreementStatus;
  assessment: { attendance: Attendance; wouldHire: boolean; assessedAt: string } | null;
}

/**
 * The immersion agreement each match led to: the one still in play, else the latest (a first
 * one cancelled, say). With it, what its tutor's assessment says: attendance and "would hire".
 */
async function loadImmersions(db: DbOrTx, rows: MatchRow[]) {
  const ids = rows.map((r) => r.id);
  const agreements = ids.length
    ? await db
        .select({
          matchId: immersionAgreements.matchId,
          id: immersionAgreements.id,
          status: immersionAgreements.status,
          attendance: immersionAgreements.attendance,
          wouldHire: immersionAgreements.wouldHire,
          assessedAt: immersionAgreements.assessedAt,
        })
        .from(immersionAgreements)
        .where(inArray(immersionAgreements.matchId, ids))
        .orderBy(desc(immersionAgreements.createdAt), desc(immersionAgreements.id))
    : [];
  const inPlay = (status: AgreementStatus) => (HOLDING_STATUSES as readonly AgreementStatus[]).includes(status);
  const chosen = new Map<string, (typeof agreements)[number]>();
  for (const a of agreements) {
    const kept = chosen.get(a.matchId!);
    if (!kept || (!inPlay(kept.status) && inPlay(a.status))) chosen.set(a.matchId!, a);
  }
  const views = new Map<string, MatchImmersion>();
  for (const [matchId, a] of chosen)
    views.set(matchId, {
      agreementId: a.id,
      status: a.status,
      assessment:
        a.assessedAt && a.attendance ? { attendance: a.attendance as Attendance, wouldHire: a.wouldHire ?? false, assessedAt: a.assessedAt.toISOString() } : null,
    });
  return views;
}

function common(row: MatchRow, target: LoadedOpportunity, immersion: MatchImmersion | undefined) {
  return {
    id: row.id,
    status: row.status,
    opportunity: target.summary,
    score: row.score,
    explanation: row.explanation,
    travelBand: row.travelBand as TravelTimeBand | null,
    declineReason: row.declineReason,
    proposedAt: row.proposedAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
    outcomeAt: row.outcomeAt?.toISOString() ?? null,
    immersion: immersion ?? null,
  };
}

/**
 * Matches as the actor may see them. Advisors and admins: the youth by name. Employers: the
 * anonymised profile under a pseudonym seeded by the match (two proposals of one youth cannot
 * be linked); the contact details only after acceptance and only with `reveal` (the answer to
 * an acceptance, the detail of one match), each reveal written to identity_reveals with its reason.
 */
export async function toMatchViews(db: DbOrTx, actor: Actor, rows: MatchRow[], options: { reveal?: 'match_accepted' | 'match_viewed' } = {}) {
  const [targets, records, immersions] = await Promise.all([loadTargets(db, rows), loadYouth(db, rows), loadImmersions(db, rows)]);
  const romeLabels =
    actor.role === 'employer' ? await romeLabelsOf(db, [...records.values()].flatMap((r) => r.experiences.flatMap((e) => (e.romeCode ? [e.romeCode] : [])))) : {};
  const views = [];
  for (const row of rows) {
    const target = targets.get(row.offerId ?? row.slotId!)!;
    const record = records.get(row.youthId)!;
    if (actor.role !== 'employer') {
      views.push({ ...common(row, target, immersions.get(row.id)), youth: { id: record.id, firstName: record.firstName, lastName: record.lastName }, candidate: null, contact: null });
      continue;
    }
    const candidate = anonymisedProfile(toYouthProfile(record), {
      pseudonymSeed: row.id,
      travel: null,
      romeLabels,
      offerRequiresLicence: target.scored.drivingLicenceRequired,
    });
    candidate.travelTimeBand = row.travelBand as TravelTimeBand | null;
    let contact = null;
    if (options.reveal && REVEALED.includes(row.status)) {
      contact = { firstName: record.firstName, lastName: record.lastName, email: record.email, phone: record.phone };
      await recordReveal(db, { matchId: row.id, youthId: row.youthId, viewerUserId: actor.userId, fields: CONTACT_FIELDS, reason: options.reveal });
    }
    views.push({ ...common(row, target, immersions.get(row.id)), youth: null, candidate, contact });
  }
  return views;
}

/** Writes to the audit that a viewer was shown these identity fields of the youth of a match, and why. */
export async function recordReveal(
  db: DbOrTx,
  reveal: { matchId: string; youthId: string; viewerUserId: string; fields: readonly string[]; reason: 'match_accepted' | 'match_viewed' | 'agreement_viewed' },
) {
  await db.insert(identityReveals).values({ ...reveal, fields: [...reveal.fields] });
}

export async function readReveals(db: DbOrTx, matchId: string) {
  return db.select().from(identityReveals).where(eq(identityReveals.matchId, matchId)).orderBy(identityReveals.id);
}
