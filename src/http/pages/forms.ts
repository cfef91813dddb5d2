import { csrf } from 'hono/csrf';
import type { AppEnv } from '../context.js';
import type { Context } from 'hono';

/**
 * Guard of the pages' form posts against other sites (CSRF): the Origin must be the service's
 * own, as the request sees it or as the public sees it (`PUBLIC_BASE_URL`: behind a proxy
 * ending TLS, the request URL says http:// and the browser https://). Browsers that send
 * `Sec-Fetch-Site: same-origin` pass too.
 */
export const formPostsFromHere = () =>
  csrf({
    origin: (origin: string, c: Context<AppEnv>) => origin === new URL(c.req.url).origin || origin === new URL(c.get('deps').config.PUBLIC_BASE_URL).origin,
  });
