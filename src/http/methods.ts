import type { Hono } from 'hono';

/**
 * The methods each route path answers, to tell a known path with the wrong method (405 with
 * `Allow`) from a path that does not exist (404). Built once, from the app's own routes.
 */
export function methodIndex(app: Pick<Hono, 'routes'>) {
  const byPattern = new Map<string, { regex: RegExp; methods: Set<string> }>();
  for (const route of app.routes) {
    if (route.method === 'ALL' || route.path.includes('*')) continue; // middleware
    let entry = byPattern.get(route.path);
    if (!entry) {
      const source = route.path
        .split('/')
        .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/');
      entry = { regex: new RegExp(`^${source}/?$`), methods: new Set() };
      byPattern.set(route.path, entry);
    }
    entry.methods.add(route.method);
    if (route.method === 'GET') entry.methods.add('HEAD');
  }
  return {
    /** The methods `path` answers, or an empty list when no route has this path. */
    allowed(path: string): string[] {
      const methods = new Set<string>();
      for (const { regex, methods: m } of byPattern.values()) if (regex.test(path)) m.forEach((x) => methods.add(x));
      return [...methods].sort();
    },
  };
}
