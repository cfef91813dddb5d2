import fc from 'fast-check';
import { isMinorOn } from '../../src/domain/age.js';
import { describe, expect, it } from 'vitest';
import {
  anonymisedProfile,
  PROTECTED_KEYS,
  pseudonym,
  REDACTED,
  scoringProjection,
  scrubFreeText,
  travelTimeBand,
} from '../../src/domain/anonymisation.js';
import {
  BARRIERS,
  CONTRACT_TYPES,
  EDUCATION_LEVELS,
  GENDERS,
  LANGUAGE_LEVELS,
  SCHEDULES,
  TRANSPORT_MODES,
  type YouthProfile,
} from '../../src/domain/youth-profile.js';

const NAMES = ['Éloïse', 'Dupont'];
const scrub = (text: string, names: string[] = NAMES) => scrubFreeText(text, names);

function profile(overrides: Partial<YouthProfile> = {}): YouthProfile {
  return {
    id: '6f1c2a4e-0d7b-4a59-9a57-3c2b1d0e9f88',
    firstName: 'Éloïse',
    lastName: "N'Diaye",
    birthDate: '2008-05-14',
    gender: 'female',
    email: 'eloise.ndiaye@example.fr',
    phone: '+33612345678',
    address: '12 rue des Lilas',
    communeInsee: '75111',
    postcode: '75011',
    nationality: 'SN',
    photoUrl: 'https://cdn.example.fr/photos/eloise.jpg',
    qpv: true,
    rqth: true,
    targetRomeCodes: ['D1102'],
    skills: ['Pétrissage', 'Hygiène HACCP'],
    languages: [{ code: 'fr', level: 'native' }],
    educationLevel: '3',
    experiences: [{ title: 'Apprentie boulangère', romeCode: 'D1102', months: 24, description: 'Fournil, viennoiseries.' }],
    availability: { from: '2025-09-01', maxHoursPerWeek: 35, schedules: ['day', 'weekend'] },
    contractTypes: ['cdi', 'apprenticeship'],
    mobility: { modes: ['public_transport', 'bike'], drivingLicence: false, maxCommuteMinutes: 45 },
    barriers: ['childcare', 'health'],
    consent: { anonymisedSharing: true, givenAt: '2025-06-01T10:00:00Z' },
    ...overrides,
  };
}

