// TODO(next): the signature and assessment pages move to the shared layout (layout.ts) of the
// account pages; this is the self-contained layout they were first built with.
/**
 * A small, self-contained layout for the public pages people reach from an e-mail link
 * (signature, assessment): French, readable on a phone, no script, no font or style from
 * elsewhere, so the page works without JavaScript and once loaded without a network.
 */

/** HTML-escaped text, safe in element content and in quoted attributes. */
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

type Part = Html | string | number | null | undefined | false | Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (Array.isArray(part)) return part.map(render).join('');
  if (part instanceof Html) return part.value;
  return escapeHtml(String(part));
}

/** Tagged template: interpolated values are escaped, nested `html` fragments are kept. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]!) : ''), ''));
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1e1e1e;background:#f6f6f6}
header{background:#000091;color:#fff;padding:.75rem 1rem}
header p{margin:0;font-weight:700}
main{max-width:46rem;margin:0 auto;padding:1rem}
section{background:#fff;border:1px solid #ddd;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:0 0 .5rem}
dl{margin:0}dt{font-weight:700;margin-top:.5rem}dd{margin:0}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem;border-bottom:1px solid #ddd;vertical-align:top}
label{display:block;font-weight:700;margin:.75rem 0 .25rem}
.check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}
.check input{width:1.4rem;height:1.4rem;flex:none;margin-top:.1rem}
input[type=text],textarea,select{width:100%;font:inherit;padding:.5rem;border:1px solid #666;border-radius:.25rem}
fieldset{border:1px solid #ccc;border-radius:.25rem;margin:.75rem 0;padding:.5rem .75rem}legend{font-weight:700}
button{font:inherit;font-weight:700;color:#fff;background:#000091;border:0;border-radius:.25rem;padding:.75rem 1.25rem;margin-top:1rem;width:100%;max-width:20rem;cursor:pointer}
button:focus,input:focus,textarea:focus,select:focus{outline:3px solid #0a76f6;outline-offset:2px}
.error{border-left:4px solid #ce0500;background:#fff4f4;padding:.75rem 1rem;margin:0 0 1rem}
.ok{border-left:4px solid #18753c;background:#f0fff4;padding:.75rem 1rem;margin:0 0 1rem}
`;

/** A whole page: `<title>` and `<h1>` from `title`, then `body`. */
export function page(title: string, body: Html): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} – Passerelle</title>
<style>${STYLE}</style>
</head>
<body>
<header><p>Passerelle · Mission Locale</p></header>
<main>
<h1>${escapeHtml(title)}</h1>
${body.value}
</main>
</body>
</html>`;
}

/**
 * Headers of a public page: nothing loads from elsewhere, forms post only here, the link's
 * token neither leaks as a referrer nor rests in a shared cache.
 */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
} as const;
