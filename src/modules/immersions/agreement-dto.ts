import { and, eq, isNull } from 'drizzle-orm';
import { employers, immersionAgreements, immersionLinks, structures, youth } from '../../../db/schema/index.js';
import type { DbOrTx } from '../../../db/client.js';
import type { Attendance, ImmersionObjective, SignatoryParty } from '../../domain/immersion-agreement-lifecycle.js';
import { totalHours } from '../../domain/immersion-rules.js';
import type { AgreementDto } from './immersions.schemas.js';

export type AgreementRow = typeof immersionAgreements.$inferSelect;

/** An agreement with the names it shows and the links of its current round. */
export interface AgreementView {
  agreement: AgreementRow;
  youth: { id: string; firstName: string; lastName: string; email: string; birthDate: string };
  employerName: string;
  structureName: string;
  signatures: { party: SignatoryParty; email: string; signedAt: Date | null; usedFromIp: string | null }[];
}

/** The people who sign an agreement: the youth, the employer's representative, and the legal representative of a minor. */
export function signatories(a: AgreementRow, youthPerson: { firstName: string; lastName: string; email: string }) {
  const list: { party: SignatoryParty; name: string; email: string }[] = [
    { party: 'youth', name: `${youthPerson.firstName} ${youthPerson.lastName}`, email: youthPerson.email },
    { party: 'employer_representative', name: a.employerRepName, email: a.employerRepEmail },
  ];
  if (a.legalRepName && a.legalRepEmail) list.push({ party: 'legal_representative', name: a.legalRepName, email: a.legalRepEmail });
  return list;
}

export async function loadAgreementView(db: DbOrTx, id: string): Promise<AgreementView | undefined> {
  const [row] = await db
    .select({
      agreement: immersionAgreements,
      youth: { id: youth.id, firstName: youth.firstName, lastName: youth.lastName, email: youth.email, birthDate: youth.birthDate },
      employerName: employers.name,
      structureName: structures.name,
    })
    .from(immersionAgreements)
    .innerJoin(youth, eq(youth.id, immersionAgreements.youthId))
    .innerJoin(employers, eq(employers.id, immersionAgreements.employerId))
    .innerJoin(structures, eq(structures.id, immersionAgreements.structureId))
    .where(eq(immersionAgreements.id, id));
  if (!row) return undefined;
  const used = await db
    .select({ party: immersionLinks.party, email: immersionLinks.email, usedAt: immersionLinks.usedAt, usedFromIp: immersionLinks.usedFromIp })
    .from(immersionLinks)
    .where(and(eq(immersionLinks.agreementId, id), eq(immersionLinks.purpose, 'sign'), isNull(immersionLinks.voidedAt)));
  const signatures = signatories(row.agreement, row.youth).map((s) => {
    const signed = used.find((u) => u.party === s.party && u.usedAt !== null);
    return { party: s.party, email: s.email, signedAt: signed?.usedAt ?? null, usedFromIp: signed?.usedFromIp ?? null };
  });
  return { ...row, signatures };
}

export function toAgreementDto(view: AgreementView): AgreementDto {
  const a = view.agreement;
  const people = signatories(a, view.youth);
  return {
    id: a.id,
    status: a.status,
    structureId: a.structureId,
    youth: { id: view.youth.id, firstName: view.youth.firstName, lastName: view.youth.lastName, email: view.youth.email },
    employer: { id: a.employerId, name: view.employerName },
    slotId: a.slotId,
    matchId: a.matchId,
    startDate: a.startDate,
    endDate: a.endDate,
    schedule: a.schedule,
    totalHours: totalHours(a.schedule),
    objective: a.objective as ImmersionObjective,
    activities: a.activities,
    skillsToObserve: a.skillsToObserve,
    tutor: { name: a.tutorName, role: a.tutorRole, email: a.tutorEmail, phone: a.tutorPhone },
    employerRepresentative: { name: a.employerRepName, role: a.employerRepRole, email: a.employerRepEmail, phone: a.employerRepPhone },
    legalRepresentative: a.legalRepName ? { name: a.legalRepName, email: a.legalRepEmail ?? '', phone: a.legalRepPhone ?? '' } : null,
    signatures: view.signatures.map((s) => ({
      party: s.party,
      name: people.find((p) => p.party === s.party)!.name,
      email: s.email,
      signedAt: s.signedAt?.toISOString() ?? null,
      signedFromIp: s.usedFromIp,
    })),
    closingReason: a.closingReason,
    validatedAt: a.validatedAt?.toISOString() ?? null,
    assessment:
      a.assessedAt && a.attendance
        ? {
            attendance: a.attendance as Attendance,
            skillsObserved: a.skillsObserved ?? [],
            wouldHire: a.wouldHire ?? false,
            comments: a.assessmentComments,
            assessedAt: a.assessedAt.toISOString(),
          }
        : null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