describe('scrubFreeText', () => {
  it.each([
    ['names, whatever the accents and case', 'Éloïse, ELOISE, eloise et Dupont', `${REDACTED} et ${REDACTED}`],
    ['names as whole words only', 'Chez Dupontel avec Eloisette', 'Chez Dupontel avec Eloisette'],
    ['elided names', "le CV d'Éloïse", `le CV d'${REDACTED}`],
    ['e-mails', 'Écrire à eloise.d-92@gmail.com merci', `Écrire à ${REDACTED} merci`],
    ['URLs', 'Voir https://linkedin.com/in/xyz, www.monsite.fr et linkedin.com/in/abc.', `Voir ${REDACTED} et ${REDACTED}.`],
    ['social handles', 'Insta : @lili_93.', `Insta : ${REDACTED}.`],
    ['postcodes', 'Habite 93200 Saint-Denis', `Habite ${REDACTED} Saint-Denis`],
    ['"né le" dates', 'Né le 12/03/2004 à Lyon', `Né le ${REDACTED} à Lyon`],
    ['dates in words', 'née le 1er mars 2004, dispo 12 sept.', `née le ${REDACTED}, dispo ${REDACTED}`],
    ['birth years', 'née en 2004.', `${REDACTED}.`],
    ['ISO and month/year dates', 'de 09/2022 au 2023-06-30', `de ${REDACTED} au ${REDACTED}`],
  ])('removes %s', (_, input, expected) => {
    expect(scrub(input)).toBe(expected);
  });

  it('removes compound names with any separator', () => {
    for (const written of ['Jean-Pierre', 'Jean Pierre', 'JEAN PIERRE', 'jeanpierre', 'Jean‑Pierre']) {
      expect(scrub(`Merci ${written} !`, ['Jean-Pierre', 'Le Goff'])).toBe(`Merci ${REDACTED} !`);
    }
    expect(scrub('Le Goff, LEGOFF, Goff', ['Jean-Pierre', 'Le Goff'])).toBe(REDACTED);
    // A particle alone is an ordinary word.
    expect(scrub('le magasin', ['Le Goff'])).toBe('le magasin');
  });

  it.each([
    '+33 6 12 34 56 78',
    '+33612345678',
    '0612345678',
    '06 12 34 56 78',
    '06.12.34.56.78',
    '06-12-34-56-78',
    '0033 6 12 34 56 78',
    '0033612345678',
    '+33 (0)6 12 34 56 78',
    '01 23 45 67 89',
  ])('removes the phone number %s', (phone) => {
    expect(scrub(`Tél. ${phone}, le soir`)).toBe(`Tél. ${REDACTED}, le soir`);
  });

  it.each(['1 85 05 78 006 084 36', '185057800608436', '1850578006084', '2 99 12 2A 004 012 55', '29912 2B004012'])(
    'removes the NIR %s',
    (nir) => {
      expect(scrub(`NIR ${nir} fourni`)).toBe(`NIR ${REDACTED} fourni`);
    },
  );

  it.each([
    '12 rue des Lilas',
    '12 bis, rue Victor Hugo',
    '3 av. du Général de Gaulle',
    '7 ter allée des Tilleuls',
    '40 BOULEVARD JEAN JAURES',
    '5 impasse Pasteur',
    '2 résidence Les Peupliers',
    '14 cours Lafayette',
    '14 TER COURS LAFAYETTE',
  ])('removes the address %s', (address) => {
    expect(scrub(`J'habite au ${address}, près du métro`)).toBe(`J'habite au ${REDACTED}, près du métro`);
  });

  it('ends a street name where a new clause begins', () => {
    expect(scrub('au 12 rue des Lilas et je cherche un CDI')).toBe(`au ${REDACTED} et je cherche un CDI`);
  });

  it.each([
    ["j'ai 19 ans et je cherche", `j'ai ${REDACTED} et je cherche`],
    ['Âgée de 19 ans', REDACTED],
    ['âge : 20', REDACTED],
    ['Age: 17 ans.', `${REDACTED}.`],
    ['Éloïse, 19 ans, motivée', `${REDACTED}, motivée`],
    ['19 ans, motivé', `${REDACTED}, motivé`],
    ['à 16 ans, premier stage', `à ${REDACTED}, premier stage`],
  ])('removes the age in "%s"', (input, expected) => {
    expect(scrub(input)).toBe(expected);
  });

  it.each([
    "3 ans d'expérience en boulangerie",
    "J'ai 3 ans d'expérience, CAP boulanger, permis B",
    '2 ans chez Carrefour, 6 mois en CDD',
    "J'ai suivi 2 cours de cuisine",
    'Excel, Word, anglais B2, CACES 1 3 5',
    'Caisse, mise en rayon, 35 h par semaine',
    'Préparation de commandes (1 200 colis par jour)',
  ])('keeps "%s"', (text) => {
    expect(scrub(text)).toBe(text);
  });

  it('keeps the text readable', () => {
    expect(scrub('Contact :  Éloïse   Dupont  06 12 34 56 78 ')).toBe(`Contact : ${REDACTED}`);
  });
});

describe('pseudonym', () => {
  it('is stable for a seed and differs across seeds', () => {
    expect(pseudonym('match-1')).toMatch(/^Candidat·e [0-9A-F]{4}$/);
    expect(pseudonym('match-1')).toBe(pseudonym('match-1'));
    expect(pseudonym('match-1')).not.toBe(pseudonym('match-2'));
  });
});

