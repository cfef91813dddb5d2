/**
 * Who may act: one role per user. Advisors and organisers belong to a structure (a Mission
 * Locale), employers to an employer organisation; admins to neither.
 */
export const ROLES = ['admin', 'advisor', 'organiser', 'employer'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller, as every use case sees it. */
export interface Actor {
  userId: string;
  role: Role;
  email: string;
  structureId: string | null;
  employerId: string | null;
  sessionId: string;
}
