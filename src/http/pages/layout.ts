import { readFileSync } from 'node:fs';
import type { Context } from 'hono';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { createRouter } from '../context.js';

/**
 * The one layout of the pages for people without an account (invited users, youth, tutors):
 * server-rendered French HTML that works without JavaScript and offline (no CDN: the style
 * sheet is served by the service), readable on a phone, with labelled fields, a visible focus
 * and contrasts above WCAG AA. Account, signature and assessment pages use it.
 */
export type Fragment = HtmlEscapedString | Promise<HtmlEscapedString>;

export const PAGES_CSS_PATH = '/assets/pages.css';
const css = readFileSync(new URL('./pages.css', import.meta.url), 'utf8');

/** Pages load only their own style sheet and post forms to themselves. */
const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function renderPage(c: Context, page: { title: string; body: Fragment; status?: ContentfulStatusCode }) {
  c.header('content-security-policy', PAGE_CSP);
  // Pages may carry a single-use token in their address or form: never cached, never sent on.
  c.header('cache-control', 'no-store');
  return c.html(
    html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${page.title} – Passerelle</title>
<link rel="stylesheet" href="${PAGES_CSS_PATH}">
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header class="site"><p class="brand">Passerelle</p></header>
<main id="contenu" tabindex="-1">
<h1>${page.title}</h1>
${page.body}
</main>
<footer class="site"><p>Passerelle relie les jeunes accompagnés par les Missions Locales et les employeurs.</p></footer>
</body>
</html>`,
    page.status ?? 200,
  );
}

/** A message box: `error` is announced to screen readers as soon as the page loads. */
export function notice(kind: 'error' | 'success' | 'info', text: Fragment | string) {
  const role = kind === 'error' ? 'alert' : 'status';
  return html`<div class="notice notice-${kind}" role="${role}">${text}</div>`;
}

/** The ids of a field's hint and error, for aria-describedby. */
function describedBy(id: string, input: { hint?: string; error?: string }) {
  const ids = [input.hint ? `${id}-aide` : '', input.error ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : '';
}

function hintAndError(id: string, input: { hint?: string; error?: string }) {
  return html`${input.hint ? html`<p class="hint" id="${id}-aide">${input.hint}</p>` : ''}
${input.error ? html`<p class="error" id="${id}-erreur">${input.error}</p>` : ''}`;
}

/** A labelled input, or a text area (`multiline`); its error, if any, is tied to it with aria-describedby. */
export function field(input: {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'tel';
  multiline?: { rows: number };
  value?: string;
  hint?: string;
  error?: string;
  autocomplete?: string;
  required?: boolean;
  maxLength?: number;
}) {
  const id = `champ-${input.name}`;
  const attributes = html`${input.autocomplete ? html` autocomplete="${input.autocomplete}"` : ''}${input.required === false ? '' : raw(' required')}${
    input.maxLength ? html` maxlength="${input.maxLength}"` : ''
  }${describedBy(id, input)}${input.error ? raw(' aria-invalid="true"') : ''}`;
  return html`<div class="field${input.error ? ' field-error' : ''}">
<label for="${id}">${input.label}</label>
${hintAndError(id, input)}
${
  input.multiline
    ? html`<textarea id="${id}" name="${input.name}" rows="${input.multiline.rows}"${attributes}>${input.value ?? ''}</textarea>`
    : html`<input id="${id}" name="${input.name}" type="${input.type ?? 'text'}"${input.value ? html` value="${input.value}"` : ''}${attributes}>`
}
</div>`;
}

/**
 * A group of radio buttons (one answer) or checkboxes (any number) under a legend; each box
 * has its own label, and the group's hint and error are tied to the group.
 */
export function choices(input: {
  name: string;
  legend: string;
  type: 'radio' | 'checkbox';
  options: readonly { value: string; label: string }[];
  checked?: readonly string[];
  hint?: string;
  error?: string;
  /** Radio buttons: one answer needed. Checkboxes: each must be ticked (a single "I agree"). */
  required?: boolean;
}) {
  const id = `champ-${input.name}`;
  const required = input.required ? raw(' required') : '';
  return html`<fieldset class="field choices${input.error ? ' field-error' : ''}" id="${id}"${describedBy(id, input)}>
<legend>${input.legend}</legend>
${hintAndError(id, input)}
${input.options.map(
  (o, i) =>
    html`<div class="choice"><input type="${input.type}" id="${id}-${i}" name="${input.name}" value="${o.value}"${input.checked?.includes(o.value) ? raw(' checked') : ''}${required}${
      input.error ? raw(' aria-invalid="true"') : ''
    }><label for="${id}-${i}">${o.label}</label></div>`,
)}
</fieldset>`;
}

/** The routes every page needs: its style sheet. */
export function pageAssets() {
  const router = createRouter();
  router.get(PAGES_CSS_PATH, (c) => {
    c.header('cache-control', 'public, max-age=3600');
    return c.body(css, 200, { 'content-type': 'text/css; charset=utf-8' });
  });
  return router;
}
