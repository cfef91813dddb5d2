import { OpenAPIHono } from '@hono/zod-openapi';
import type { Deps } from '../deps.js';
import type { Logger } from '../logger.js';
import type { Actor } from '../core/actor.js';
import { fieldErrorsFromZod, ValidationError } from '../core/errors.js';

export interface AppEnv {
  Variables: {
    deps: Deps;
    log: Logger;
    requestId: string;
    actor: Actor | undefined;
  };
}

/** A router whose request validation failures become 422 problems with field errors. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        // @hono/zod-validator passes the raw input along as `data` (not in its types).
        const raw = (result as { data?: unknown }).data;
        const location = result.target === 'json' ? [] : [result.target];
        throw new ValidationError(fieldErrorsFromZod(result.error.issues, location, raw));
      }
    },
  });
}
