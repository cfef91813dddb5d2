/**
 * What of a youth profile may be read by the matching score, and what an employer sees before
 * accepting a candidate (DOMAIN.md, "Anonymisation and staged disclosure").
 *
 * Both projections pick fields one by one and never spread the profile, so that a field added
 * to YouthProfile (or an extra column on a database row) stays out until someone decides.
 */
import { isMinorOn } from './age.js';
import { createHash } from 'node:crypto';
import { neutraliseGender, neutralTitle } from './gender-neutral.js';
import { normaliseText, removeProtectedPassages, type ProtectedCategory } from './protected-passages.js';
import {
  SCHEDULES,
  type Availability,
  type Barrier,
  type ContractType,
  type EducationLevel,
  type Experience,
  type Language,
  type Mobility,
  type Schedule,
  type YouthProfile,
} from './youth-profile.js';

/** Identity keys of a profile: never in an employer-facing view. */
export const PROTECTED_KEYS = [
  'id',
  'firstName',
  'lastName',
  'birthDate',
  'gender',
  'email',
  'phone',
  'address',
  'communeInsee',
  'postcode',
  'nationality',
  'photoUrl',
  'qpv',
  'rqth',
] as const satisfies readonly (keyof YouthProfile)[];
export type ProtectedKey = (typeof PROTECTED_KEYS)[number];

/** Stands for every span removed from free text. */
export const REDACTED = '[…]';

// ---------------------------------------------------------------------------------------------
// Free-text scrubbing
// ---------------------------------------------------------------------------------------------
//
// Every pattern runs on a *folded* copy of the text (accents and ligatures removed, typographic
// apostrophes, dashes and spaces normalised, case kept) so that "Éloïse", "ELOISE" and "eloise",
// or "allée" and "allee", are one case. Matches are mapped back to the original text, merged,
// and replaced. When in doubt a pattern removes more: a lost word costs less than a leaked
// identity.

/** Neither a letter nor a digit before / after: a whole-word boundary that knows Unicode. */
const B = String.raw`(?<![\p{L}\p{N}])`;
const E = String.raw`(?![\p{L}\p{N}])`;

const MONTH = String.raw`(?:janv(?:ier|\.)?|fevr?(?:ier|\.)?|mars|avr(?:il|\.)?|mai|juin|juil(?:let|\.)?|aout|sept(?:embre|\.)?|oct(?:obre|\.)?|nov(?:embre|\.)?|dec(?:embre|\.)?)`;

const STREET_TYPE = String.raw`(?:rue|ruelle|avenue|av|ave|boulevard|bd|bld|blvd|chemin|allee|impasse|imp|place|pl|route|rte|quai|square|sq|residence|lotissement|cite|hameau|faubourg|fbg|sentier|rond-point|esplanade|parvis|chaussee|montee|lieu-dit|venelle|traverse|villa)`;
/** Also ordinary words ("2 cours de cuisine"): an address only when the street name is capitalised. */
const AMBIGUOUS_STREET_TYPE = `(?:${['cours', 'passage', 'voie', 'promenade'].map(anyCase).join('|')})`;
const STREET_NUMBER = String.raw`${B}\d{1,4}(?:\s?(?:${['bis', 'ter', 'quater'].map(anyCase).join('|')}|[a-dA-D])${E})?\s*,?\s*`;
/**
 * A street name runs until punctuation, at most 6 words ("avenue du Maréchal de Lattre de
 * Tassigny"), and stops before a word that starts a new clause, so that "12 rue des Lilas et je
 * cherche un CDI" keeps "et je cherche un CDI".
 */
const STREET_WORDS = String.raw`(?:\s+(?!(?:et|mais|ou|donc|car|je|j'|depuis|pour|avec|puis|a|en|dans|chez|pendant|comme|qui|que)${E})[\p{L}\p{N}][\p{L}\p{N}'-]*){1,6}`;

