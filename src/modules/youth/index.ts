/** What the youth module offers its siblings: one youth within an actor's scope, as the domain sees it. */
export { findYouthRecord } from './get-youth.js';
export { youthReadScope } from './scope.js';
export { selectYouthRecords, toYouthProfile, type YouthRecord } from './youth-record.js';
export { anonymisedYouthSchema } from './youth.schemas.js';
