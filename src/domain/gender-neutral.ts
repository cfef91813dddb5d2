/**
 * French job titles and adjectives carry grammatical gender (« Apprentie boulangère », « motivé »):
 * in an employer view they would reveal the candidate's gender. Each known word, masculine or
 * feminine, becomes its inclusive form (« boulanger·ère », « motivé·e »). A lexicon rather than
 * suffix rules: « été » or « café » end like a participle and must survive.
 */

/** [masculine, feminine, inclusive]. */
const LEXICON: [string, string, string][] = [
  ['apprenti', 'apprentie', 'apprenti·e'],
  ['boulanger', 'boulangère', 'boulanger·ère'],
  ['pâtissier', 'pâtissière', 'pâtissier·ère'],
  ['boucher', 'bouchère', 'boucher·ère'],
  ['cuisinier', 'cuisinière', 'cuisinier·ère'],
  ['caissier', 'caissière', 'caissier·ère'],
  ['équipier', 'équipière', 'équipier·ère'],
  ['ouvrier', 'ouvrière', 'ouvrier·ère'],
  ['conseiller', 'conseillère', 'conseiller·ère'],
  ['fromager', 'fromagère', 'fromager·ère'],
  ['vendeur', 'vendeuse', 'vendeur·se'],
  ['serveur', 'serveuse', 'serveur·se'],
  ['coiffeur', 'coiffeuse', 'coiffeur·se'],
  ['livreur', 'livreuse', 'livreur·se'],
  ['chauffeur', 'chauffeuse', 'chauffeur·se'],
  ['travailleur', 'travailleuse', 'travailleur·se'],
  ['préparateur', 'préparatrice', 'préparateur·rice'],
  ['animateur', 'animatrice', 'animateur·rice'],
  ['opérateur', 'opératrice', 'opérateur·rice'],
  ['agriculteur', 'agricultrice', 'agriculteur·rice'],
  ['mécanicien', 'mécanicienne', 'mécanicien·ne'],
  ['électricien', 'électricienne', 'électricien·ne'],
  ['technicien', 'technicienne', 'technicien·ne'],
  ['magasinier', 'magasinière', 'magasinier·ère'],
  ['jardinier', 'jardinière', 'jardinier·ère'],
  ['assistant', 'assistante', 'assistant·e'],
  ['étudiant', 'étudiante', 'étudiant·e'],
  ['aide-soignant', 'aide-soignante', 'aide-soignant·e'],
  ['employé', 'employée', 'employé·e'],
  ['diplômé', 'diplômée', 'diplômé·e'],
  ['motivé', 'motivée', 'motivé·e'],
  ['qualifié', 'qualifiée', 'qualifié·e'],
  ['formé', 'formée', 'formé·e'],
  ['embauché', 'embauchée', 'embauché·e'],
  ['intéressé', 'intéressée', 'intéressé·e'],
  ['passionné', 'passionnée', 'passionné·e'],
  ['organisé', 'organisée', 'organisé·e'],
  ['habitué', 'habituée', 'habitué·e'],
  ['polyvalent', 'polyvalente', 'polyvalent·e'],
  ['sérieux', 'sérieuse', 'sérieux·se'],
  ['rigoureux', 'rigoureuse', 'rigoureux·se'],
  ['curieux', 'curieuse', 'curieux·se'],
  ['ponctuel', 'ponctuelle', 'ponctuel·le'],
  ['débutant', 'débutante', 'débutant·e'],
  ['bénévole', 'bénévole', 'bénévole'],
  ['hôte', 'hôtesse', 'hôte·sse'],
  ['agent', 'agente', 'agent·e'],
  ['stagiaire', 'stagiaire', 'stagiaire'],
];

const INCLUSIVE = new Map<string, string>();
for (const [m, f, inclusive] of LEXICON) {
  for (const form of [m, f]) {
    INCLUSIVE.set(form, inclusive);
    INCLUSIVE.set(form + 's', inclusive.replace(/·(\p{L}+)$/u, '·$1s'));
  }
}

/** Every known gendered word of `text` in its inclusive form, keeping a leading capital. */
export function neutraliseGender(text: string): string {
  return text.replace(/[\p{L}][\p{L}·-]*/gu, (word) => {
    const inclusive = INCLUSIVE.get(word.toLowerCase());
    if (!inclusive) return word;
    return word[0] === word[0]!.toUpperCase() ? inclusive[0]!.toUpperCase() + inclusive.slice(1) : inclusive;
  });
}

/** An apprenticeship, whatever the spelling: its title leads with « Apprenti·e ». */
const APPRENTICE = /^\s*apprenti(?:e|\(e\)|·e)?s?(?![\p{L}])/iu;

/**
 * The gender-neutral title of an experience: the ROME label when the code is known (led by
 * « Apprenti·e » for an apprenticeship), otherwise the title with its gendered words made inclusive.
 */
export function neutralTitle(title: string, romeLabel: string | null): string {
  const apprentice = APPRENTICE.test(title);
  if (romeLabel) return apprentice ? `Apprenti·e – ${romeLabel}` : romeLabel;
  return neutraliseGender(title);
}
