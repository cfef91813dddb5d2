/**
 * One contract, every engine: the PostgreSQL engine always, Meilisearch when MEILI_URL answers.
 * Fixtures are documents built here, not the offer/youth tables.
 */
import { randomUUID } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';
import { LYON, offer, slot, youth } from '../../helpers/search-documents.js';
import type { GeoPoint, ImmersionSlotDocument, OfferDocument, YouthDocument } from '../../../src/adapters/search/documents.js';
import { INDEX_NAMES } from '../../../src/adapters/search/documents.js';
import type { SearchEngine, SearchPage } from '../../../src/adapters/search/engine.js';
import { EARTH_RADIUS_KM } from '../../../src/domain/geo.js';
import { createMeilisearchEngine, romeSynonyms } from '../../../src/adapters/search/meilisearch-engine.js';
import { createPostgresSearchEngine } from '../../../src/adapters/search/postgres-engine.js';

const t = await useTestContext();

interface EngineCase {
  label: string;
  create(): SearchEngine;
  dispose?(): Promise<void>;
}

/** The synonyms both engines get in the contract (from the ROME reference in production). */
const synonyms = () =>
  romeSynonyms([{ code: 'D1102', label: 'Boulanger / Boulangère', titles: ['Ouvrier boulanger / Ouvrière boulangère', 'Mitron / Mitronne'] }]);

const engines: EngineCase[] = [{ label: 'postgres', create: () => createPostgresSearchEngine(t.deps.sql, { synonyms }) }];

