import { FRANCE_TIME_ZONE } from '../../core/calendar.js';
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

const dateTime = new Intl.DateTimeFormat('fr-FR', { timeZone: FRANCE_TIME_ZONE, dateStyle: 'long', timeStyle: 'short' });

/** An instant at Paris time: "29 novembre 2026 à 19:50". */
export const frenchDateTime = (at: Date) => dateTime.format(at);

/** 10.75 → "10,75 h", 7 → "7 h". */
export const frenchHours = (h: number) => `${Number.isInteger(h) ? h : h.toFixed(2).replace('.', ',')} h`;

export const ATTENDANCE_LABELS: Record<Attendance, string> = {
  completed: 'Immersion effectuée en entier',
  partial: 'Immersion effectuée en partie',
  did_not_show: 'Le ou la jeune ne s’est pas présenté·e',
};
