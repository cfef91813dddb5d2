/** What the offers module offers its siblings: which offers an actor may read. */
export { liveOffer, offerReadScope } from './scope.js';
