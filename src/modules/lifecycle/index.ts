/** Lifecycles of resources: moves decided by their state machine and their history. */
export { applyTransition, readHistory, recordTransitions, type Mover } from './apply-transition.js';
export { historySchema } from './history.schemas.js';