/**
 * Ages. "N ans" alone is ambiguous: "3 ans d'expérience" is a duration and must survive. It is
 * read as an age only in an age context — after a verb of having ("j'ai 19 ans", "à 16 ans"),
 * or right after a name or at the start of a line or clause ("Éloïse, 19 ans, motivée") — and
 * only when the number is a plausible age for a Mission Locale public (14–30): nobody that
 * young has 14 years of experience, so no duration is lost. Explicit forms ("âgé(e) de 19 ans",
 * "âge : 19") are ages whatever the number. Ages written in words ("dix-neuf ans") are not caught.
 */
const AGE_NUMBER = String.raw`(?:1[4-9]|2\d|30)`;

/** A word spelt out in place of a symbol: between spaces, or in brackets (« [at] », « (point) »). */
function spelt(words: string): string {
  return String.raw`(?:\s*[(\[]\s*(?:${words})\s*[)\]]\s*|\s+(?:${words})\s+)`;
}

/**
 * Each pattern with what a text must hold for it to match (a cheap test, true of every text the
 * pattern can match): most texts (a skill, an experience) hold no digit, no `@`, no URL and no
 * domain name, and then those patterns need not run. Running them all on every text made scrubbing the larger
 * part of building a youth's search document (about 2 ms of 3, `--cpu-prof`).
 */
const DIGIT = /\d/;
const AT = /@/;
const URL_START = /https?:\/\/|www\./iu;
const TOP_LEVEL_DOMAIN = /\.(?:com|fr|net|org|io|me|eu|info|be|ch|co|tv|ly|gg)(?![\p{L}\p{N}])/iu;
/** The spelt-out `at` stands between spaces or brackets: a word of its own. */
const SPELT_AT = /\bat\b|arr?obase/iu;

