/** What the accounts module offers its siblings: who owns an employer's offers and slots. */
export { employerWriteScope, owningEmployerId } from './employer-scope.js';
