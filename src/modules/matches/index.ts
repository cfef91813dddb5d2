/** What the matches module offers the worker: its e-mails and its deadlines. */
export { matchEmails, type MatchEmailEvent } from './match-emails.js';
export { runMatchDeadline } from './match-deadline.js';