const PATTERNS: readonly { pattern: RegExp; needs: RegExp }[] = [
  // E-mail addresses.
  { needs: AT, pattern: /[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu },
  // E-mails spelt out to get past filters: « prenom point nom arobase exemple point org », « … dot … at … ».
  {
    needs: SPELT_AT,
    pattern: new RegExp(
      String.raw`${B}[\p{L}\p{N}._-]+(?:${spelt('point|dot')}[\p{L}\p{N}_-]+)*${spelt('arobase|arrobase|at')}[\p{L}\p{N}-]+(?:(?:${spelt('point|dot')}|\.)[\p{L}\p{N}-]+)+`,
      'giu',
    ),
  },
  // URLs, with or without scheme, and bare domains of common TLDs ("linkedin.com/in/…").
  { needs: URL_START, pattern: new RegExp(String.raw`${B}(?:https?:\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?)\]'}]`, 'giu') },
  { needs: TOP_LEVEL_DOMAIN, pattern: new RegExp(String.raw`${B}(?:[\p{L}\p{N}-]+\.)+(?:com|fr|net|org|io|me|eu|info|be|ch|co|tv|ly|gg)${E}(?:\/[^\s<>"]*[^\s<>".,;:!?)\]'}])?`, 'giu') },
  // Social handles.
  { needs: AT, pattern: /(?<![\p{L}\p{N}_.@])@[\p{L}\p{N}_][\p{L}\p{N}_.]*[\p{L}\p{N}_]/gu },
  // NIR (*numéro d'inscription au répertoire*, the social-security number): sex, year, month,
  // department (2A/2B for Corsica), commune, order = 13 characters, then an optional 2-digit
  // key; any spacing.
  { needs: DIGIT, pattern: new RegExp(String.raw`${B}[1-8](?:[\s.]?\d){4}[\s.]?(?:\d[\s.]?\d|2[\s.]?[ab])(?:[\s.]?\d){6}(?:[\s.]?\d{2})?(?!\d)`, 'giu') },
  // French phone numbers: 0X, +33 X, 0033 X, +33 (0)X, then 8 digits in any grouping.
  { needs: DIGIT, pattern: /(?<![\p{N}+])(?:(?:\+|00)\s?33[\s.-]?(?:\(0\)[\s.-]?|0)?|0)[1-9](?:[\s.-]?\d){8}(?!\d)/gu },
  // A mobile number without its leading 0 (« 6 12 34 56 78 », « 612345678 »), and any 9 digits grouped in pairs after a lone digit.
  { needs: DIGIT, pattern: /(?<![\p{N}+])[67](?:[\s.-]?\d){8}(?!\d)/gu },
  { needs: DIGIT, pattern: /(?<![\p{N}+])[1-9](?:[\s.-]\d{2}){4}(?!\d)/gu },
  // Numeric dates: dd/mm/yyyy, dd-mm-yy, yyyy-mm-dd, mm/yyyy.
  { needs: DIGIT, pattern: /(?<!\d)(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}[/.-]\d{4})(?!\d)/gu },
  // Dates in words: "12 mars 2004", "1er mai", "juin 2022"; and birth years ("née en 2004").
  { needs: DIGIT, pattern: new RegExp(String.raw`${B}(?:(?:1er|\d{1,2})\s+${MONTH}(?:\s+\d{4})?|${MONTH}\s+\d{4})${E}`, 'giu') },
  { needs: DIGIT, pattern: new RegExp(String.raw`${B}ne(?:e|\(e\))?s?\s+en\s+\d{4}${E}`, 'giu') },
  // Street addresses.
  { needs: DIGIT, pattern: new RegExp(String.raw`${STREET_NUMBER}${STREET_TYPE}${E}\.?${STREET_WORDS}`, 'giu') },
  { needs: DIGIT, pattern: new RegExp(String.raw`${STREET_NUMBER}${AMBIGUOUS_STREET_TYPE}${E}(?:\s+(?:[dDlL]'|(?:de|du|des|la|le|les)${E}))*\s*[\p{Lu}\d][\p{L}\p{N}'-]*(?:${STREET_WORDS})?`, 'gu') },
  // Postcodes: any 5-digit number, so a salary written "25000" goes with them.
  { needs: DIGIT, pattern: /(?<!\d)\d{5}(?!\d)/gu },
  // Ages (see AGE_NUMBER above).
  {
    needs: DIGIT,
    pattern: new RegExp(
      String.raw`(?:(?<=(?:^|[\n.!?;,:•|(-])\s*)|(?<=${B}(?:ai|a|as|ayant|avoir|aura|aurai)\s+))${AGE_NUMBER}\s*ans${E}`,
      'giu',
    ),
  },
  { needs: DIGIT, pattern: new RegExp(String.raw`${B}age(?:e|\(e\))?s?\s*(?:[:=-]|de)?\s*\d{1,3}(?!\d)(?:\s*ans${E})?`, 'giu') },
];

/**
 * Particles of multi-part names ("de La Fontaine", "Ben Salah", "Da Silva"): too common to
 * remove on their own; the full name is still removed as a whole.
 */
const NAME_PARTICLES = new Set([
  'de', 'du', 'des', 'la', 'le', 'les', 'da', 'das', 'do', 'dos', 'di', 'del', 'della',
  'van', 'von', 'der', 'den', 'el', 'al', 'ben', 'bin', 'ibn', 'y',
]);

/**
 * Removes personal data from free text: the youth's own names (each part and the whole, whole
 * words, whatever the accents and case; so a youth named "Boulanger" loses that word too),
 * e-mails, URLs, social handles, NIRs, French phone numbers, dates, street addresses,
 * postcodes and ages. Each removed span becomes REDACTED; adjacent ones merge.
 */