const meiliUrl = process.env.MEILI_URL;
const meiliKey = process.env.MEILI_MASTER_KEY;
async function reachable(url: string | undefined): Promise<boolean> {
  if (!url) return false;
  try {
    const res = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

let meiliSkipped: string | null = null;
if (await reachable(meiliUrl)) {
  const indexPrefix = `test_${t.id}_`;
  engines.push({
    label: 'meilisearch',
    create: () =>
      createMeilisearchEngine({
        host: meiliUrl!,
        apiKey: meiliKey,
        indexPrefix,
        synonyms,
      }),
    async dispose() {
      const client = new Meilisearch({ host: meiliUrl!, apiKey: meiliKey });
      for (const index of INDEX_NAMES) await client.deleteIndex(`${indexPrefix}${index}`).waitTask();
    },
  });
} else {
  meiliSkipped = `Meilisearch not reachable at ${meiliUrl ?? '(MEILI_URL not set)'} — skipped`;
  console.warn(`[search contract] ${meiliSkipped}`);
}

if (meiliSkipped) describe.skip(meiliSkipped, () => it.skip('runs the search contract against Meilisearch', () => {}));

// --- fixtures -----------------------------------------------------------------------------

/** The point `km` away from `from` on the initial bearing (spherical Earth, mean radius). */
function destination(from: GeoPoint, km: number, bearingDeg: number): GeoPoint {
  const rad = Math.PI / 180;
  const delta = km / EARTH_RADIUS_KM;
  const theta = bearingDeg * rad;
  const phi1 = from.lat * rad;
  const lambda1 = from.lng * rad;
  const phi2 = Math.asin(Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta));
  const lambda2 =
    lambda1 + Math.atan2(Math.sin(theta) * Math.sin(delta) * Math.cos(phi1), Math.cos(delta) - Math.sin(phi1) * Math.sin(phi2));
  return { lat: phi2 / rad, lng: lambda2 / rad };
}


const ids = (page: SearchPage<{ id: string }>) => page.hits.map((h) => h.document.id);
const sorted = (values: string[]) => [...values].sort();

// --- the contract -------------------------------------------------------------------------

describe.each(engines)('search engine contract: $label', (engineCase) => {
  let engine: SearchEngine;

  beforeAll(async () => {
    engine = engineCase.create();
    await engine.health();
    await engine.setup();
  });

  afterAll(async () => {
    await engineCase.dispose?.();
    await engine?.close();
  });

  beforeEach(async () => {
    for (const index of INDEX_NAMES) await engine.clear(index);
  });

  describe('text', () => {
    const baker = offer({ title: 'Boulanger / Boulangère', romeCode: 'D1102', romeLabel: 'Boulangerie - viennoiserie' });
    const developer = offer({ title: 'Développeur web', romeCode: 'M1805', romeLabel: 'Études et développement informatique' });
    const guard = offer({ title: 'Agent de sécurité', romeCode: 'K2503', romeLabel: 'Sécurité et surveillance privées' });
    const electrician = offer({ title: 'Électricien du bâtiment', romeCode: 'F1602', romeLabel: 'Électricité bâtiment' });

    beforeEach(async () => {
      await engine.upsert('offers', [baker, developer, guard, electrician]);
    });

    it.each([
      ['boulangr', 'baker'],
      ['devloppeur', 'developer'],
      ['developpeur', 'developer'],
      ['Développeur', 'developer'],
      ['securite', 'guard'],
      ['SÉCURITÉ', 'guard'],
      ['electricien', 'electrician'],
      ['agent de securite', 'guard'],
    ])('finds %j (one typo, accents or case aside)', async (q, expected) => {
      const byName: Record<string, OfferDocument> = { baker, developer, guard, electrician };
      const page = await engine.searchOffers({ q });
      expect(ids(page)).toEqual([byName[expected]!.id]);
      expect(page.total).toBe(1);
      expect(page.hits[0]!.distanceKm).toBeNull();
    });

    it('counts a word repeated in the query once', async () => {
      const once = await engine.searchOffers({ q: 'agent securite' });
      expect(ids(once)).toEqual([guard.id]);
      expect(await engine.searchOffers({ q: 'Agent agent AGENT sécurité securite agent' })).toEqual(once);
    });

    it('tolerates typos as Meilisearch does: none under 5 letters, one from 5, two from 9', async () => {
      const chef = offer({ title: 'Chef de rang', romeCode: 'G1801', romeLabel: 'Service en restauration' });
      const waiter = offer({ title: 'Serveur en brasserie', romeCode: 'G1803', romeLabel: 'Service en restauration' });
      const pastry = offer({ title: 'Pâtissier chocolatier', romeCode: 'D1104', romeLabel: 'Pâtisserie, confiserie' });
      await engine.upsert('offers', [chef, waiter, pastry]);
      expect(ids(await engine.searchOffers({ q: 'chaf rang' }))).toEqual([]); // 4 letters: exact only
      expect(ids(await engine.searchOffers({ q: 'serveor brasserie' }))).toEqual([waiter.id]); // 7 letters, one typo
      expect(ids(await engine.searchOffers({ q: 'sarveor brasserie' }))).toEqual([]); // 7 letters, two typos
      expect(ids(await engine.searchOffers({ q: 'chocolatier patissyer' }))).toEqual([pastry.id]); // 9 letters, one
      expect(ids(await engine.searchOffers({ q: 'chocolatyer' }))).toEqual([pastry.id]); // 11 letters, one
      expect(ids(await engine.searchOffers({ q: 'chacolatyer' }))).toEqual([pastry.id]); // 11 letters, two
    });

    it('applies the same synonyms: masculine and feminine forms, a job title and its occupation', async () => {
      const worker = offer({ title: 'Ouvrière boulangère', romeCode: 'D1102', romeLabel: 'Boulangerie' });
      await engine.upsert('offers', [worker]);
      // Not the last word (no prefix match): only the synonym ouvrier ↔ ouvriere finds it.
      expect(ids(await engine.searchOffers({ q: 'ouvrier boulangère' }))).toEqual([worker.id]);
      expect(ids(await engine.searchOffers({ q: 'mitron' }))).toContain(baker.id); // mitron → boulanger
      // A synonym of several words: the words in a row lead to the occupation, or match as typed.
      expect(sorted(ids(await engine.searchOffers({ q: 'ouvrier boulanger' })))).toEqual(sorted([baker.id, worker.id]));
      expect(ids(await engine.searchOffers({ q: 'boulanger ouvrier' }))).toEqual([worker.id]);
    });

    it('ignores French stop words inside a query', async () => {
      expect(ids(await engine.searchOffers({ q: 'le boulanger de la' }))).toEqual([baker.id]);
      expect(ids(await engine.searchOffers({ q: 'un agent pour la sécurité' }))).toEqual([guard.id]);
    });

    it('requires every word of the query to match', async () => {
      expect(ids(await engine.searchOffers({ q: 'boulanger informatique' }))).toEqual([]);
      expect(ids(await engine.searchOffers({ q: 'zzqxwv' }))).toEqual([]);
    });

    it('treats a query of stop words only as no text', async () => {
      const page = await engine.searchOffers({ q: 'de la' });
      expect(page.total).toBe(4);
    });

    it('ranks a title match before a description match', async () => {
      const inTitle = offer({ title: 'Serveur en restauration', description: 'Service en salle.' });
      const inDescription = offer({ title: 'Employé de restauration', description: 'Aide au serveur en salle, plonge.' });
      await engine.upsert('offers', [inDescription, inTitle]);
      expect(ids(await engine.searchOffers({ q: 'serveur' }))).toEqual([inTitle.id, inDescription.id]);
    });

    it('ranks alike with or without filters: typed words before corrections, the title before the rest', async () => {
      const titleExact = offer({ title: 'Plongeur', description: 'Vaisselle.' });
      const elsewhereExact = offer({ title: 'Employé de salle', description: 'Aide au plongeur.' });
      const titleTypo = offer({ title: 'Plongeux de nuit', description: 'Vaisselle.' });
      const elsewhereTypo = offer({ title: 'Employé de cuisine', description: 'Aide au plongeux.' });
      await engine.upsert('offers', [elsewhereTypo, titleTypo, elsewhereExact, titleExact]);
      const expected = [titleExact.id, elsewhereExact.id, titleTypo.id, elsewhereTypo.id];
      for (const narrowing of [{}, { schedules: ['day'] }, { near: { ...LYON, radiusKm: 5 } }]) {
        const page = await engine.searchOffers({ q: 'plongeur', ...narrowing });
        expect(ids(page)).toEqual(expected);
        expect(page.total).toBe(4);
        expect(ids(await engine.searchOffers({ q: 'plongeur', ...narrowing, limit: 2, offset: 1 }))).toEqual(expected.slice(1, 3));
      }
    });

    it('ranks the same way past 1,000 matches, where the total is estimated', async () => {
      const group = (count: number, overrides: Partial<OfferDocument>) => Array.from({ length: count }, () => offer(overrides));
      const titles = group(3, { title: 'Plongeur', description: 'Vaisselle.' });
      // At 50 distances north of Lyon (ten offers at each, up to 2.7 km), for the pages with a place.
      const elsewhere = Array.from({ length: 500 }, (_, i) =>
        offer({ title: 'Employé de salle', description: 'Aide au plongeur.', location: { lat: LYON.lat + (i % 50) * 0.0005, lng: LYON.lng } }),
      );
      const typos = group(500, { title: 'Plongeux de nuit', description: 'Vaisselle.' });
      await engine.upsert('offers', [...typos, ...elsewhere, ...titles]);
      const expected = [titles, elsewhere, typos].flatMap((docs) => docs.map((d) => d.id).sort());

      const first = await engine.searchOffers({ q: 'plongeur', limit: 5 });
      expect(ids(first)).toEqual(expected.slice(0, 5));
      expect(first).toMatchObject({ total: 1000, totalEstimated: true });
      expect(ids(await engine.searchOffers({ q: 'plongeur', limit: 4, offset: 501 }))).toEqual(expected.slice(501, 505));
      expect(ids(await engine.searchOffers({ q: 'plongeur', limit: 20, offset: 980 }))).toEqual(expected.slice(980, 1000));

      // With a place: by tier, then distance, then id.
      const byDistance = (docs: OfferDocument[]) =>
        [...docs].sort((a, b) => a.location.lat - b.location.lat || (a.id < b.id ? -1 : 1)).map((d) => d.id);
      const near = { ...LYON, radiusKm: 5 };
      const nearest = [...byDistance(titles), ...byDistance(elsewhere), ...byDistance(typos)];
      expect(ids(await engine.searchOffers({ q: 'plongeur', near, limit: 5 }))).toEqual(nearest.slice(0, 5));
      expect(ids(await engine.searchOffers({ q: 'plongeur', near, limit: 4, offset: 501 }))).toEqual(nearest.slice(501, 505));
      expect(ids(await engine.searchOffers({ q: 'plongeur', near, limit: 20, offset: 495 }))).toEqual(nearest.slice(495, 515));
      expect(ids(await engine.searchOffers({ q: 'plongeur', near, limit: 20, offset: 980 }))).toEqual(nearest.slice(980, 1000));
    });

    it('pages past 1,000 matches found mostly outside the title, with or without a place', async () => {
      // Eleven points 2 km apart: many documents at each, so distances tie across page ends; the
      // documents that do not match crowd the nearest point, so that a walk by distance from
      // there ends amid the ties of a farther point.
      const points = Array.from({ length: 11 }, (_, k) => destination(LYON, 2 * k, 0));
      const at = (i: number) => ({ location: points[i % points.length]! });
      const titles = Array.from({ length: 5 }, (_, i) => offer({ title: 'Plongeur', description: 'Vaisselle.', ...at(i * 3) }));
      const elsewhere = Array.from({ length: 1100 }, (_, i) => offer({ title: 'Employé de salle', description: 'Aide au plongeur.', ...at(i) }));
      const others = Array.from({ length: 600 }, () => offer({ title: 'Serveur', description: 'Service en salle.', ...at(0) }));
      await engine.upsert('offers', [...others, ...elsewhere, ...titles]);
      const byId = (docs: OfferDocument[]) => docs.map((d) => d.id).sort();
      const point = (d: OfferDocument) => points.findIndex((p) => p === d.location);
      const byDistance = (docs: OfferDocument[]) =>
        [...docs].sort((a, b) => point(a) - point(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((d) => d.id);

      const expected = [...byId(titles), ...byId(elsewhere)];
      for (const [offset, limit] of [[0, 20], [40, 20], [500, 20], [980, 20]] as const) {
        const page = await engine.searchOffers({ q: 'plongeur', limit, offset });
        expect(ids(page)).toEqual(expected.slice(offset, offset + limit));
        expect(page).toMatchObject({ total: 1000, totalEstimated: true });
      }
      const near = { ...LYON, radiusKm: 30 };
      const nearest = [...byDistance(titles), ...byDistance(elsewhere)];
      for (const [offset, limit] of [[0, 20], [95, 20], [355, 20], [500, 20], [980, 20]] as const) {
        expect(ids(await engine.searchOffers({ q: 'plongeur', near, limit, offset }))).toEqual(nearest.slice(offset, offset + limit));
      }
    });

    it('pages past 1,000 matches found mostly in the title, with a place, ties across the page ends', async () => {
      // A dense first tier: its page lies within the distance of its nearest matches among those
      // counted. About 100 documents at each of eleven points 2 km apart, so that the page's last
      // distance is shared by documents on both sides of the page's end.
      const points = Array.from({ length: 11 }, (_, k) => destination(LYON, 2 * k, 90));
      const titles = Array.from({ length: 1150 }, (_, i) => offer({ title: 'Plongeur', description: 'Vaisselle.', location: points[(i * 7) % 11]! }));
      const elsewhere = Array.from({ length: 100 }, (_, i) => offer({ title: 'Employé de salle', description: 'Aide au plongeur.', location: points[i % 11]! }));
      await engine.upsert('offers', [...elsewhere, ...titles]);
      const point = (d: OfferDocument) => points.findIndex((p) => p === d.location);
      const byDistance = (docs: OfferDocument[]) =>
        [...docs].sort((a, b) => point(a) - point(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((d) => d.id);
      const nearest = [...byDistance(titles), ...byDistance(elsewhere)];
      const near = { ...LYON, radiusKm: 30 };
      for (const [offset, limit] of [[0, 20], [90, 20], [95, 20], [430, 20], [980, 20]] as const) {
        const page = await engine.searchOffers({ q: 'plongeur', near, limit, offset });
        expect(ids(page)).toEqual(nearest.slice(offset, offset + limit));
        expect(page).toMatchObject({ total: 1000, totalEstimated: true });
      }
    });

    it('matches the last word as a prefix', async () => {
      expect(ids(await engine.searchOffers({ q: 'boulang' }))).toEqual([baker.id]);
    });

    it('matches the last word as the beginning of words, not of every word its stem begins', async () => {
      // réceptionniste and réceptionnaire share the stem `reception`; the typed word begins one only
      // (and is three typos from the other's beginning).
      const receptionist = offer({ title: 'Réceptionniste de nuit', romeCode: 'G1703', romeLabel: 'Réception en hôtellerie' });
      const consignee = offer({ title: 'Réceptionnaire en entrepôt', romeCode: 'N1103', romeLabel: 'Magasinage' });
      await engine.upsert('offers', [receptionist, consignee]);
      expect(ids(await engine.searchOffers({ q: 'receptionniste' }))).toEqual([receptionist.id]);
      expect(sorted(ids(await engine.searchOffers({ q: 'réceptionn' })))).toEqual(sorted([receptionist.id, consignee.id]));
      // Three letters too: `vie` begins vie and vieux, not visite (whose stem `visit` begins with vie's `vi`).
      const carer = offer({ title: 'Auxiliaire de vie sociale', romeCode: 'K1302', romeLabel: 'Assistance auprès d’adultes' });
      const guide = offer({ title: 'Auxiliaire de visite', romeCode: 'G1201', romeLabel: 'Accompagnement de voyages' });
      await engine.upsert('offers', [carer, guide]);
      expect(ids(await engine.searchOffers({ q: 'auxiliaire de vie' }))).toEqual([carer.id]);
      expect(sorted(ids(await engine.searchOffers({ q: 'auxiliaire de vi' })))).toEqual(sorted([carer.id, guide.id]));
    });
  });

  describe('radius', () => {
    it('keeps 9.9 km in and 10.1 km out of a 10 km radius, in every direction, nearest first', async () => {
      const inside = [0, 90, 180, 270].map((bearing) => offer({ title: `Dedans ${bearing}`, location: destination(LYON, 9.9, bearing) }));
      const outside = [45, 135, 225, 315].map((bearing) => offer({ title: `Dehors ${bearing}`, location: destination(LYON, 10.1, bearing) }));
      const close = offer({ title: 'Tout près', location: destination(LYON, 2, 30) });
      const far = offer({ title: 'Loin', location: destination(LYON, 80, 10) });
      await engine.upsert('offers', [...inside, ...outside, close, far]);

      const page = await engine.searchOffers({ near: { ...LYON, radiusKm: 10 } });
      expect(page.total).toBe(5);
      expect(page.hits[0]!.document.id).toBe(close.id);
      expect(sorted(ids(page).slice(1))).toEqual(sorted(inside.map((d) => d.id)));
      expect(page.hits[0]!.distanceKm).toBeCloseTo(2, 1);
      for (const hit of page.hits.slice(1)) expect(hit.distanceKm!).toBeCloseTo(9.9, 1);
      const distances = page.hits.map((h) => h.distanceKm!);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));

      const wider = await engine.searchOffers({ near: { ...LYON, radiusKm: 10.2 } });
      expect(wider.total).toBe(9);
    });

    it('ranks by relevance first when there is text, and still reports the distance', async () => {
      const nearWeak = offer({ title: 'Employé de cuisine', description: 'Aide au cuisinier', location: destination(LYON, 1, 0) });
      const farStrong = offer({ title: 'Cuisinier', location: destination(LYON, 8, 0) });
      await engine.upsert('offers', [nearWeak, farStrong]);
      const page = await engine.searchOffers({ q: 'cuisinier', near: { ...LYON, radiusKm: 10 } });
      expect(ids(page)).toEqual([farStrong.id, nearWeak.id]);
      expect(page.hits[0]!.distanceKm).toBeCloseTo(8, 1);
    });
  });

  describe('filters', () => {
    it('combines text, ROME codes, contract types, schedules and radius', async () => {
      const base = {
        title: 'Vendeur en boulangerie',
        romeCode: 'D1106',
        contractType: 'CDI',
        schedules: ['day', 'evening'],
        location: destination(LYON, 5, 90),
      } satisfies Partial<OfferDocument>;
      const match = offer(base);
      const misses = [
        offer({ ...base, title: 'Caissier' }),
        offer({ ...base, romeCode: 'D1507' }),
        offer({ ...base, contractType: 'CDD' }),
        offer({ ...base, schedules: ['night'] }),
        offer({ ...base, location: destination(LYON, 25, 90) }),
      ];
      await engine.upsert('offers', [match, ...misses]);
      const page = await engine.searchOffers({
        q: 'vendeur',
        romeCodes: ['D1106', 'D1214'],
        contractTypes: ['CDI', 'apprenticeship'],
        schedules: ['evening', 'weekend'],
        near: { ...LYON, radiusKm: 20 },
      });
      expect(ids(page)).toEqual([match.id]);
      expect(page.total).toBe(1);
      expect(page.hits[0]!.distanceKm).toBeCloseTo(5, 1);
    });

    it('lists the nearest offers of a few ROME codes, merged by distance, however many codes', async () => {
      const employerId = randomUUID();
      const at = (romeCode: string, km: number, more: Partial<OfferDocument> = {}) =>
        offer({ romeCode, location: destination(LYON, km, 40), ...more });
      const wanted = [at('D1106', 1), at('G1602', 2), at('D1106', 3), at('G1602', 4), at('D1106', 5)];
      const others = [
        at('K2204', 0.5),
        at('D1106', 0.2, { employerId, status: 'draft' }),
        at('D1106', 30),
        // Between codes of the lists below (the PostgreSQL engine walks the range of each letter's codes).
        at('D1105', 1.5),
        at('G1601', 2.5),
      ];
      await engine.upsert('offers', [...others, ...wanted]);
      const near = { ...LYON, radiusKm: 20 };

      const many = ['D1101', 'D1102', 'D1103', 'D1104', 'D1106', 'D1107', 'G1602', 'G1603', 'G1604'];
      for (const romeCodes of [['D1106', 'G1602'], ['D1106', 'G1602', 'D1106'], ['A1203', 'D1106', 'F1704', 'G1602', 'K1303', 'N1101'], many]) {
        const page = await engine.searchOffers({ romeCodes, near });
        expect(ids(page)).toEqual(wanted.map((d) => d.id));
        expect(page.total).toBe(5);
        expect(page.hits.map((h) => Math.round(h.distanceKm!))).toEqual([1, 2, 3, 4, 5]);
        expect(ids(await engine.searchOffers({ romeCodes, near, limit: 2, offset: 2 }))).toEqual([wanted[2]!.id, wanted[3]!.id]);
      }
      const own = await engine.searchOffers({ employerId, statuses: ['draft'], romeCodes: ['D1106'], near });
      expect(ids(own)).toEqual([others[1]!.id]);
    });

    it('returns only the fields asked, in pages up to the depth it counts to', async () => {
      const documents = Array.from({ length: 150 }, (_, i) => offer({ romeCode: 'D1106', location: destination(LYON, 0.01 * i, 40) }));
      await engine.upsert('offers', documents);
      const fields = ['id', 'romeCode', 'location'] as const;
      const page = await engine.searchOffers({ romeCodes: ['D1106'], near: { ...LYON, radiusKm: 10 }, fields, limit: 120, count: false });
      expect(ids(page)).toEqual(documents.slice(0, 120).map((d) => d.id));
      for (const { document } of page.hits) expect(Object.keys(document).sort()).toEqual([...fields].sort());
      const rest = await engine.searchOffers({ romeCodes: ['D1106'], near: { ...LYON, radiusKm: 10 }, fields, limit: 120, offset: 120 });
      expect(ids(rest)).toEqual(documents.slice(120).map((d) => d.id));
      // Whole documents: a page of 100 at most.
      expect((await engine.searchOffers({ near: { ...LYON, radiusKm: 10 }, limit: 120 })).hits).toHaveLength(100);
    });

    it('treats empty lists as no constraint', async () => {
      await engine.upsert('offers', [offer(), offer()]);
      expect((await engine.searchOffers({ romeCodes: [], contractTypes: [], schedules: [] })).total).toBe(2);
    });

    it('keeps only published offers, unless an employer looks at their own', async () => {
      const employerId = randomUUID();
      const published = offer({ employerId, status: 'published' });
      const draft = offer({ employerId, status: 'draft' });
      const closed = offer({ employerId, status: 'closed' });
      const othersPublished = offer({ status: 'published' });
      const othersDraft = offer({ status: 'draft' });
      await engine.upsert('offers', [published, draft, closed, othersPublished, othersDraft]);

      expect(sorted(ids(await engine.searchOffers({})))).toEqual(sorted([published.id, othersPublished.id]));
      expect(sorted(ids(await engine.searchOffers({ statuses: ['draft'] })))).toEqual(sorted([published.id, othersPublished.id]));
      expect(sorted(ids(await engine.searchOffers({ employerId })))).toEqual(sorted([published.id, draft.id, closed.id]));
      expect(ids(await engine.searchOffers({ employerId, statuses: ['draft'] }))).toEqual([draft.id]);
    });

    it('keeps only open immersion slots, unless an employer looks at their own', async () => {
      const employerId = randomUUID();
      const open = slot({ employerId });
      const closed = slot({ employerId, status: 'closed' });
      const othersOpen = slot({ romeCode: 'A1203' });
      await engine.upsert('immersion_slots', [open, closed, othersOpen]);

      expect(sorted(ids(await engine.searchImmersionSlots({})))).toEqual(sorted([open.id, othersOpen.id]));
      expect(ids(await engine.searchImmersionSlots({ romeCodes: ['A1203'] }))).toEqual([othersOpen.id]);
      expect(ids(await engine.searchImmersionSlots({ q: 'fleuriste', romeCodes: ['D1209'] }))).toEqual([open.id]);
      expect(sorted(ids(await engine.searchImmersionSlots({ employerId })))).toEqual(sorted([open.id, closed.id]));
    });

    it('finds immersion slots by radius with their distance', async () => {
      const inside = slot({ location: destination(LYON, 9.9, 10) });
      const outside = slot({ location: destination(LYON, 10.1, 10) });
      await engine.upsert('immersion_slots', [inside, outside]);
      const page = await engine.searchImmersionSlots({ near: { ...LYON, radiusKm: 10 } });
      expect(ids(page)).toEqual([inside.id]);
      expect(page.hits[0]!.distanceKm).toBeCloseTo(9.9, 1);
    });
  });

  describe('youth scope', () => {
    it("returns only the advisor's structure's searchable youth", async () => {
      const mine = randomUUID();
      const theirs = randomUUID();
      const visible = youth({ structureId: mine });
      const notConsenting = youth({ structureId: mine, searchable: false });
      const elsewhere = youth({ structureId: theirs });
      await engine.upsert('youth', [visible, notConsenting, elsewhere]);

      expect(ids(await engine.searchYouth({ structureId: mine }))).toEqual([visible.id]);
      expect(ids(await engine.searchYouth({ structureId: mine, q: 'cuisinier' }))).toEqual([visible.id]);
      expect(ids(await engine.searchYouth({ structureId: mine, near: { ...LYON, radiusKm: 5 } }))).toEqual([visible.id]);
      expect(ids(await engine.searchYouth({ structureId: theirs }))).toEqual([elsewhere.id]);
      expect(ids(await engine.searchYouth({ structureId: randomUUID() }))).toEqual([]);
      await expect(engine.searchYouth({ structureId: '' })).rejects.toThrow(/structure/);
    });

    it('pages a structure past 1,000 matches nearest first, whoever else lives nearer', async () => {
      const mine = randomUUID();
      const points = Array.from({ length: 11 }, (_, k) => destination(LYON, 2 * k, 0));
      const own = Array.from({ length: 1100 }, (_, i) =>
        youth({ structureId: mine, romeLabels: ['Vendeur / Vendeuse'], skills: ['Cuisine du marché'], location: points[i % points.length]! }),
      );
      // Matching youth a walk by distance must pass over: another structure's, and not consenting.
      const theirs = Array.from({ length: 500 }, () => youth({ skills: ['Cuisine du marché'], location: points[0]! }));
      const hidden = Array.from({ length: 100 }, () => youth({ structureId: mine, searchable: false, location: points[0]! }));
      await engine.upsert('youth', [...theirs, ...hidden, ...own]);
      const point = (d: YouthDocument) => points.indexOf(d.location);
      const nearest = [...own].sort((a, b) => point(a) - point(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((d) => d.id);

      for (const [offset, limit] of [[0, 20], [120, 20], [500, 20], [980, 20]] as const) {
        const page = await engine.searchYouth({ structureId: mine, q: 'cuisine', near: { ...LYON, radiusKm: 30 }, limit, offset });
        expect(ids(page)).toEqual(nearest.slice(offset, offset + limit));
        expect(page).toMatchObject({ total: 1000, totalEstimated: true });
      }
    });

    it('filters youth by target occupations, contract types and schedules sought', async () => {
      const structureId = randomUUID();
      const cook = youth({ structureId, targetRomeCodes: ['G1602', 'G1603'], contractTypes: ['CDI', 'CDD'], schedules: ['day'] });
      const driver = youth({
        structureId,
        targetRomeCodes: ['N4101'],
        romeLabels: ['Conducteur / Conductrice de poids lourd'],
        contractTypes: ['interim'],
        schedules: ['night'],
      });
      await engine.upsert('youth', [cook, driver]);

      expect(ids(await engine.searchYouth({ structureId, romeCodes: ['G1603'] }))).toEqual([cook.id]);
      expect(ids(await engine.searchYouth({ structureId, contractTypes: ['interim', 'seasonal'] }))).toEqual([driver.id]);
      expect(ids(await engine.searchYouth({ structureId, schedules: ['night'] }))).toEqual([driver.id]);
      expect(ids(await engine.searchYouth({ structureId, q: 'conductrice' }))).toEqual([driver.id]);
    });
  });

  describe('ordering and pagination', () => {
    it('pages through equal scores without duplicates or gaps, in every sort mode', async () => {
      const twins = Array.from({ length: 23 }, () => offer({ title: 'Plongeur en restauration' }));
      await engine.upsert('offers', twins);
      const expected = sorted(twins.map((d) => d.id));

      for (const query of [{}, { q: 'plongeur' }, { near: { ...LYON, radiusKm: 3 } }, { q: 'plongeur', near: { ...LYON, radiusKm: 3 } }]) {
        const seen: string[] = [];
        for (let offset = 0; offset < 30; offset += 5) {
          const page = await engine.searchOffers({ ...query, limit: 5, offset });
          expect(page.total).toBe(23);
          expect(page).toMatchObject({ limit: 5, offset });
          seen.push(...ids(page));
        }
        expect(seen).toEqual(expected);
        // An offset that is not a page boundary lands on the same order.
        expect(ids(await engine.searchOffers({ ...query, limit: 4, offset: 3 }))).toEqual(expected.slice(3, 7));
      }
    });

    it('pages nearest first through many documents at one distance, and past them', async () => {
      // One workplace with more offers than a page walks beyond its end, then nearer and farther ones.
      const site = destination(LYON, 2, 90);
      const twins = Array.from({ length: 45 }, () => offer({ location: site }));
      const near = offer({ location: destination(LYON, 1, 90) });
      const far = Array.from({ length: 10 }, (_, i) => offer({ location: destination(LYON, 3 + i * 0.1, 90) }));
      await engine.upsert('offers', [...twins, near, ...far]);
      const expected = [near.id, ...sorted(twins.map((d) => d.id)), ...far.map((d) => d.id)];
      for (const limit of [5, 20, 50]) {
        const seen: string[] = [];
        for (let offset = 0; offset < expected.length; offset += limit) {
          seen.push(...ids(await engine.searchOffers({ near: { ...LYON, radiusKm: 10 }, limit, offset, count: false })));
        }
        expect(seen).toEqual(expected);
      }
    });

    it('reports the total past the last page, in every sort mode', async () => {
      await engine.upsert('offers', [offer({ title: 'Couvreur' }), offer({ title: 'Couvreur zingueur' })]);
      for (const query of [{}, { q: 'couvreur' }, { near: { ...LYON, radiusKm: 1 } }]) {
        const page = await engine.searchOffers({ ...query, limit: 10, offset: 10 });
        expect(page).toEqual({ hits: [], total: 2, totalEstimated: false, limit: 10, offset: 10 });
      }
    });

    it('lists newest first without text nor point (publication date, else last update)', async () => {
      const old = offer({ publishedAt: '2026-01-01T00:00:00.000Z' });
      const recent = offer({ publishedAt: '2026-03-01T00:00:00.000Z' });
      const draftUpdated = offer({ status: 'published', publishedAt: null, updatedAt: '2026-02-01T00:00:00.000Z' });
      await engine.upsert('offers', [old, recent, draftUpdated]);
      expect(ids(await engine.searchOffers({}))).toEqual([recent.id, draftUpdated.id, old.id]);
    });
  });

  describe('writes', () => {
    it('removes deleted documents from searches and from ids()', async () => {
      const kept = offer({ title: 'Jardinier paysagiste' });
      const deleted = offer({ title: 'Jardinier paysagiste' });
      await engine.upsert('offers', [kept, deleted]);
      expect((await engine.searchOffers({ q: 'jardinier' })).total).toBe(2);

      await engine.remove('offers', [deleted.id, randomUUID()]);
      expect(ids(await engine.searchOffers({ q: 'jardinier' }))).toEqual([kept.id]);
      expect(ids(await engine.searchOffers({}))).toEqual([kept.id]);
      const all: string[] = [];
      for await (const batch of engine.ids('offers')) all.push(...batch);
      expect(all).toEqual([kept.id]);
    });

    it('replaces a document on upsert (old words no longer match)', async () => {
      const doc = offer({ title: 'Menuisier' });
      await engine.upsert('offers', [doc]);
      await engine.upsert('offers', [{ ...doc, title: 'Charpentier' }]);
      expect(ids(await engine.searchOffers({ q: 'menuisier' }))).toEqual([]);
      const page = await engine.searchOffers({ q: 'charpentier' });
      expect(ids(page)).toEqual([doc.id]);
      expect(page.hits[0]!.document.title).toBe('Charpentier');
    });

    it('lists every id in batches', async () => {
      const docs = Array.from({ length: 5 }, () => youth());
      await engine.upsert('youth', docs);
      const batches: string[][] = [];
      for await (const batch of engine.ids('youth', 2)) batches.push(batch);
      expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
      expect(sorted(batches.flat())).toEqual(sorted(docs.map((d) => d.id)));
    });

    it('returns documents as given, and drops keys that are not part of the document', async () => {
      const structureId = randomUUID();
      const doc = youth({ structureId });
      const leaky = { ...doc, firstName: 'Karim', birthDate: '2007-05-04', gender: 'male' } as YouthDocument;
      await engine.upsert('youth', [leaky]);
      const [hit] = (await engine.searchYouth({ structureId })).hits;
      expect(hit!.document).toEqual(doc);
      expect(hit!.document).not.toHaveProperty('firstName');
      expect(hit!.document).not.toHaveProperty('birthDate');
    });

    it('fetches documents by id whatever their status, with the fields asked, unknown ids left out', async () => {
      const published = offer({ updatedAt: '2026-03-01T10:00:00.000Z' });
      const closed = offer({ status: 'closed' });
      const open = slot();
      await engine.upsert('offers', [published, closed, offer()]);
      await engine.upsert('immersion_slots', [open]);
      const fields = ['id', 'updatedAt', 'status', 'romeCode', 'location', 'requiredSkills'] as const;
      const found = await engine.documents('offers', [published.id, closed.id, randomUUID()], fields);
      expect(found.sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
        [published, closed].sort((a, b) => (a.id < b.id ? -1 : 1)).map((d) => Object.fromEntries(fields.map((f) => [f, d[f]]))),
      );
      expect(await engine.documents('immersion_slots', [open.id])).toEqual([open]);
      expect(await engine.documents('offers', [])).toEqual([]);
    });

    it('lists pages of ids and versions only, the version following the document', async () => {
      const near = { ...LYON, radiusKm: 10 };
      const documents = Array.from({ length: 5 }, (_, i) => offer({ romeCode: 'D1106', location: destination(LYON, 0.5 * i, 90) }));
      await engine.upsert('offers', documents);
      const stamps = ['id', 'updatedAt'] as const;
      const page = await engine.searchOffers({ romeCodes: ['D1106'], near, fields: stamps, limit: 300, count: false });
      expect(page.hits.map((h) => h.document)).toEqual(documents.map((d) => ({ id: d.id, updatedAt: d.updatedAt })));
      expect(page.hits.map((h) => h.distanceKm)).toEqual(documents.map((_, i) => expect.closeTo(0.5 * i, 3)));
      await engine.upsert('offers', [{ ...documents[2]!, updatedAt: '2026-06-01T08:00:00.000Z' }]);
      const again = await engine.searchOffers({ romeCodes: ['D1106'], near, fields: stamps, limit: 300, count: false });
      expect(again.hits[2]!.document).toEqual({ id: documents[2]!.id, updatedAt: '2026-06-01T08:00:00.000Z' });
      // The same projection in every plan: text with or without a place, newest first.
      for (const query of [{ q: 'polyvalent' }, { q: 'polyvalent', near }, {}]) {
        const { hits } = await engine.searchOffers({ ...query, fields: stamps });
        expect(hits.map((h) => Object.keys(h.document).sort())).toEqual(Array(5).fill(['id', 'updatedAt']));
      }
    });

    it('clears an index', async () => {
      await engine.upsert('offers', [offer()]);
      await engine.clear('offers');
      expect((await engine.searchOffers({})).total).toBe(0);
    });
  });
});

