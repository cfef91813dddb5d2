/**
 * The PostgreSQL engine assembles `search_vector` in the writer from lexemes the server computes
 * once per chunk of text (src/adapters/search/postgres-lexemes.ts). It must equal what the server
 * computes from the whole text after a space, `strip(to_tsvector('french_unaccent', ' ' || …))`, or a document would
 * not be found by a word it holds (or be found by one it does not): checked here on texts built
 * to break the chunking, on the seed's offers and on the reference labels, and through a search.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../helpers/context.js';
import { offer } from '../../helpers/search-documents.js';
import { lexemeCache } from '../../../src/adapters/search/postgres-lexemes.js';
import { createPostgresSearchEngine } from '../../../src/adapters/search/postgres-engine.js';
import { EMPLOYERS } from '../../../src/seed/data.js';
import { generateOffer } from '../../../src/seed/employers.js';

const t = await useTestContext();

/** Texts the chunking could get wrong: punctuation stuck to words, compounds, numbers, hosts, tags. */
const CRAFTED = [
  "L'équipe   de l’entreprise (CDI), à Saint-Étienne; 35h/semaine… etc.)",
  'Œuvre, cœur, Ærø, straße, Łódź, ÉLECTRICIEN, naïve, garçon',
  'tél. +33 6 12 34 56 78, -5 °C, 1,5 km, 2.5 t, v1.2.3, 42000, n°12, 3ème, 1er',
  'www.passerelle.fr, https://passerelle.fr/offres?id=1, contact@passerelle.fr, C:/dossier/fichier.txt, a/b',
  'mot.Suivant, fin. Début, e-mail, arrière-boutique, peut-être, est-ce, -tiret, tiret-, --double--',
  '<b>gras</b> et <a href="x y">lien</a> &amp; &eacute; <br/>',
  'tabulation\tet\nretour\r\nà la ligne, espace\u00a0insécable, fine\u202fespace, zéro\u200blargeur',
  "guillemets «français» \"droits\" 'simples' `accents` [crochets] {accolades} |barre| ~tilde~ ^ * # % $ € @ _souligné_",
  'C++ C# .NET Node.js ASP.NET 2CV 4x4 B2B H/F (H/F) F/H',
  'emoji 😀 travail, 中文 mot, العربية, русский язык',
  '  espaces   en  tête et en fin  ',
  '~tilde au début, .point au début, |barre| ~tilde~ .point ..deux ~/chemin ./relatif ../parent',
  '',
];

