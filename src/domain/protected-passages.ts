/**
 * Passages of free text that mention a protected attribute (DOMAIN.md: origin or birthplace,
 * nationality, religion, disability or health, pregnancy, family situation, priority
 * neighbourhood, union or political activity, age). They are left out of every employer view
 * and flagged to the advisor, who can reword them: a scrubber cannot tell a harmless mention
 * from a discriminating one, so the whole clause goes.
 *
 * Patterns run on a folded copy (NFKC, invisible characters dropped, accents removed, lower
 * case). They err on the side of removing: a clause lost costs less than an origin revealed.
 */

export const PROTECTED_CATEGORIES = [
  'origin',
  'nationality',
  'religion',
  'health',
  'pregnancy',
  'family',
  'neighbourhood',
  'union_or_politics',
  'age',
] as const;
export type ProtectedCategory = (typeof PROTECTED_CATEGORIES)[number];

const W = (words: string) => new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${words})(?![\p{L}\p{N}])`, 'u');

/** Nationality adjectives that are not also language names (« arabe », « anglais » are skills). */
const NATIONALITIES = [
  'algerien', 'marocain', 'tunisien', 'senegalais', 'malien', 'ivoirien', 'camerounais', 'congolais', 'comorien',
  'afghan', 'syrien', 'guineen', 'ukrainien', 'haitien', 'albanais', 'mauritanien', 'soudanais', 'erythreen',
  'tchadien', 'egyptien', 'libyen', 'kosovar', 'georgien', 'tchetchene', 'nigerian', 'somalien', 'burkinabe',
].map((n) => `${n}(?:ne|e)?s?`).join('|');

const RULES: [ProtectedCategory, RegExp][] = [
  ['origin', W(String.raw`nee?s?\s+(?:a|au|aux|en|le|au\s+\p{L}+)|originaires?|origines?|pays\s+natal|immigr\p{L}*|refugiee?s?|demandeu(?:r|se)s?\s+d'asile|asile|sans[- ]papiers|titre\s+de\s+sejour|primo[- ]arrivante?s?|arrivee?s?\s+en\s+france|issue?s?\s+de\s+l'immigration|d'origine`)],
  ['nationality', W(String.raw`nationalites?|naturalisee?s?|${NATIONALITIES}`)],
  ['religion', W(String.raw`religions?|religieu(?:x|se|ses)|musulmane?s?|chretienne?s?|catholiques?|protestante?s?|juif|juive|juifs|juives|bouddhistes?|hindoue?s?|athees?|voile|voilee|foulard|hijab|kippa|turban|ramadan|mosquees?|eglises?|synagogues?|prieres?|halal|casher|careme|pratiquante?s?|croyante?s?`)],
  ['health', W(String.raw`rqth|handicap\p{L}*|mdph|aah|invalidite|invalide|maladies?|malades?|sante|diabet\p{L}*|epilep\p{L}*|dyslex\p{L}*|dyspra\p{L}*|autis\p{L}*|depressi\p{L}*|psychiatr\p{L}*|therapie|hospitalis\p{L}*|fauteuil\s+roulant|sourde?s?|malentendante?s?|malvoyante?s?|aveugles?|cancer|asthm\p{L}*|traitement\s+medical|medicaments?|arret\s+maladie|tdah|hyperactiv\p{L}*|trouble\s+(?:dys|psychique|anxieux|de\s+l'apprentissage)|travailleu(?:r|se)\s+handicapee?`)],
  ['pregnancy', W(String.raw`enceinte|grossesse|conge\s+(?:de\s+)?maternite|maternite|accouch\p{L}*|attends?\s+un\s+(?:enfant|bebe)`)],
  ['family', W(String.raw`mere\s+(?:de|d'un|d'une|au\s+foyer|celibataire|isolee)|pere\s+(?:de|d'un|d'une|au\s+foyer|celibataire|isole)|maman|papa|(?:mes|mon|ma|\d|un|deux|trois|quatre|cinq)\s+enfants?|enfants?\s+a\s+charge|mariee?s?|divorcee?s?|celibataires?|veuve?s?|pacsee?s?|concubin\p{L}*|mon\s+(?:mari|epoux|conjoint|compagnon)|ma\s+(?:femme|epouse|conjointe|compagne)|situation\s+familiale|vie\s+de\s+famille|famille\s+nombreuse|parent\s+isolee?|monoparental\p{L}*|garde\s+(?:de\s+)?mes\s+enfants`)],
  ['neighbourhood', W(String.raw`quartiers?\s+prioritaires?|qpv|zus|zup|zone\s+urbaine\s+sensible|quartiers?\s+sensibles?|cites?\s+hlm|hlm|banlieues?|politique\s+de\s+la\s+ville|la\s+cite`)],
  ['union_or_politics', W(String.raw`syndica\p{L}*|syndique\p{L}*|cgt|cfdt|unsa|militante?s?|militantisme|parti\s+politique|engagement\s+politique|activite\s+politique|greves?|grevistes?|delegue\p{L}*\s+(?:du\s+)?personnel|elue?s?\s+(?:municipale?|locale?)|manifestations?|gilets\s+jaunes`)],
  ['age', W(String.raw`(?:j'ai|ai|age(?:e)?s?\s+de|ayant)\s+\d{1,2}\s*ans|(?:1[4-9]|2\d|30)\s*ans(?!\s+d'experience)|mineure?s?|majeure?s?|ages?|autorisation\s+parentale|(?:1[4-9]|2\d)\s*printemps`)],
];

/** Zero-width and other invisible characters that hide a word from a pattern (« Z\u200bzyzx »). */
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/gu;

/** NFKC (full-width letters, ligatures, compatibility forms become plain ones), invisible characters dropped. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '');
}

function foldForMatch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘ʼ´`]/g, "'")
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .toLowerCase();
}

export interface ProtectedPassage {
  category: ProtectedCategory;
  passage: string;
}

/**
 * Splits normalised text into clauses (sentences, and their parts between commas, semicolons,
 * parentheses and dashes), keeping the separators so that the text can be put back together.
 */
function clauses(text: string): string[] {
  // Full stops and colons only before a space or the end: « www.exemple.fr » and
  // « prenom.nom@exemple.fr » stay whole for the scrubber that runs next.
  return text.split(/((?:[.!?;:]+(?=\s|$)|[\n()[\]•|])+\s*|,\s|\s[-–—]\s)/u);
}

/**
 * Removes every clause that mentions a protected attribute; returns the remaining text and
 * what was removed (for the advisor). The text is normalised first.
 */
export function removeProtectedPassages(text: string): { text: string; passages: ProtectedPassage[] } {
  const parts = clauses(normaliseText(text));
  const passages: ProtectedPassage[] = [];
  let out = '';
  for (let i = 0; i < parts.length; i += 2) {
    const clause = parts[i]!;
    const separator = parts[i + 1] ?? '';
    const folded = foldForMatch(clause);
    const rule = RULES.find(([, pattern]) => pattern.test(folded));
    if (rule && clause.trim() !== '') {
      passages.push({ category: rule[0], passage: clause.trim() });
      // An opening bracket or dash before the clause goes with it.
      out = out.replace(/\s*[([–—-]+\s*$/u, ' ');
      continue;
    }
    out += clause + separator;
  }
  const cleaned = out
    .replace(/^[\s,;:.\-–—]+/u, '')
    .replace(/\s*([,;:])\s*(?=[,;:.!?]|$)/gu, '')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
  return { text: cleaned, passages };
}