export function scrubFreeText(raw: string, knownNames: string[]): string {
  // Disguises first: full-width letters, ligatures and invisible characters (« Z\u200bzyzx »).
  const text = normaliseText(raw);
  const { folded, origin } = fold(text);
  const patterns = PATTERNS.filter((p) => p.needs.test(folded)).map((p) => p.pattern);
  const names = namePatternOf(knownNames);
  if (names) patterns.push(names);

  // Matches may overlap: restart one character after each match start, not after its end, so
  // that a street name running into the next address ("1 rue X, 2 rue Y") does not hide it.
  const spans: [number, number][] = [];
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(folded); m; m = pattern.exec(folded)) {
      if (m[0].length > 0) spans.push([origin[m.index]!, origin[m.index + m[0].length]!]);
      pattern.lastIndex = m.index + 1;
    }
  }
  spans.sort((a, b) => a[0] - b[0]);

  let out = '';
  let cursor = 0;
  for (const [start, end] of spans) {
    if (end <= cursor) continue;
    out += start >= cursor ? text.slice(cursor, start) + REDACTED : '';
    cursor = end;
  }
  out += text.slice(cursor);

  const marker = escapeRegExp(REDACTED);
  return out
    .replace(new RegExp(`${marker}(?:[\\s,/\\-‐‑‒–—]*${marker})+`, 'g'), REDACTED)
    .replace(/[ \t\u00a0\u202f]{2,}/g, ' ')
    .trim();
}

/**
 * The name pattern of the last names asked for: a profile's texts (skills, experiences) are
 * scrubbed one after the other with the same names, and compiling the pattern cost as much as
 * running it. The pattern is global (`lastIndex`), reset before each use.
 */
let lastNames: { key: string; pattern: RegExp | null } | undefined;
function namePatternOf(knownNames: string[]): RegExp | null {
  const key = knownNames.join('\u0000');
  if (lastNames?.key !== key) lastNames = { key, pattern: namePattern(knownNames) };
  return lastNames.pattern;
}

