import { createRouter } from '../../http/context.js';

/** Placeholder router, being built: communes and ROME search. */
export function referenceRoutes() {
  return createRouter();
}
