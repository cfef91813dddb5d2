import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anonymisedProfile, employerText, protectedPassageFlags, REDACTED, scrubFreeText } from '../../src/domain/anonymisation.js';
import { neutraliseGender, neutralTitle } from '../../src/domain/gender-neutral.js';
import { removeProtectedPassages, type ProtectedCategory } from '../../src/domain/protected-passages.js';
import type { YouthProfile } from '../../src/domain/youth-profile.js';

/** French sentences that mention a protected attribute, as youth and advisors write them. */
const CORPUS: [ProtectedCategory, string][] = [
  ['origin', 'Née à Alger'],
  ['origin', 'Né au Maroc'],
  ['origin', "Je suis d'origine malienne"],
  ['origin', 'Originaire de Kaboul'],
  ['origin', 'Arrivée en France en 2019'],
  ['origin', 'Réfugié statutaire depuis 2021'],
  ['origin', "Demandeuse d'asile"],
  ['origin', 'En attente de mon titre de séjour'],
  ['nationality', 'Nationalité algérienne'],
  ['nationality', 'De nationalité française'],
  ['nationality', 'Jeune Sénégalaise motivée'],
  ['nationality', 'Naturalisé en 2020'],
  ['religion', 'Je porte le voile'],
  ['religion', 'Musulmane pratiquante'],
  ['religion', 'Pas de travail pendant le ramadan'],
  ['religion', 'Je vais à la mosquée le vendredi'],
  ['religion', 'Catholique pratiquante'],
  ['religion', 'Chante à la chorale de l’église'],
  ['religion', 'Je ne mange que halal'],
  ['health', 'RQTH depuis 2022'],
  ['health', 'Reconnu travailleur handicapé'],
  ['health', 'Dossier MDPH en cours'],
  ['health', 'Je suis diabétique'],
  ['health', 'Suivi pour une dépression'],
  ['health', 'Je suis dyslexique'],
  ['health', 'Problèmes de santé au dos'],
  ['health', 'Je me déplace en fauteuil roulant'],
  ['pregnancy', 'Je suis enceinte de quatre mois'],
  ['pregnancy', 'De retour de congé maternité'],
  ['pregnancy', 'Grossesse en cours'],
  ['family', 'Mère de deux enfants'],
  ['family', "Père d'un enfant en bas âge"],
  ['family', 'Maman solo'],
  ['family', 'Mariée depuis 2023'],
  ['family', 'Divorcée'],
  ['family', 'Célibataire sans contrainte'],
  ['family', 'Je garde mes enfants le mercredi'],
  ['family', 'Mon mari travaille de nuit'],
  ['neighbourhood', 'J’habite en quartier prioritaire'],
  ['neighbourhood', 'Jeune de la cité'],
  ['neighbourhood', 'Vit dans un HLM de la ZUP'],
  ['neighbourhood', 'Suivi au titre de la politique de la ville'],
  ['union_or_politics', 'Déléguée syndicale CGT'],
  ['union_or_politics', 'Militant dans un parti politique'],
  ['union_or_politics', 'A participé à la grève de 2023'],
  ['union_or_politics', 'Engagement politique local'],
  ['age', "J'ai 19 ans"],
  ['age', 'Âgée de 22 ans'],
  ['age', 'Mineure avec autorisation parentale'],
  ['age', 'Autorisation parentale signée'],
  ['age', '17 ans et motivé'],
];

/** Harmless clauses: they must survive, or the filter would empty every profile. */
const HARMLESS = [
  'Vente en boutique',
  'Accueil des clients',
  'Mise en rayon et inventaire',
  '3 ans d’expérience en restauration',
  'Permis B en cours',
  'Maîtrise de la caisse',
  'Préparation des commandes',
  'Travail en équipe',
  'Je cherche un CDI',
  'Fabrication du pain',
  'Nettoyage des locaux',
  'Service en salle le midi',
];

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

