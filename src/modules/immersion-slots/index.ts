/** What the immersion-slots module offers its siblings: which slots an actor may read. */
export { slotReadScope } from './scope.js';
