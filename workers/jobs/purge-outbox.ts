import { defineJob } from '../job.js';

const BATCH = 5_000;

/**
 * Repeatable, daily: deletes the outbox rows handed over or cancelled more than
 * OUTBOX_RETENTION_DAYS ago, in batches so that no long lock is held. Delivered mails keep
 * their own record (mail_deliveries), so no e-mail can be sent twice after a purge.
 */
export const purgeOutbox = defineJob({
  name: 'purge-outbox',
  repeat: { pattern: '17 3 * * *', tz: 'Europe/Paris' },
  options: { attempts: 1 },
  async process(_payload, { deps, log }) {
    const days = deps.config.OUTBOX_RETENTION_DAYS;
    let purged = 0;
    for (;;) {
      const rows = await deps.sql`
        delete from outbox_events where id in (
          select id from outbox_events
          where dispatched_at < now() - make_interval(days => ${days})
             or cancelled_at < now() - make_interval(days => ${days})
          limit ${BATCH})
        returning id`;
      purged += rows.length;
      if (rows.length < BATCH) break;
    }
    if (purged > 0) log.info({ purged, days }, 'old outbox rows purged');
  },
});
