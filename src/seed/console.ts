import cliProgress from 'cli-progress';
import type { SeedProgress, SeedResult } from './seed.js';

/**
 * What `npm run seed` prints: the step lines, a progress bar per bulk step (drawn on a
 * terminal only; logs get the closing line with its timing), then a summary and the logins.
 */
export function seedConsole(stream: NodeJS.WriteStream) {
  const write = (line: string) => stream.write(`${line}\n`);
  const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
  const begun = performance.now();
  let bar: cliProgress.SingleBar | undefined;
  let barStarted = 0;

  const finishBar = (event: { label: string; total: number }) => {
    bar?.stop();
    bar = undefined;
    write(`      ${event.total} ${event.label} created in ${seconds(barStarted)}`);
  };

  return {
    onProgress(event: SeedProgress) {
      if (event.kind === 'step') return write(`[${event.index}/${event.total}] ${event.label}`);
      if (event.kind === 'note') return write(`      ${event.message}`);
      if (event.done === 0) {
        barStarted = performance.now();
        bar = new cliProgress.SingleBar(
          { format: '      {bar} {value}/{total}', barsize: 30, hideCursor: true, clearOnComplete: true, stream },
          cliProgress.Presets.shades_classic,
        );
        bar.start(event.total, 0);
      } else {
        bar?.update(event.done);
      }
      if (event.done === event.total) finishBar(event);
    },

    result(result: SeedResult) {
      if (!result.created) {
        write('The database already has accounts: the seed only fills an empty database. Nothing done.');
        return;
      }
      const { summary: s } = result;
      const offers = s.offers.published + s.offers.draft + s.offers.closed;
      write(`Created in ${seconds(begun)}:`);
      write(`  ${s.structures} Missions Locales and ${s.staff} staff accounts (admin, advisors, organiser)`);
      write(
        `  ${s.youth.total} youth living in ${s.youth.communes} communes of the Loire and the Haute-Loire ` +
          `(${s.youth.minors} minors; ${s.youth.withConsent} agree to share their anonymised profile)`,
      );
      write(`  ${s.employers} employers, one account each`);
      write(
        `  ${offers} job offers in ${s.offers.communes} communes ` +
          `(${s.offers.published} published, ${s.offers.draft} drafts, ${s.offers.closed} closed)`,
      );
      write(`  ${s.slots.open + s.slots.closed} immersion slots (${s.slots.open} open, ${s.slots.closed} closed)`);
      write(`  ${s.events.published} events published, a forum and a workshop (${s.events.confirmed} registrations confirmed, ${s.events.waitlisted} on a waitlist)`);
      write(`  ${s.searchJobs} search-index jobs in the outbox: the worker indexes them when \`npm start\` runs`);
      write(`Done. ${result.logins}`);
    },

    failed(err: unknown) {
      bar?.stop();
      write(`The seed stopped: ${err instanceof Error ? err.message : String(err)}`);
      write('What was created so far stays: drop the database and run `npm run seed` again.');
    },
  };
}
