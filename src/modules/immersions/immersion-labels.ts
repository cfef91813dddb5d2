import type { Attendance, ImmersionObjective, SignatoryParty } from '../../domain/immersion-agreement-lifecycle.js';

/** French labels shared by e-mails, pages and the agreement document. */
export const OBJECTIVE_LABELS: Record<ImmersionObjective, string> = {
  discover_trade: 'Découvrir un métier ou un secteur d’activité',
  confirm_career_plan: 'Confirmer un projet professionnel',
  start_recruitment: 'Initier une démarche de recrutement',
};

export const PARTY_LABELS: Record<SignatoryParty | 'tutor', string> = {
  youth: 'le ou la bénéficiaire',
  employer_representative: 'le représentant ou la représentante de l’entreprise',
  legal_representative: 'le représentant légal ou la représentante légale',
  tutor: 'le tuteur ou la tutrice',
};

/** 2027-03-01 → 1 mars 2027. */
export function frenchDate(date: string): string {
  return new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

export const ATTENDANCE_LABELS: Record<Attendance, string> = {
  completed: 'Immersion effectuée en entier',
  partial: 'Immersion effectuée en partie',
  did_not_show: 'Le ou la jeune ne s’est pas présenté·e',
};
