import { addCalendarDays, franceInstant } from '../core/calendar.js';
import type { Actor } from '../core/actor.js';
import type { Deps } from '../deps.js';
import { createEvent, publishEvent } from '../modules/events/manage-events.js';
import { registerToEvent } from '../modules/events/registrations.js';
import { createEventBody } from '../modules/events/events.schemas.js';

/** The demo's events, relative to `today` (on working days): a public job forum with stands, and a full workshop with a waitlist. */
export function demoEvents(today: string) {
  // The first working day (Tuesday to Thursday) from `days` on: no forum on a Sunday.
  const weekday = (days: number) => {
    let date = addCalendarDays(today, days);
    while (![2, 3, 4].includes(new Date(`${date}T12:00:00Z`).getUTCDay())) date = addCalendarDays(date, 1);
    return date;
  };
  const forumDay = weekday(14);
  const workshopDay = weekday(7);
  const at = (date: string, days: number, time: string) => franceInstant(addCalendarDays(date, days), time).toISOString();
  return {
    forum: {
      kind: 'forum',
      title: 'Forum de l’emploi du Forez',
      description:
        'Une journée pour rencontrer des employeurs qui recrutent près de chez vous : commerce, restauration, logistique, soin, bâtiment.\nVenez avec votre CV ; les conseillers de la Mission Locale vous aident à préparer vos échanges.',
      themes: ['job_search', 'training'],
      startsAt: at(forumDay, 0, '09:30'),
      endsAt: at(forumDay, 0, '16:30'),
      registrationDeadline: at(forumDay, -1, '12:00'),
      place: { address: 'Parc des expositions, 31 boulevard Jules Janin', communeInsee: '42218' },
      youthCapacity: 150,
      standCapacity: 12,
      isPublic: true,
    },
    workshop: {
      kind: 'workshop',
      title: 'Atelier : réussir son entretien d’embauche',
      description: 'Deux heures pour s’entraîner à se présenter et répondre aux questions des recruteurs, en petit groupe.',
      themes: ['job_search'],
      startsAt: at(workshopDay, 0, '14:00'),
      endsAt: at(workshopDay, 0, '16:00'),
      registrationDeadline: at(workshopDay, -1, '18:00'),
      place: { address: 'Mission Locale du Forez, 2 rue de la Résistance', communeInsee: '42218' },
      youthCapacity: 10,
      isPublic: true,
    },
  };
}

/**
 * The organiser publishes both events; employers book stands at the forum, advisors register
 * youth of their structure (the workshop gets more than its seats: a waitlist to show).
 */
export async function seedEvents(
  deps: Deps,
  today: string,
  people: { organiser: Actor; employers: Actor[]; youthByAdvisor: { advisor: Actor; youthId: string }[] },
) {
  const { forum, workshop } = demoEvents(today);
  const created = [];
  for (const body of [forum, workshop]) {
    const event = await createEvent(deps, people.organiser, createEventBody.parse(body));
    await publishEvent(deps, people.organiser, event.id);
    created.push(event);
  }
  const [forumEvent, workshopEvent] = created as [(typeof created)[number], (typeof created)[number]];
  for (const employer of people.employers.slice(0, 8)) await registerToEvent(deps, employer, forumEvent.id, { offerIds: [] });
  for (const { advisor, youthId } of people.youthByAdvisor.slice(0, 20)) await registerToEvent(deps, advisor, forumEvent.id, { youthId });
  for (const { advisor, youthId } of people.youthByAdvisor.slice(20, 33)) await registerToEvent(deps, advisor, workshopEvent.id, { youthId });
  return { forumId: forumEvent.id, workshopId: workshopEvent.id };
}
