import { count } from 'drizzle-orm';
import { loadConfigOrExit } from '../src/config.js';
import { createDeps } from '../src/deps.js';
import { employers, structures, users } from './schema/index.js';
import { hashPassword } from '../src/modules/accounts/passwords.js';
import { completeSiret } from '../src/domain/siret.js';
import { ensureDatabase, runMigrations } from './migrator.js';
import { loadReferenceData } from './reference.js';

/**
 * `npm run seed`: fills an empty database with a believable demo territory around
 * Saint-Étienne (Loire): one Mission Locale with its advisors and organiser, employers, and
 * their accounts. Every demo account logs in with DEMO_PASSWORD.
 */
export const DEMO_PASSWORD = 'passerelle-demo';

const config = loadConfigOrExit();
await ensureDatabase(config.DATABASE_URL);
await runMigrations(config.DATABASE_URL);
const deps = createDeps({ ...config, LOG_LEVEL: 'warn' });
const { db } = deps;
const step = (n: number, total: number, label: string) => process.stdout.write(`[${n}/${total}] ${label}\n`);
const STEPS = 3;

try {
  step(1, STEPS, 'reference data (communes, ROME)');
  await loadReferenceData(deps.sql, (m) => process.stdout.write(`      ${m}\n`));

  const [existing] = await db.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) {
    process.stdout.write('The database already has accounts: the seed only fills an empty database. Nothing done.\n');
  } else {
    step(2, STEPS, 'Mission Locale, advisors and organiser');
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const [ml] = await db
      .insert(structures)
      .values({ name: 'Mission Locale du Forez (démo)', communeInsee: '42218' })
      .returning();
    const staff = [
      { email: 'admin@passerelle.demo', firstName: 'Alex', lastName: 'Admin', role: 'admin' as const },
      { email: 'camille.martin@ml-forez.demo', firstName: 'Camille', lastName: 'Martin', role: 'advisor' as const, structureId: ml!.id },
      { email: 'yanis.belkacem@ml-forez.demo', firstName: 'Yanis', lastName: 'Belkacem', role: 'advisor' as const, structureId: ml!.id },
      { email: 'lea.roche@ml-forez.demo', firstName: 'Léa', lastName: 'Roche', role: 'advisor' as const, structureId: ml!.id },
      { email: 'nadia.faure@ml-forez.demo', firstName: 'Nadia', lastName: 'Faure', role: 'organiser' as const, structureId: ml!.id },
    ];
    await db.insert(users).values(staff.map((s) => ({ ...s, status: 'active' as const, passwordHash })));

    step(3, STEPS, 'employers and their accounts');
    const demoEmployers = [
      { name: 'Boulangerie du Crêt de Roc', contact: 'contact@boulangerie-cretderoc.demo' },
      { name: 'Transports Gier Logistique', contact: 'rh@gier-logistique.demo' },
      { name: 'EHPAD Les Tilleuls', contact: 'direction@ehpad-tilleuls.demo' },
      { name: 'Garage Furan Auto', contact: 'atelier@furan-auto.demo' },
      { name: 'Hôtel-Restaurant Le Pilat', contact: 'accueil@hotel-pilat.demo' },
    ];
    const createdEmployers = await db
      .insert(employers)
      // Made-up SIRETs (SIREN 999…) with a valid checksum: no real company is named.
      .values(demoEmployers.map(({ name }, i) => ({ name, siret: completeSiret(`9990000${String(i + 1).padStart(2, '0')}0001`) })))
      .returning();
    await db.insert(users).values(
      createdEmployers.map((e, i) => ({
        email: demoEmployers[i]!.contact,
        firstName: ['Sophie', 'Karim', 'Isabelle', 'Thomas', 'Mélanie'][i]!,
        lastName: ['Girard', 'Haddad', 'Perrin', 'Lopez', 'Chabert'][i]!,
        role: 'employer' as const,
        employerId: e.id,
        status: 'active' as const,
        passwordHash,
      })),
    );
    process.stdout.write(
      `Done. Log in as admin@passerelle.demo, camille.martin@ml-forez.demo (advisor), ` +
        `nadia.faure@ml-forez.demo (organiser) or ${demoEmployers[0]!.contact} (employer), password "${DEMO_PASSWORD}".\n`,
    );
  }
} finally {
  await deps.close();
}
