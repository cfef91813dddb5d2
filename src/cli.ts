import { parseArgs } from 'node:util';
import { loadConfigOrExit } from './config.js';
import { createDeps } from './deps.js';
import { createAdmin } from './modules/accounts/create-admin.js';
import { ValidationError } from './core/errors.js';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { INDEX_NAMES, type IndexName } from './adapters/search/index.js';
import { reindex } from './modules/search/reindex.js';

/**
 * `npm run cli -- <command> [options]`
 *   create-admin --email E --password P [--first-name F --last-name L]
 *   reindex [--index offers|immersion_slots|youth]
 *   search-setup [--check]   (npm run search:setup)
 */
const usage = `Usage:
  npm run cli -- create-admin --email <e-mail> --password <password> [--first-name <name>] [--last-name <name>]
  npm run reindex [-- --index offers|immersion_slots|youth]
  npm run search:setup [-- --check]`;

const [command, ...rest] = process.argv.slice(2);
const config = loadConfigOrExit();
const deps = createDeps(config);
let exitCode = 0;
try {
  switch (command) {
    case 'create-admin': {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          password: { type: 'string' },
          'first-name': { type: 'string', default: 'Admin' },
          'last-name': { type: 'string', default: 'Passerelle' },
        },
      });
      const admin = await createAdmin(deps, {
        email: values.email ?? '',
        password: values.password ?? '',
        firstName: values['first-name'],
        lastName: values['last-name'],
      });
      process.stdout.write(`Admin ${admin.email} created (id ${admin.id}). Log in with POST /v1/auth/login.\n`);
      break;
    }
    case 'reindex': {
      const { values } = parseArgs({ args: rest, options: { index: { type: 'string', multiple: true } } });
      const unknown = (values.index ?? []).filter((i) => !(INDEX_NAMES as readonly string[]).includes(i));
      if (unknown.length > 0) {
        process.stderr.write(`Unknown index: ${unknown.join(', ')} (known: ${INDEX_NAMES.join(', ')})\n`);
        exitCode = 64;
        break;
      }
      const bars = new MultiBar(
        { format: ' {index} {phase} |{bar}| {value}/{total}', hideCursor: true, clearOnComplete: false },
        Presets.shades_classic,
      );
      const barOf = new Map<string, SingleBar>();
      process.stdout.write(`Reindexing into ${deps.search.name}\n`);
      const report = await reindex(deps, {
        indexes: values.index as IndexName[] | undefined,
        onProgress: ({ index, phase, done, total }) => {
          const key = `${index}:${phase}`;
          let bar = barOf.get(key);
          if (!bar) {
            bar = bars.create(total, 0, { index: index.padEnd(15), phase });
            barOf.set(key, bar);
          }
          bar.setTotal(total);
          bar.update(done, { index: index.padEnd(15), phase });
        },
      });
      bars.stop();
      for (const [index, r] of Object.entries(report)) {
        process.stdout.write(`${index}: ${r.indexed} indexed, ${r.removed} stale removed in ${r.seconds} s\n`);
      }
      break;
    }
    case 'search-setup': {
      // Compares the engine's indexes and settings with ours; sends only what differs (none of
      // it with --check, which exits 1 when something would change).
      const { values } = parseArgs({ args: rest, options: { check: { type: 'boolean', default: false } } });
      const report = values.check ? await deps.search.setup() : await deps.search.applySettings();
      process.stdout.write(`Search engine: ${deps.search.name}\n`);
      for (const r of report) {
        const state = r.created
          ? 'created with its settings'
          : r.differing.length === 0
            ? 'settings up to date'
            : `${values.check ? 'differs' : 'updated'}: ${r.differing.join(', ')}`;
        process.stdout.write(`${r.index}: ${state}\n`);
      }
      if (values.check && report.some((r) => r.differing.length > 0)) exitCode = 1;
      break;
    }
    default:
      process.stderr.write(`${command ? `Unknown command: ${command}\n` : ''}${usage}\n`);
      exitCode = 64;
  }
} catch (err) {
  if (err instanceof ValidationError) {
    for (const e of err.errors) process.stderr.write(`--${e.path}: ${e.message}\n`);
    exitCode = 65;
  } else if (err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code === 'email_taken') {
    process.stderr.write(`${err.message}\n`);
    exitCode = 65;
  } else {
    throw err;
  }
} finally {
  await deps.close();
}
process.exit(exitCode);