describe('anonymisedProfile', () => {
  it('shows the professional profile and nothing else', () => {
    const view = anonymisedProfile(profile(), { pseudonymSeed: 'match-1', travel: { minutes: 25 } });
    expect(view).toEqual({
      pseudonym: pseudonym('match-1'),
      targetRomeCodes: ['D1102'],
      skills: ['Pétrissage', 'Hygiène HACCP'],
      educationLevel: '3',
      // « native » points at origin; the title's grammatical gender at the candidate's.
      languages: [{ code: 'fr', level: 'C2' }],
      experiences: [{ title: 'Apprenti·e boulanger·ère', romeCode: 'D1102', months: 24, description: 'Fournil, viennoiseries.' }],
      availability: { from: '2025-09-01', maxHoursPerWeek: 35, schedules: ['day', 'weekend'] },
      contractTypes: ['cdi', 'apprenticeship'],
      travelTimeBand: '20-40',
    });
  });

  it('shows the driving licence only when the offer requires one', () => {
    const youth = profile({ mobility: { modes: ['car'], drivingLicence: true, maxCommuteMinutes: 30 } });
    expect(anonymisedProfile(youth, { pseudonymSeed: 's', offerRequiresLicence: true }).drivingLicence).toBe(true);
    expect(anonymisedProfile(youth, { pseudonymSeed: 's', offerRequiresLicence: false })).not.toHaveProperty('drivingLicence');
    expect(anonymisedProfile(youth, { pseudonymSeed: 's' })).not.toHaveProperty('drivingLicence');
  });

  it('has no travel band without a travel time', () => {
    expect(anonymisedProfile(profile(), { pseudonymSeed: 's', travel: null }).travelTimeBand).toBeNull();
  });

  it('scrubs skills and experiences, and drops skills that were only personal data', () => {
    const youth = profile({
      skills: ['Éloïse', 'Vente', '@eloise93'],
      experiences: [{ title: 'Stage chez N’Diaye', romeCode: null, months: 2, description: 'Tél 06 12 34 56 78' }],
    });
    const view = anonymisedProfile(youth, { pseudonymSeed: 's' });
    expect(view.skills).toEqual(['Vente']);
    expect(view.experiences).toEqual([{ title: `Stage chez ${REDACTED}`, romeCode: null, months: 2, description: `Tél ${REDACTED}` }]);
  });

  it('ignores fields it does not know, even present at runtime', () => {
    const row = { ...profile(), religion: 'x', familySituation: 'single' } as YouthProfile;
    const json = JSON.stringify(anonymisedProfile(row, { pseudonymSeed: 's' }));
    expect(json).not.toContain('religion');
    expect(json).not.toContain('familySituation');
  });
});

describe('travelTimeBand', () => {
  it.each([
    [0, '0-20'],
    [20, '0-20'],
    [20.5, '20-40'],
    [40, '20-40'],
    [60, '40-60'],
    [61, '60+'],
  ] as const)('%s min → %s', (minutes, band) => {
    expect(travelTimeBand(minutes)).toBe(band);
  });

  it('refuses an impossible travel time', () => {
    expect(() => travelTimeBand(-1)).toThrow(RangeError);
    expect(() => travelTimeBand(Number.NaN)).toThrow(RangeError);
  });
});

