/**
 * What both engines agree on: which fields a document may carry, which are searched and with
 * what weight, how text is folded, the stop words, the sort date and the distance formula.
 */
import type { DocumentOf, GeoPoint, ImmersionSlotDocument, IndexName, OfferDocument, YouthDocument } from './documents.js';

/** Every key a document may carry, per index: anything else is dropped before it leaves. */
const OFFER_KEYS = [
  'id', 'employerId', 'status', 'title', 'description', 'romeCode', 'romeLabel', 'requiredSkills',
  'niceToHaveSkills', 'contractType', 'schedules', 'hoursPerWeek', 'minEducationLevel',
  'drivingLicenceRequired', 'drivingLicenceUse', 'communeInsee', 'communeName', 'location', 'positions', 'startDate',
  'expiresAt', 'publishedAt', 'updatedAt',
] as const satisfies readonly (keyof OfferDocument)[];
const SLOT_KEYS = [
  'id', 'employerId', 'status', 'title', 'romeCode', 'romeLabel', 'activities', 'schedules',
  'hoursPerWeek', 'communeInsee', 'communeName', 'location', 'capacity', 'availableFrom',
  'availableTo', 'updatedAt',
] as const satisfies readonly (keyof ImmersionSlotDocument)[];
const YOUTH_KEYS = [
  'id', 'structureId', 'pseudonym', 'targetRomeCodes', 'romeLabels', 'skills', 'educationLevel',
  'languages', 'experiences', 'contractTypes', 'schedules', 'availableFrom', 'location',
  'searchable', 'updatedAt',
] as const satisfies readonly (keyof YouthDocument)[];

// Compile-time check that the lists above name every field of the documents: a field added to
// documents.ts must be added here too (a deliberate decision, since it will leave the database).
type Exhaustive<T, K extends readonly (keyof T)[]> = Exclude<keyof T, K[number]> extends never ? true : never;
const exhaustive: [
  Exhaustive<OfferDocument, typeof OFFER_KEYS>,
  Exhaustive<ImmersionSlotDocument, typeof SLOT_KEYS>,
  Exhaustive<YouthDocument, typeof YOUTH_KEYS>,
] = [true, true, true];
void exhaustive;

export const DOCUMENT_KEYS: { [I in IndexName]: readonly (keyof DocumentOf[I])[] } = {
  offers: OFFER_KEYS,
  immersion_slots: SLOT_KEYS,
  youth: YOUTH_KEYS,
};

/**
 * A copy of the document holding only its declared keys: a caller that passes a richer object
 * (a database row, a profile) by mistake cannot leak a protected attribute into an engine.
 */
export function project<I extends IndexName>(index: I, document: DocumentOf[I]): DocumentOf[I] {
  const source = document as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of DOCUMENT_KEYS[index] as readonly string[]) {
    if (source[key] !== undefined) out[key] = source[key];
  }
  const location = source.location as GeoPoint | undefined;
  if (!location || !Number.isFinite(location.lat) || !Number.isFinite(location.lng)) {
    throw new TypeError(`${index} document ${String(source.id)} has no valid location`);
  }
  out.location = { lat: location.lat, lng: location.lng };
  return out as unknown as DocumentOf[I];
}

/**
 * Searchable text by weight, A (most important) to D. Meilisearch's searchableAttributes list the
 * same fields in the same order; Postgres weights its tsvector with them.
 */
export interface WeightedText {
  a: string;
  b: string;
  c: string;
  d: string;
}

export const SEARCHABLE_ATTRIBUTES: Record<IndexName, string[]> = {
  offers: ['title', 'romeLabel', 'requiredSkills', 'niceToHaveSkills', 'communeName', 'description'],
  immersion_slots: ['title', 'romeLabel', 'communeName', 'activities'],
  youth: ['romeLabels', 'skills', 'experiences', 'languages'],
};

export function weightedText<I extends IndexName>(index: I, document: DocumentOf[I]): WeightedText {
  const join = (...parts: (string | readonly string[] | null | undefined)[]) =>
    parts.flatMap((p) => (p == null ? [] : typeof p === 'string' ? [p] : p)).join(' ');
  switch (index) {
    case 'offers': {
      const d = document as OfferDocument;
      return { a: d.title, b: d.romeLabel, c: join(d.requiredSkills, d.niceToHaveSkills, d.communeName), d: d.description };
    }
    case 'immersion_slots': {
      const d = document as ImmersionSlotDocument;
      return { a: d.title, b: d.romeLabel, c: d.communeName, d: d.activities };
    }
    default: {
      const d = document as YouthDocument;
      return { a: join(d.romeLabels), b: join(d.skills), c: join(d.experiences, d.languages), d: '' };
    }
  }
}

/** The instant of the default "newest first" order, in milliseconds. */
export function sortTime<I extends IndexName>(index: I, document: DocumentOf[I]): number {
  const iso = index === 'offers' ? ((document as OfferDocument).publishedAt ?? document.updatedAt) : document.updatedAt;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new TypeError(`${index} document ${document.id} has an invalid date: ${iso}`);
  return ms;
}

/**
 * French stop words, the list PostgreSQL's `french` configuration uses (snowball), folded like
 * the text they are compared with. Meilisearch gets the same list so both engines ignore the
 * same words.
 */
export const FRENCH_STOP_WORDS: readonly string[] = [
  ...new Set(
    (
      'au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me même mes moi mon ne nos ' +
      'notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j ' +
      'l à m n s t y été étée étées étés étant étante étants étantes suis es est sommes êtes sont serai seras sera ' +
      'serons serez seront serais serait serions seriez seraient étais était étions étiez étaient fus fut fûmes ' +
      'fûtes furent sois soit soyons soyez soient fusse fusses fût fussions fussiez fussent ayant ayante ayantes ' +
      'ayants eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions ' +
      'auriez auraient avais avait avions aviez avaient eut eûmes eûtes eurent aie aies ait ayons ayez aient ' +
      'eusse eusses eût eussions eussiez eussent'
    )
      .split(' ')
      .map(fold),
  ),
];
const stopWords = new Set(FRENCH_STOP_WORDS);

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ø: 'o', ß: 'ss', đ: 'd', ł: 'l' };

/**
 * Lower case, no accents, anything but letters and digits as single spaces: the TypeScript twin
 * of the database's passerelle_normalize().
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[œæøßđł]/g, (c) => LIGATURES[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Words of a query that count; the API refuses more (a pasted paragraph is not a search). */
export const MAX_QUERY_WORDS = 10;

/**
 * The words of a free-text query that must each match: folded, without stop words, each once (a
 * word repeated asks nothing more of a document, and would only cost another lookup).
 */
export function queryWords(q: string | undefined): string[] {
  if (!q) return [];
  const words = fold(q)
    .split(' ')
    .filter((w) => w.length > 0 && !stopWords.has(w));
  return [...new Set(words)].slice(0, MAX_QUERY_WORDS); // the API refuses longer queries; this bounds the work anyway
}

