import { defineMachine } from './state-machine.js';

/**
 * The life of an immersion agreement (*convention de PMSMP*). The advisor prepares it
 * (`draft`), sends it for signature; each signatory signs through a single-use link (no
 * account: the platform records the move, with the party as the reason); once all have
 * signed the advisor validates or rejects it; the dates then roll it through `in_progress`
 * and `ended`, and the tutor's assessment closes it. Editing it after it left `draft`
 * (`amend`) clears every signature and sends it for signature again.
 *
 * The tutor may assess from the last day on (the link is sent that day), hence `assess` from
 * `in_progress` too. No cancellation once it has ended: there is nothing left to call off.
 * The advisor prescribes the immersion: only they prepare, validate or reject it (admins
 * read, as for youth profiles); the employer or an admin may still call it off.
 */
export const immersionAgreementLifecycle = defineMachine({
  resource: 'immersion_agreement',
  states: ['draft', 'ready_to_sign', 'partially_signed', 'signed', 'validated', 'in_progress', 'ended', 'assessed', 'rejected', 'cancelled'],
  actions: {
    send_for_signature: { from: ['draft'], to: 'ready_to_sign', by: ['advisor'], effects: ['signature links by e-mail'] },
    amend: {
      from: ['ready_to_sign', 'partially_signed', 'signed'],
      to: 'ready_to_sign',
      by: ['advisor'],
      effects: ['clear every signature', 'new signature links by e-mail'],
    },
    sign: { from: ['ready_to_sign', 'partially_signed'], to: 'partially_signed', by: ['system'] },
    complete_signatures: { from: ['ready_to_sign', 'partially_signed'], to: 'signed', by: ['system'], effects: ['"all signed" e-mail to the advisor'] },
    validate: {
      from: ['signed'],
      to: 'validated',
      by: ['advisor'],
      effects: ['"validated" e-mail to every party', 'schedule start, end, assessment link and reminders'],
    },
    reject: { from: ['signed'], to: 'rejected', by: ['advisor'], effects: ['"rejected" e-mail to every signatory'] },
    cancel: {
      from: ['draft', 'ready_to_sign', 'partially_signed', 'signed', 'validated', 'in_progress'],
      to: 'cancelled',
      by: ['advisor', 'employer', 'admin'],
      effects: ['"cancelled" e-mail to every party, and to the advisor when someone else cancels', 'drop scheduled jobs', 'free the slot place'],
    },
    start: { from: ['validated'], to: 'in_progress', by: ['system'] },
    end: { from: ['in_progress'], to: 'ended', by: ['system'] },
    assess: {
      from: ['in_progress', 'ended'],
      to: 'assessed',
      by: ['system'],
      effects: ['drop assessment reminders', '"assessment received" e-mail to the advisor', 'no_show on the match it came from, if the youth did not show up'],
    },
  },
});
export const AGREEMENT_STATUSES = immersionAgreementLifecycle.states;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
export type AgreementAction = keyof typeof immersionAgreementLifecycle.actions;

/** States in which an agreement holds the youth's time and a place of its slot. */
export const HOLDING_STATUSES = AGREEMENT_STATUSES.filter((s) => s !== 'rejected' && s !== 'cancelled');

/** The three objectives of a PMSMP. */
export const IMMERSION_OBJECTIVES = ['discover_trade', 'confirm_career_plan', 'start_recruitment'] as const;
export type ImmersionObjective = (typeof IMMERSION_OBJECTIVES)[number];

export const SIGNATORY_PARTIES = ['youth', 'employer_representative', 'legal_representative'] as const;
export type SignatoryParty = (typeof SIGNATORY_PARTIES)[number];

export const ATTENDANCE = ['completed', 'partial', 'did_not_show'] as const;
export type Attendance = (typeof ATTENDANCE)[number];