describe('scoringProjection', () => {
  it('carries what scoring needs, no protected attribute but the commune for travel time', () => {
    const projection = scoringProjection(profile(), '2025-06-01');
    expect(projection).toEqual({
      targetRomeCodes: ['D1102'],
      skills: ['Pétrissage', 'Hygiène HACCP'],
      educationLevel: '3',
      languages: [{ code: 'fr', level: 'native' }],
      experiences: [{ romeCode: 'D1102', months: 24 }],
      availability: { from: '2025-09-01', maxHoursPerWeek: 35, schedules: ['day', 'weekend'] },
      contractTypes: ['cdi', 'apprenticeship'],
      mobility: { modes: ['public_transport', 'bike'], drivingLicence: false, maxCommuteMinutes: 45 },
      isMinor: true,
      barrierConstraints: { excludedSchedules: ['night', 'weekend'] },
      communeInsee: '75111',
    });
  });

  it('derives no schedule exclusion from barriers that do not rule one out', () => {
    const projection = scoringProjection(profile({ barriers: ['housing', 'confidence'] }), '2025-06-01');
    expect(projection.barrierConstraints.excludedSchedules).toEqual([]);
  });

  it('knows a minor from an adult on the 18th birthday', () => {
    expect(isMinorOn('2007-06-01', '2025-05-31')).toBe(true);
    expect(isMinorOn('2007-06-01', '2025-06-01')).toBe(false);
    expect(isMinorOn('2008-02-29', '2026-02-28')).toBe(true);
    expect(isMinorOn('2008-02-29', '2026-03-01')).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: whatever personal data is written into free text, none reaches the employer.
// ---------------------------------------------------------------------------------------------

/** Same folding as the comparison needs: no accents, no ligatures, lower case. */
const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/gi, 'oe')
    .replace(/[’‘]/g, "'")
    .replace(/[‐‑–—]/g, '-')
    .toLowerCase();
const stripAccents = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
const digits = (s: string) => s.replace(/\D/g, '');
const alnum = (s: string) => fold(s).replace(/[^a-z0-9]/g, '');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wholeWord = (word: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(word)}(?![\\p{L}\\p{N}])`, 'u');

const FILLER = [
  'vendeuse', 'polyvalent', 'caisse', 'mise en rayon', 'accueil des clients', 'boulangerie', 'pâtisserie',
  'service en salle', 'plonge', 'cuisine', 'motivée', 'ponctuel', 'travail en équipe', 'CAP', 'permis B',
  "3 ans d'expérience", 'et', 'avec', 'pour', 'chez', 'le', 'la', 'les', 'un', 'une', 'des', 'dans', 'magasin',
  'entrepôt', 'cariste', 'préparation de commandes', 'logistique', 'Excel', 'anglais', 'aide à domicile',
  'propreté', 'espaces verts', 'BTP', 'maçonnerie', 'peinture', 'livraison', 'manutention', 'contact', 'mon',
  'sérieuse', 'dynamique', 'HACCP', 'hygiène', "j'aime", 'apprentissage',
];
const SEPARATORS = [' ', ', ', '. ', '\n', ' : ', ' (', ' - '];
const ROME_CODES = ['D1102', 'D1106', 'G1602', 'H2102', 'K1302', 'N1103'];
const PARTICLES = new Set(['de', 'le', 'da', 'el', 'ben', 'van', 'di']);

/** Words that legitimately appear in the output: a name equal to one of them cannot be told apart. */
const VOCABULARY = new Set(
  [
    ...FILLER, ...SCHEDULES, ...CONTRACT_TYPES, ...LANGUAGE_LEVELS, ...EDUCATION_LEVELS, ...ROME_CODES,
    'fr', 'en', 'ar', 'candidat', 'e', 'pseudonym', 'skills', 'title', 'description', 'months', 'level', 'code', 'from',
  ].flatMap((w) => fold(w).split(/[^\p{L}\p{N}]+/u)),
);

const FIRST_NAMES = [
  'Éloïse', 'Jean-Pierre', 'Maëlys', 'Anaïs', 'Noémie', 'Zoé', 'Inès', 'Aïcha', 'Fatoumata', 'Mamadou', 'Yasmine',
  'Kévin', 'Théo', 'Benoît', 'François', 'Hélène', 'Gaëlle', 'Loïc', 'Raphaël', 'Océane', 'Jérôme', 'Marie-Ange',
  'Thị Hương', 'Ayşe', 'Łucja', 'Sørine',
];
const LAST_NAMES = [
  "N'Diaye", 'Ben Salah', 'Lefèvre', 'Dubœuf', 'Müller', 'Da Silva', 'Le Goff', 'El Amrani', 'Nguyễn', 'Öztürk',
  'Çelik', 'Hernández', 'Traoré', 'Coulibaly', 'Van Damme', 'Saint-Éxupéry', 'Di Stéfano', 'Kowalczyk',
];
const SYLLABLES = ['ka', 'zo', 'mé', 'lu', 'ri', 'dä', 'yo', 'fë', 'nou', 'ïa', 'tchi', 'wen', 'gö', 'xa', 'ül', 'bri', 'sho', 'quy'];

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const invented = fc
  .array(fc.array(fc.constantFrom(...SYLLABLES), { minLength: 2, maxLength: 4 }).map((s) => capitalise(s.join(''))), {
    minLength: 1,
    maxLength: 2,
  })
  .map((parts) => parts.join('-'));
const nameParts = (name: string) => fold(name).split(/[\s'-]+/).filter(Boolean);
const usable = (name: string) => {
  const parts = nameParts(name);
  const isParticle = (p: string) => parts.length > 1 && PARTICLES.has(p);
  return parts.every((p) => isParticle(p) || (p.length >= 2 && !VOCABULARY.has(p) && !/^[0-9a-f]{4}$/.test(p)));
};
const firstName = fc.oneof(fc.constantFrom(...FIRST_NAMES), invented).filter(usable);
const lastName = fc.oneof(fc.constantFrom(...LAST_NAMES), invented).filter(usable);

const twoDigits = (n: number) => String(n).padStart(2, '0');
const nationalNumber = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }))
  .map(([first, rest]) => `${first}${rest.join('')}`);
const nir = fc
  .record({
    sex: fc.constantFrom('1', '2'),
    year: fc.integer({ min: 0, max: 99 }).map(twoDigits),
    month: fc.integer({ min: 1, max: 12 }).map(twoDigits),
    department: fc.oneof(fc.integer({ min: 1, max: 95 }).map(twoDigits), fc.constantFrom('2A', '2B')),
    commune: fc.integer({ min: 1, max: 999 }).map((n) => String(n).padStart(3, '0')),
    order: fc.integer({ min: 1, max: 999 }).map((n) => String(n).padStart(3, '0')),
    key: fc.option(fc.integer({ min: 1, max: 97 }).map(twoDigits), { nil: undefined }),
  })
  .map((n) => [n.sex, n.year, n.month, n.department, n.commune, n.order, n.key].filter((p) => p !== undefined) as string[]);
const address = fc.record({
  number: fc.integer({ min: 1, max: 199 }),
  suffix: fc.constantFrom('', ' bis', ' ter', 'B'),
  type: fc.constantFrom('rue', 'avenue', 'av.', 'boulevard', 'bd', 'chemin', 'allée', 'impasse', 'place', 'route', 'quai', 'cours', 'square', 'résidence', 'lotissement'),
  street: fc.constantFrom('des Lilas', 'Victor Hugo', 'du Général de Gaulle', 'Jean Jaurès', 'de la République', 'Pasteur', 'Émile Zola', 'des Tilleuls'),
});
const birthDate = fc.record({
  year: fc.integer({ min: 1995, max: 2010 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
});

const personalData = fc.record({
  firstName,
  lastName,
  email: fc.record({
    local: fc.stringMatching(/^[a-z][a-z0-9._-]{2,12}[a-z0-9]$/),
    domain: fc.constantFrom('gmail.com', 'hotmail.fr', 'yahoo.fr', 'orange.fr', 'laposte.net', 'outlook.com'),
  }),
  nationalNumber,
  nir,
  address,
  postcode: fc.tuple(fc.integer({ min: 1, max: 95 }), fc.integer({ min: 0, max: 999 }))
    .map(([d, c]) => `${twoDigits(d)}${String(c).padStart(3, '0')}`),
  birthDate,
  // A digit or underscore keeps a handle from being an ordinary word of the filler.
  handle: fc.stringMatching(/^[a-z]{2,8}[0-9_][a-z0-9_]{1,5}$/),
});
type PersonalData = typeof personalData extends fc.Arbitrary<infer T> ? T : never;

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
/** Age as written in 2025, give or take a birthday: 15 to 30 for the generated birth years. */
const ageOn = ({ year }: PersonalData['birthDate']) => 2025 - year;

const NAME_WRITINGS = [
  (n: string) => n,
  (n: string) => n.toUpperCase(),
  (n: string) => n.toLowerCase(),
  (n: string) => stripAccents(n),
  (n: string) => stripAccents(n).toUpperCase(),
  (n: string) => n.replace(/-/g, ' '),
  (n: string) => n.replace(/[-\s']/g, ''),
  (n: string) => n.normalize('NFD'),
  (n: string) => `d'${n}`,
];

/** Every way the generated personal data may be written in free text. */
function writings(p: PersonalData): string[] {
  const nsn = p.nationalNumber;
  const pairs = nsn.slice(1).match(/../g)!;
  const { year, month, day } = p.birthDate;
  const { number, suffix, type, street } = p.address;
  const line = `${number}${suffix} ${type} ${street}`;
  return [
    ...NAME_WRITINGS.flatMap((write) => [write(p.firstName), write(p.lastName), write(`${p.firstName} ${p.lastName}`)]),
    `${p.email.local}@${p.email.domain}`,
    `${stripAccents(p.firstName).toLowerCase().replace(/[^a-z]/g, '')}.${stripAccents(p.lastName).toLowerCase().replace(/[^a-z]/g, '')}@${p.email.domain}`,
    `+33 ${nsn[0]} ${pairs.join(' ')}`,
    `+33${nsn}`,
    `0${nsn}`,
    `0${nsn[0]} ${pairs.join(' ')}`,
    `0${nsn[0]}.${pairs.join('.')}`,
    `0${nsn[0]}-${pairs.join('-')}`,
    `0033${nsn}`,
    `0033 ${nsn[0]} ${pairs.join(' ')}`,
    p.nir.join(' '),
    p.nir.join(''),
    line,
    line.toUpperCase(),
    `${line}, ${p.postcode}`,
    p.postcode,
    `${twoDigits(day)}/${twoDigits(month)}/${year}`,
    `${day}-${month}-${year}`,
    `${year}-${twoDigits(month)}-${twoDigits(day)}`,
    `né le ${day === 1 ? '1er' : day} ${MONTHS[month - 1]} ${year}`,
    `née en ${year}`,
    `j'ai ${ageOn(p.birthDate)} ans`,
    `âgée de ${ageOn(p.birthDate)} ans`,
    `âge : ${ageOn(p.birthDate)}`,
    `, ${ageOn(p.birthDate)} ans,`,
    `@${p.handle}`,
    `https://www.instagram.com/${p.handle}`,
    `www.${p.handle}.fr`,
  ];
}

/** Free text: filler words and, when asked, personal data (by index), in any order and punctuation. */
type Segment = { filler: string } | { pii: number };
const filler: fc.Arbitrary<Segment> = fc.constantFrom(...FILLER).map((w) => ({ filler: w }));
const textOf = (segment: fc.Arbitrary<Segment>) =>
  fc.array(fc.tuple(segment, fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 10 });
const freeText = textOf(fc.oneof({ arbitrary: filler, weight: 3 }, { arbitrary: fc.nat().map((i) => ({ pii: i })), weight: 2 }));
const plainText = textOf(filler);
const render = (text: [Segment, string][], pii: string[]) =>
  text.map(([segment, separator]) => ('filler' in segment ? segment.filler : pii[segment.pii % pii.length]!) + separator).join('');

const scenario = fc.record({
  pii: personalData,
  id: fc.uuid(),
  skills: fc.array(freeText, { maxLength: 5 }),
  experiences: fc.array(
    fc.record({ title: freeText, description: freeText, romeCode: fc.option(fc.constantFrom(...ROME_CODES), { nil: null }), months: fc.integer({ min: 1, max: 60 }) }),
    { maxLength: 4 },
  ),
  gender: fc.constantFrom(...GENDERS),
  drivingLicence: fc.boolean(),
  offerRequiresLicence: fc.option(fc.boolean(), { nil: undefined }),
  travel: fc.option(fc.record({ minutes: fc.integer({ min: 0, max: 120 }) }), { nil: null }),
  seed: fc.string(),
});

function buildProfile(s: typeof scenario extends fc.Arbitrary<infer T> ? T : never): YouthProfile {
  const pii = writings(s.pii);
  const { year, month, day } = s.pii.birthDate;
  return {
    id: s.id,
    firstName: s.pii.firstName,
    lastName: s.pii.lastName,
    birthDate: `${year}-${twoDigits(month)}-${twoDigits(day)}`,
    gender: s.gender,
    email: `${s.pii.email.local}@${s.pii.email.domain}`,
    phone: `+33${s.pii.nationalNumber}`,
    address: `${s.pii.address.number} ${s.pii.address.type} ${s.pii.address.street}`,
    communeInsee: s.pii.postcode,
    postcode: s.pii.postcode,
    nationality: 'SN',
    photoUrl: `https://cdn.example.fr/photos/${s.id}.jpg`,
    qpv: true,
    rqth: true,
    targetRomeCodes: ['D1102'],
    skills: s.skills.map((t) => render(t, pii)),
    languages: [{ code: 'fr', level: 'native' }],
    educationLevel: '3',
    experiences: s.experiences.map((e) => ({ ...e, title: render(e.title, pii), description: render(e.description, pii) })),
    availability: { from: '2025-09-01', maxHoursPerWeek: 35, schedules: ['day'] },
    contractTypes: ['cdi'],
    mobility: { modes: [...TRANSPORT_MODES], drivingLicence: s.drivingLicence, maxCommuteMinutes: 45 },
    barriers: [...BARRIERS],
    consent: { anonymisedSharing: true, givenAt: '2025-06-01T10:00:00Z' },
  };
}

/** Every key and every string (and number) in a JSON value. */
function walk(value: unknown, keys: string[] = [], strings: string[] = []): { keys: string[]; strings: string[] } {
  if (Array.isArray(value)) value.forEach((v) => walk(v, keys, strings));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      keys.push(k);
      walk(v, keys, strings);
    }
  } else strings.push(String(value));
  return { keys, strings };
}

