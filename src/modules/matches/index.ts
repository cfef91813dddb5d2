/** What the matches module offers the worker (its e-mails and its deadlines) and the immersions module (the match an agreement comes from, and its outcome). */
export { matchEmails, type MatchEmailEvent } from './match-emails.js';
export { runMatchDeadline } from './match-deadline.js';
export { lockAcceptedMatch, recordImmersionOutcome } from './answer-match.js';
export { openMatchOfPair } from './read-matches.js';
export { recordReveal } from './match-views.js';
/** What it offers the other modules: the ranking of the offers of employers present (forums). */
export { rankStandOffersForYouth, type Stand } from './stand-offers.js';
export { opportunitySummarySchema, scoreFields } from './matches.schemas.js';
export { toSuggestionDto } from './suggestions.js';
