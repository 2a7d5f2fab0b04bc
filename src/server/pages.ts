/**
 * Server-rendered pages. Every value is escaped; no inline script or style.
 */
import type { SearchResultItem } from '../app/search.js';
import type { Contact } from '../core/types.js';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => ESC[ch] ?? ch);

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="/style.css">
</head>
<body><main>${body}</main></body>
</html>`;
}

export function renderHome(v: { q: string; results: SearchResultItem[] | null; contacts: Contact[] }): string {
  const form = `<form method="get" action="/" role="search">
<label class="visually-hidden" for="q">Search people, companies, topics and notes</label>
<input type="search" id="q" name="q" value="${esc(v.q)}" placeholder="Search people, companies, topics, notes">
<button type="submit">Search</button>
</form>`;
  let list: string;
  if (v.results) {
    list = v.results.length
      ? `<ul class="list">${v.results
          .map((r) => `<li><span>${esc(r.title)}</span><span class="muted">${esc(r.detail)}</span></li>`)
          .join('')}</ul>`
      : `<p class="empty">Nothing matches “${esc(v.q)}”.</p>`;
  } else if (v.contacts.length === 0) {
    list = `<div class="empty"><strong>Start with 3–5 people you'd like to know better.</strong>
<p class="muted">Add them from the terminal: <code>kith contact add "Anna Schmidt" --circle inner</code></p></div>`;
  } else {
    list = `<ul class="list">${v.contacts
      .map(
        (c) =>
          `<li><span>${esc(c.displayName)}</span><span class="muted">${esc([c.title, c.company].filter(Boolean).join(' at ') || c.circle)}</span></li>`,
      )
      .join('')}</ul>`;
  }
  return layout('kith', `<h1>kith</h1><p class="lede">The people you know, and who to reach out to next.</p>${form}${list}`);
}