describe('anonymisedProfile, property-based', () => {
  it('lets no personal data written in free text reach the employer', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const youth = buildProfile(s);
        const view = anonymisedProfile(youth, { pseudonymSeed: s.seed, travel: s.travel, offerRequiresLicence: s.offerRequiresLicence });
        // The pseudonym is a hash: its 4 hex characters may spell a year or a postcode by chance.
        const { pseudonym: _, ...rest } = view;
        const { keys, strings } = walk(JSON.parse(JSON.stringify(rest)));
        const folded = strings.map(fold);
        const separatorsAsSpace = folded.map((t) => t.replace(/[\s'-]+/g, ' '));

        expect(view.pseudonym).toBe(pseudonym(s.seed));
        for (const key of [...PROTECTED_KEYS, 'barriers', 'consent', 'mobility', 'age']) expect(keys).not.toContain(key);
        expect('drivingLicence' in view).toBe(s.offerRequiresLicence === true);

        const { firstName, lastName, email, nationalNumber, nir, address, postcode, birthDate, handle } = s.pii;
        for (const name of [firstName, lastName]) {
          const parts = nameParts(name);
          const significant = parts.length === 1 ? parts : parts.filter((p) => !PARTICLES.has(p));
          for (const part of significant) expect(folded.filter((t) => wholeWord(part).test(t))).toEqual([]);
          expect(separatorsAsSpace.filter((t) => wholeWord(parts.join(' ')).test(t))).toEqual([]);
        }
        const glued = alnum(firstName) + alnum(lastName);
        for (const t of folded) expect(alnum(t)).not.toContain(glued);
        const age = ageOn(birthDate);
        const forbidden = [
          `${email.local}@${email.domain}`, handle, fold(`${address.type} ${address.street}`),
          `${twoDigits(birthDate.day)}/${twoDigits(birthDate.month)}/${birthDate.year}`,
        ];
        for (const t of folded) {
          for (const f of forbidden) expect(t).not.toContain(f);
          expect(digits(t)).not.toContain(nationalNumber);
          expect(alnum(t)).not.toContain(alnum(nir.slice(0, 6).join('')));
          expect(t).not.toMatch(wholeWord(postcode));
          expect(t).not.toMatch(wholeWord(String(birthDate.year)));
          expect(t).not.toMatch(new RegExp(`(?<!\\d)${age}\\s*ans`));
        }
        for (const secret of [youth.id, youth.photoUrl!]) expect(JSON.stringify(view)).not.toContain(secret);
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it('leaves text without personal data untouched', () => {
    fc.assert(
      fc.property(plainText, firstName, lastName, (text, first, last) => {
        const written = render(text, []).trim();
        expect(scrubFreeText(written, [first, last])).toBe(written.replace(/[ \t]{2,}/g, ' '));
      }),
      { numRuns: 300 },
    );
  });

  it('gives a stable pseudonym per seed', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        expect(pseudonym(seed)).toMatch(/^Candidat·e [0-9A-F]{4}$/);
        expect(pseudonym(seed)).toBe(pseudonym(seed));
      }),
      { numRuns: 300 },
    );
  });

  it('gives different pseudonyms to different seeds', () => {
    // 4 hex characters: 1,000 seeds share a few by chance (birthday bound ≈ 7.6), no more.
    const seeds = Array.from({ length: 1000 }, (_, i) => `match-${i}`);
    expect(new Set(seeds.map(pseudonym)).size).toBeGreaterThan(980);
  });
});
