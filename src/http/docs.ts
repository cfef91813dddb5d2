import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createRouter } from './context.js';

/**
 * The interactive API reference (Scalar), served entirely by the service from the installed
 * package's browser bundle: it works on a closed network, and the version is the one in
 * package-lock.json. Read once, at start.
 */
const bundlePath = join(dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')), 'browser', 'standalone.js');
let bundle: string | undefined;

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Passerelle API</title>
</head>
<body>
<div id="app" data-url="/openapi.json"></div>
<script src="/docs/assets/api-reference.js"></script>
<script src="/docs/assets/init.js"></script>
</body>
</html>`;

// Without the default fonts, which come from Scalar's CDN; the document is this service's.
const init = `Scalar.createApiReference('#app', { url: document.getElementById('app').dataset.url, withDefaultFonts: false });`;

/** Scripts from this service only; the reference injects its own styles. */
const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function docsRoutes() {
  const router = createRouter();
  router.get('/docs', (c) => {
    c.header('content-security-policy', DOCS_CSP);
    c.header('cache-control', 'no-cache');
    return c.html(page);
  });
  router.get('/docs/assets/api-reference.js', (c) => {
    bundle ??= readFileSync(bundlePath, 'utf8');
    c.header('cache-control', 'public, max-age=86400');
    return c.body(bundle, 200, { 'content-type': 'text/javascript; charset=utf-8' });
  });
  router.get('/docs/assets/init.js', (c) => {
    c.header('cache-control', 'no-cache');
    return c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' });
  });
  return router;
}
