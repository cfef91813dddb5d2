import { parseArgs } from 'node:util';
import { loadConfigOrExit } from './config.js';
import { createDeps } from './deps.js';
import { createAdmin } from './modules/accounts/create-admin.js';
import { ValidationError } from './http/errors.js';

/**
 * `npm run cli -- <command> [options]`
 *   create-admin --email E --password P [--first-name F --last-name L]
 */
const usage = `Usage:
  npm run cli -- create-admin --email <e-mail> --password <password> [--first-name <name>] [--last-name <name>]`;

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
