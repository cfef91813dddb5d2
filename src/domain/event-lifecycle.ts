import { defineMachine } from './state-machine.js';

/** The kinds of events organisers run: job forums, collective workshops, information sessions. */
export const EVENT_KINDS = ['forum', 'workshop', 'info_session'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_THEMES = [
  'job_search',
  'training',
  'business_creation',
  'mobility',
  'housing',
  'health',
  'digital',
  'rights',
] as const;

/**
 * An event is prepared as a `draft`, `published` for registrations, or `cancelled` (everyone
 * registered is told). Organisers of its structure and admins move it.
 */
export const eventLifecycle = defineMachine({
  resource: 'event',
  states: ['draft', 'published', 'cancelled'],
  actions: {
    publish: { from: ['draft'], to: 'published', by: ['organiser', 'admin'] },
    cancel: { from: ['draft', 'published'], to: 'cancelled', by: ['organiser', 'admin'], effects: ['tell everyone registered'] },
  },
});
export const EVENT_STATUSES = eventLifecycle.states;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** Who holds a registration: a youth (by an advisor), an employer's stand (forums), or a member of the public. */
export const REGISTRANT_KINDS = ['youth', 'employer', 'public'] as const;
export type RegistrantKind = (typeof REGISTRANT_KINDS)[number];

/**
 * A registration. Youth and stands registered by staff are `confirmed` at once when a seat is
 * free, else `waitlisted`; the public's start `pending_confirmation` (double opt-in). A freed
 * seat promotes the first on the waitlist (`promote`, by the platform). On the day, the
 * organiser checks people in (`attended`) or records a `no_show`.
 */
export const registrationLifecycle = defineMachine({
  resource: 'event_registration',
  states: ['pending_confirmation', 'confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show'],
  actions: {
    // A member of the public follows the link of their e-mail (the platform acts on the link).
    confirm: { from: ['pending_confirmation'], to: 'confirmed', by: ['system'], effects: ['confirmation e-mail with the invitation'] },
    confirm_to_waitlist: { from: ['pending_confirmation'], to: 'waitlisted', by: ['system'], effects: ['waitlist e-mail'] },
    lapse: { from: ['pending_confirmation'], to: 'cancelled', by: ['system'] },
    promote: { from: ['waitlisted'], to: 'confirmed', by: ['system'], effects: ['tell the registrant'] },
    cancel: {
      from: ['pending_confirmation', 'confirmed', 'waitlisted'],
      to: 'cancelled',
      by: ['advisor', 'employer', 'organiser', 'admin', 'system'],
      effects: ['promote the first on the waitlist'],
    },
    move_to_waitlist: { from: ['confirmed'], to: 'waitlisted', by: ['organiser', 'admin'], effects: ['tell the registrant'] },
    check_in: { from: ['confirmed'], to: 'attended', by: ['organiser', 'admin'] },
    mark_no_show: { from: ['confirmed'], to: 'no_show', by: ['organiser', 'admin'] },
  },
});
export const REGISTRATION_STATUSES = registrationLifecycle.states;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/**
 * Statuses that take a seat of the capacity: confirmed, and after check-in attended or marked
 * absent (the seat was theirs; it is never handed to someone else on the day).
 */
export const SEAT_STATUSES = ['confirmed', 'attended', 'no_show'] as const satisfies readonly RegistrationStatus[];

/** Statuses that hold a seat (or a place in the queue): one such registration per person and event. */
export const ACTIVE_REGISTRATION_STATUSES = ['pending_confirmation', 'confirmed', 'waitlisted'] as const satisfies readonly RegistrationStatus[];

/**
 * The e-mails a registrant receives, each through the outbox. `confirm_request` carries the
 * double opt-in link; `already_registered` answers a public request for an address already
 * registered (the caller is told nothing, the address's owner is).
 */
export const EVENT_MAILS = ['confirm_request', 'already_registered', 'confirmed', 'waitlisted', 'promoted', 'moved_to_waitlist', 'reminder', 'event_updated', 'event_cancelled', 'registration_cancelled'] as const;
export type EventMail = (typeof EVENT_MAILS)[number];

/** What a registrant's single-use e-mail link does. */
export const REGISTRATION_LINK_PURPOSES = ['confirm', 'cancel'] as const;
export type RegistrationLinkPurpose = (typeof REGISTRATION_LINK_PURPOSES)[number];