describe('protected passages: left out of employer views, flagged to the advisor', () => {
  it.each(CORPUS)('%s: « %s »', (category, sentence) => {
    const { text, passages } = removeProtectedPassages(`${sentence}. Vente en boutique.`);
    expect(text).toBe('Vente en boutique.');
    expect(passages).toEqual([{ category, passage: sentence }]);
  });

  it.each(HARMLESS)('keeps « %s »', (sentence) => {
    expect(removeProtectedPassages(sentence)).toEqual({ text: sentence, passages: [] });
  });

  it('removes only the clause, keeping the rest of the sentence', () => {
    expect(removeProtectedPassages('Née à Alger, je cherche un CDI en boulangerie.').text).toBe('je cherche un CDI en boulangerie.');
    expect(removeProtectedPassages('Vendeuse (je porte le voile) motivée').text).toBe('Vendeuse motivée');
  });

  it('property: no sentence of the corpus survives among harmless ones, and every harmless one does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...CORPUS).map(([, s]) => ({ s, bad: true })), fc.constantFrom(...HARMLESS).map((s) => ({ s, bad: false }))), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('. ', ', ', ' ; ', '\n', ' – '),
        (clauses, separator) => {
          const out = fold(employerText(clauses.map((c) => c.s).join(separator), ['Zzyzx', 'Probe']));
          for (const { s, bad } of clauses) {
            if (bad) expect(out).not.toContain(fold(s));
            else expect(out).toContain(fold(neutraliseGender(s)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('flags each passage with where it was', () => {
    const profile = {
      firstName: 'Zoé',
      lastName: 'Probe',
      skills: ['Vente', 'Musulmane pratiquante'],
      experiences: [{ title: 'Vendeuse', romeCode: 'D1106', months: 6, description: 'Mère de deux enfants. Vente au détail.' }],
      languages: [],
    } as unknown as YouthProfile;
    expect(protectedPassageFlags(profile)).toEqual([
      { path: 'skills.1', category: 'religion', passage: 'Musulmane pratiquante' },
      { path: 'experiences.0.description', category: 'family', passage: 'Mère de deux enfants' },
    ]);
  });
});

describe('gender-neutral titles and text', () => {
  it.each([
    ['Apprentie boulangère', 'Apprenti·e boulanger·ère'],
    ['Apprenti boulanger', 'Apprenti·e boulanger·ère'],
    ['Vendeuse polyvalente', 'Vendeur·se polyvalent·e'],
    ['Serveur motivé et sérieux', 'Serveur·se motivé·e et sérieux·se'],
    ['Préparatrice de commandes', 'Préparateur·rice de commandes'],
    ['Un été au café du port', 'Un été au café du port'],
  ])('« %s » → « %s »', (text, neutral) => {
    expect(neutraliseGender(text)).toBe(neutral);
    expect(neutraliseGender(neutral)).toBe(neutral);
  });

  it('shows the ROME label, led by « Apprenti·e » for an apprenticeship', () => {
    expect(neutralTitle('Apprentie boulangère', 'Boulanger / Boulangère')).toBe('Apprenti·e – Boulanger / Boulangère');
    expect(neutralTitle('Vendeuse', 'Vendeur / Vendeuse en épicerie')).toBe('Vendeur / Vendeuse en épicerie');
    expect(neutralTitle('Caissière', null)).toBe('Caissier·ère');
  });

  it('the employer view shows native speakers as C2 and neutral titles', () => {
    const profile = {
      firstName: 'Zoé',
      lastName: 'Probe',
      skills: [],
      languages: [{ code: 'ar', level: 'native' }, { code: 'fr', level: 'B2' }],
      experiences: [{ title: 'Apprentie boulangère', romeCode: 'D1102', months: 6, description: 'Née à Alger. Fabrication du pain.' }],
      targetRomeCodes: [],
      availability: { from: '2026-01-01', maxHoursPerWeek: 35, schedules: ['day'] },
      contractTypes: [],
      mobility: { modes: [], drivingLicence: false, maxCommuteMinutes: 30 },
    } as unknown as YouthProfile;
    const view = anonymisedProfile(profile, { pseudonymSeed: 'm', romeLabels: { D1102: 'Boulanger / Boulangère' } });
    expect(view.languages).toEqual([{ code: 'ar', level: 'C2' }, { code: 'fr', level: 'B2' }]);
    expect(view.experiences[0]).toMatchObject({ title: 'Apprenti·e – Boulanger / Boulangère', description: 'Fabrication du pain.' });
  });
});

describe('disguised personal data', () => {
  const names = ['Zzyzx', 'Probe'];
  it.each([
    ['a name split by a zero-width character', 'Contact : Z\u200bzyzx', `Contact : ${REDACTED}`],
    ['a name behind a soft hyphen or a word joiner', 'Pro\u00adbe et Zz\u2060yzx', `${REDACTED} et ${REDACTED}`],
    ['a name spaced out', 'Signé P r o b e', `Signé ${REDACTED}`],
    ['a name dotted', 'P.r.o.b.e', REDACTED],
    ['a name in full-width letters', 'Ｐｒｏｂｅ', REDACTED],
    ['an e-mail spelt in French', 'écrire à prenom point nom arobase exemple point org', `écrire à ${REDACTED}`],
    ['an e-mail spelt in English', 'mail: zzyzx dot probe at gmail dot com', `mail: ${REDACTED}`],
    ['an e-mail with bracketed words', 'zzyzx[at]exemple[dot]fr', REDACTED],
    ['a mobile without its leading 0', 'Tél : 6 12 34 56 78', `Tél : ${REDACTED}`],
    ['a mobile without its leading 0, glued', 'appeler le 712345678', `appeler le ${REDACTED}`],
  ])('%s', (_label, text, expected) => {
    expect(scrubFreeText(text, names)).toBe(expected);
  });

  it('keeps ordinary words near the spelt-out forms', () => {
    expect(scrubFreeText('Vente au point de vente, rendez-vous at home', names)).toBe('Vente au point de vente, rendez-vous at home');
    expect(scrubFreeText('pâtisserie. vendeuse', names)).toBe('pâtisserie. vendeuse');
  });

  it('a removed clause never cuts a web address or an e-mail in two (then missed by the scrubber)', () => {
    expect(employerText('Née le 1er mai 1995 www.aa0a.fr vendeuse', names)).not.toContain('aa0a');
    expect(employerText('Née à Alger. Contact: aa0a.bb@exemple.fr', names)).toBe(`Contact: ${REDACTED}`);
  });

  it('« nationalité algérienne » leaves the employer view', () => {
    expect(employerText('Nationalité algérienne, permis B', names)).toBe('permis B');
  });
});
