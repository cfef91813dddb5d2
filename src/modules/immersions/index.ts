/** What the immersions module offers the worker: its e-mails and its dated moves. */
export { deliverAssessmentLink, deliverNotice, deliverSignatureLink } from './deliver-emails.js';
export { rollAgreement } from './roll-agreement.js';