function namePattern(knownNames: string[]): RegExp | null {
  const names = knownNames.map((name) => fold(normaliseText(name)).folded.split(/[\s'-]+/).filter(Boolean)).filter((p) => p.length > 0);
  // "Jean-Pierre" also as "Jean Pierre", "JeanPierre", "Jean - Pierre".
  const sequence = (parts: string[]) => parts.map(escapeRegExp).join(String.raw`[\s'-]*`);
  const alternatives = new Set<string>();
  for (const parts of names) {
    alternatives.add(sequence(parts));
    for (const part of parts) {
      const significant = part.length >= 2 && (parts.length === 1 || !NAME_PARTICLES.has(part.toLowerCase()));
      if (significant) alternatives.add(escapeRegExp(part));
      // Spaced out or dotted to get past filters: « P r o b e », « P.r.o.b.e ».
      if (significant && part.length >= 3) alternatives.add([...part].map(escapeRegExp).join(String.raw`[\s._-]{0,2}`));
    }
  }
  // First and last names glued together, in either order: "EloiseDupont", "DUPONT ELOISE".
  if (names.length > 1) {
    alternatives.add(sequence(names.flat()));
    alternatives.add(sequence([...names].reverse().flat()));
  }
  if (alternatives.size === 0) return null;
  // Longest first, so that a whole name wins over its parts.
  const sorted = [...alternatives].sort((a, b) => b.length - a.length);
  return new RegExp(`${B}(?:${sorted.join('|')})${E}`, 'giu');
}

const FOLD_SPECIAL: Record<string, string> = {
  œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE', ß: 'ss',
  '’': "'", '‘': "'", ʼ: "'", '´': "'", '`': "'",
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '−': '-',
};

/**
 * Accent-free, ligature-free copy of the text; `origin[i]` is the index in `text` of the
 * character that produced `folded[i]` (plus one final entry: text.length), so that a match in
 * the folded copy maps back to the original. NFKD also turns non-breaking spaces into spaces
 * and full-width digits into ASCII ones.
 */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const out = FOLD_SPECIAL[char] ?? char.normalize('NFKD').replace(/\p{M}/gu, '');
    for (let i = 0; i < out.length; i++) origin.push(index);
    folded += out;
    index += char.length;
  }
  origin.push(text.length);
  return { folded, origin };
}

/** "cours" → "[cC][oO][uU][rR][sS]": case-insensitive inside a regex that must see case elsewhere. */
function anyCase(word: string): string {
  return [...word].map((c) => `[${c.toLowerCase()}${c.toUpperCase()}]`).join('');
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Employer-facing view
// ---------------------------------------------------------------------------------------------

/**
 * "Candidat·e 7F3A". Seed it per match (e.g. the match id), not per youth: an employer must not
 * be able to link one young person across several offers.
 */
export function pseudonym(seed: string): string {
  const hash = createHash('sha256').update(seed).digest('hex');
  return `Candidat·e ${hash.slice(0, 4).toUpperCase()}`;
}

/** Travel time is shown as a band, never in minutes: precise minutes would hint at the address. */
export const TRAVEL_TIME_BANDS = ['0-20', '20-40', '40-60', '60+'] as const;
export type TravelTimeBand = (typeof TRAVEL_TIME_BANDS)[number];

/** Upper bounds are inclusive: 20 minutes is still '0-20', as in the scoring's "1 up to 20 min". */
export function travelTimeBand(minutes: number): TravelTimeBand {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`Invalid travel time: ${minutes}`);
  if (minutes <= 20) return '0-20';
  if (minutes <= 40) return '20-40';
  if (minutes <= 60) return '40-60';
  return '60+';
}

export interface AnonymisedProfile {
  pseudonym: string;
  targetRomeCodes: string[];
  skills: string[];
  educationLevel: EducationLevel;
  languages: Language[];
  experiences: Experience[];
  availability: Availability;
  contractTypes: ContractType[];
  /** Null when the travel time could not be estimated. */
  travelTimeBand: TravelTimeBand | null;
  /** Present only when the offer requires a licence: otherwise it is none of the employer's business. */
  drivingLicence?: boolean;
}

export interface AnonymisationOptions {
  pseudonymSeed: string;
  /** ROME labels by code: experience titles are shown as the label of their code (gender-neutral). */
  romeLabels?: Readonly<Record<string, string>>;
  travel?: { minutes: number } | null;
  offerRequiresLicence?: boolean;
}

/** What an employer sees of a proposed candidate before accepting them (DOMAIN.md, point 2). */
export function anonymisedProfile(profile: YouthProfile, options: AnonymisationOptions): AnonymisedProfile {
  const scrub = (text: string) => employerText(text, [profile.firstName, profile.lastName]);
  return {
    pseudonym: pseudonym(options.pseudonymSeed),
    targetRomeCodes: [...profile.targetRomeCodes],
    skills: scrubSkills(profile.skills, scrub),
    educationLevel: profile.educationLevel,
    // « native » points at origin: a native speaker is shown at the top CEFR level.
    languages: profile.languages.map((l) => ({ code: l.code, level: l.level === 'native' ? 'C2' : l.level })),
    experiences: profile.experiences.map((e) => ({
      title: neutralTitle(scrub(e.title), (e.romeCode && options.romeLabels?.[e.romeCode]) || null) || 'Expérience',
      romeCode: e.romeCode,
      months: e.months,
      description: scrub(e.description),
    })),
    availability: copyAvailability(profile.availability),
    contractTypes: [...profile.contractTypes],
    travelTimeBand: options.travel ? travelTimeBand(options.travel.minutes) : null,
    ...(options.offerRequiresLicence === true && { drivingLicence: profile.mobility.drivingLicence }),
  };
}

/**
 * Free text as an employer may read it: passages about a protected attribute left out,
 * personal data removed, gendered words made inclusive.
 */
export function employerText(text: string, knownNames: string[]): string {
  return neutraliseGender(scrubFreeText(removeProtectedPassages(text).text, knownNames));
}

export interface ProtectedPassageFlag {
  /** Where the passage is: `skills.2`, `experiences.0.description`. */
  path: string;
  category: ProtectedCategory;
  passage: string;
}

/**
 * The passages left out of the employer view because they mention a protected attribute, for
 * the advisor to reword. Never shown to an employer (the passage is the problem).
 */
export function protectedPassageFlags(profile: YouthProfile): ProtectedPassageFlag[] {
  const texts: [string, string][] = [
    ...profile.skills.map((s, i): [string, string] => [`skills.${i}`, s]),
    ...profile.experiences.flatMap((e, i): [string, string][] => [
      [`experiences.${i}.title`, e.title],
      [`experiences.${i}.description`, e.description],
    ]),
  ];
  return texts.flatMap(([path, text]) => removeProtectedPassages(text).passages.map((p) => ({ path, ...p })));
}

// ---------------------------------------------------------------------------------------------
// Scoring projection
// ---------------------------------------------------------------------------------------------

/** Schedules a barrier rules out, so that scoring never sees the barrier itself. */
const SCHEDULES_EXCLUDED_BY_BARRIER: Record<Barrier, readonly Schedule[]> = {
  childcare: ['night', 'weekend'],
  housing: [],
  health: [],
  mobility: [],
  confidence: [],
  administrative: [],
};

export interface ScoringProjection {
  targetRomeCodes: string[];
  skills: string[];
  educationLevel: EducationLevel;
  languages: Language[];
  experiences: { romeCode: string | null; months: number }[];
  availability: Availability;
  contractTypes: ContractType[];
  mobility: Mobility;
  /** The only age-derived fact, used only for the legal constraints on minors' work. */
  isMinor: boolean;
  barrierConstraints: { excludedSchedules: Schedule[] };
  /**
   * Only to estimate the travel time to the workplace: the score reads the time, never the
   * place. Must never be shown to an employer, nor copied into an explanation.
   */
  communeInsee: string;
}

/** What the matching score may read (DOMAIN.md, point 1): no protected attribute. */
export function scoringProjection(profile: YouthProfile, today: string): ScoringProjection {
  const excluded = new Set(profile.barriers.flatMap((b) => SCHEDULES_EXCLUDED_BY_BARRIER[b]));
  return {
    targetRomeCodes: [...profile.targetRomeCodes],
    // Scrubbed too: explanations may quote skills back to an employer.
    skills: scrubSkills(profile.skills, (text) => scrubFreeText(text, [profile.firstName, profile.lastName])),
    educationLevel: profile.educationLevel,
    languages: copyLanguages(profile.languages),
    experiences: profile.experiences.map((e) => ({ romeCode: e.romeCode, months: e.months })),
    availability: copyAvailability(profile.availability),
    contractTypes: [...profile.contractTypes],
    mobility: {
      modes: [...profile.mobility.modes],
      drivingLicence: profile.mobility.drivingLicence,
      maxCommuteMinutes: profile.mobility.maxCommuteMinutes,
    },
    isMinor: isMinorOn(profile.birthDate, today),
    barrierConstraints: { excludedSchedules: SCHEDULES.filter((s) => excluded.has(s)) },
    communeInsee: profile.communeInsee,
  };
}

/** Skills that were nothing but personal data vanish rather than show as a lone marker. */
function scrubSkills(skills: string[], scrub: (text: string) => string): string[] {
  return skills.map(scrub).filter((s) => s.replaceAll(REDACTED, '').replace(/[\s\p{P}]/gu, '') !== '');
}

function copyLanguages(languages: Language[]): Language[] {
  return languages.map((l) => ({ code: l.code, level: l.level }));
}

function copyAvailability(a: Availability): Availability {
  return { from: a.from, maxHoursPerWeek: a.maxHoursPerWeek, schedules: [...a.schedules] };
}

// Compile-time guards: adding a protected key to a projection breaks the build.
type AssertNever<T extends never> = T;
type _NoProtectedKeyForEmployers = AssertNever<Extract<keyof AnonymisedProfile, ProtectedKey>>;
type _NoProtectedKeyForScoring = AssertNever<Extract<keyof ScoringProjection, Exclude<ProtectedKey, 'communeInsee'>>>;
