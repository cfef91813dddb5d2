/**
 * What the reference module offers its siblings: communes (INSEE, La Poste) and ROME
 * occupations (France Travail), each resolved in one place with one error code per mistake.
 */
export { resolveCommune, type ResolvedCommune } from './communes.js';
export { checkRomeCodes, findAppellation, romeCodesOfFamilies, romeLabelsOf, romeReference, searchableRomeLabel } from './rome.js';
export { resolveWorkplace, toWorkplaceDto, type WorkplaceColumns } from './workplace.js';
export { workplaceInput, workplaceSchema, type WorkplaceInput } from './workplace.schemas.js';