describe('search_vector assembled by the writer', () => {
  afterAll(async () => {
    await t.deps.sql`delete from search_offers`;
  });

  async function mismatches(texts: string[], capacity?: number): Promise<string[]> {
    const cache = lexemeCache(t.deps.sql, capacity);
    const { vectors } = await cache.vectors(texts.map((text) => [text]));
    // A second pass reads the lexemes from the cache, not from the server.
    const again = await cache.vectors(texts.map((text) => [text]));
    expect(again.vectors).toEqual(vectors);
    const rows = await t.deps.sql<{ text: string }[]>`
      select text from unnest(${texts}::text[], ${vectors}::text[]) as x(text, literal)
      where coalesce(literal::tsvector, strip(to_tsvector('french_unaccent', ' ' || text))) <> strip(to_tsvector('french_unaccent', ' ' || text))`;
    return rows.map((r) => r.text);
  }

  it('equals the server’s own vector on texts built to break the chunking', async () => {
    expect(await mismatches(CRAFTED)).toEqual([]);
    // A text with a tag is left to the server.
    const { vectors } = await lexemeCache(t.deps.sql).vectors([['<b>gras</b>'], ['gras']]);
    expect(vectors[0]).toBeNull();
    expect(vectors[1]).not.toBeNull();
  });

  it('stays right past its bounds: chunks known before the cache empties, and unique texts swept while recurring ones stay', async () => {
    // Four chunks at most: the second text's `vendeur` was known when the cache emptied to learn the rest.
    const small = lexemeCache(t.deps.sql, 4, 40);
    await small.vectors([['vendeur polyvalent caisse']]);
    const second = await small.vectors([['vendeur boulangerie lyon']]);
    const [{ expected } = { expected: '' }] = await t.deps.sql<{ expected: string }[]>`select strip(to_tsvector('french_unaccent', ' vendeur boulangerie lyon'))::text as expected`;
    const [{ got } = { got: '' }] = await t.deps.sql<{ got: string }[]>`select ${second.vectors[0]!}::tsvector::text as got`;
    expect(got).toBe(expected);
    expect(await small.ofWords(['vendeur', 'caisse'])).toEqual(new Map([['vendeur', ['vendeur']], ['caisse', ['caiss']]]));
    // 40 characters of whole texts at most: a label seen again stays, descriptions seen once go.
    const label = 'Boulangerie ; Boulanger';
    for (let i = 0; i < 20; i++) await small.vectors([[label, `Description unique numéro ${i}`]]);
    expect(small.heldTextCharacters()).toBeLessThanOrEqual(40 + label.length + 'Description unique numéro 19'.length);
  });

  it('equals it on random texts of the characters the parser treats apart', async () => {
    const alphabet = ['a', 'b', 'é', 'Z', '1', '9', ' ', ' ', '\t', '.', '~', '-', '+', '&', '/', '_', ',', ';', ':', "'", '’', '@', '#', '=', '?', '%', 'x.fr', 'http://', 'www.', '\u00a0'];
    let state = 20_251_129;
    const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const texts = Array.from({ length: 3000 }, () =>
      Array.from({ length: 1 + Math.floor(next() * 30) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''),
    );
    expect(await mismatches(texts)).toEqual([]);
  });

  it('equals it on the seed’s offers and on the reference labels, with a cache too small to hold them', async () => {
    const site = (i: number) => ({
      employer: EMPLOYERS[i % EMPLOYERS.length]!,
      commune: { insee: '42218', name: 'Saint-Étienne', department: '42', postcodes: ['42000'], population: 170_000, lat: 45.43, lng: 4.39 },
    });
    const texts = Array.from({ length: 600 }, (_, i) => {
      const { body } = generateOffer(7, i, site(i), '2026-11-29');
      return [body.title, body.description, ...(body.requiredSkills ?? []), ...(body.niceToHaveSkills ?? [])].join(' ');
    });
    const labels = await t.deps.sql<{ label: string }[]>`
      select label from rome_codes union all select label from rome_appellations union all (select name from communes limit 5000)`;
    expect(labels.length).toBeGreaterThan(1000);
    expect(await mismatches([...texts, ...labels.map((l) => l.label)], 500)).toEqual([]);
  });

  it('finds a document by the words of every field, as typed in a query', async () => {
    const engine = createPostgresSearchEngine(t.deps.sql);
    const hit = offer({
      title: 'Vendeur en boulangerie',
      description: "Rejoignez l’équipe (CDI), accueil des clients à l'entrée; 35h.",
      requiredSkills: ['Arrière-boutique'],
      communeName: 'Saint-Étienne',
    });
    await engine.upsert('offers', [hit, offer({ title: 'Plombier', description: 'Chantiers.', communeName: 'Lyon' })]);
    for (const q of ['equipe', 'Équipes', 'entree', 'arriere boutique', 'saint etienne', 'cdi', '35h', 'clients']) {
      const page = await engine.searchOffers({ q });
      expect(page.hits.map((h) => h.document.id), q).toEqual([hit.id]);
    }
  });

  it('sends the words of a write that failed again with the next write that holds them', async () => {
    // A word only ever sent in a failed statement would otherwise be missing from
    // search_vocabulary for good, and a query with a typo in it would not find it.
    const engine = createPostgresSearchEngine(t.deps.sql);
    const title = 'Zorglubiste confirmé';
    await expect(engine.upsert('offers', [offer({ title, employerId: 'not-a-uuid' })])).rejects.toThrow();
    await engine.upsert('offers', [offer({ title })]);
    const found = await t.deps.sql`select word from search_vocabulary where word = 'zorglubiste'`;
    expect(found).toHaveLength(1);
  });
});
