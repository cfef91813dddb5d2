import { runMatchDeadline } from '../../src/modules/matches/index.js';
import { defineJob } from '../job.js';

/**
 * Scheduled at proposal time and cancelled when the match is answered: the reminder to the
 * employer after MATCH_REMINDER_DAYS, the expiry after MATCH_EXPIRY_DAYS. A match answered in
 * the meantime is left alone.
 */
export const matchDeadline = defineJob({
  name: 'match-deadline',
  async process({ matchId, step }, { deps, log }) {
    const done = await runMatchDeadline(deps, matchId, step);
    log.info({ matchId, step, done }, 'match deadline');
  },
});
