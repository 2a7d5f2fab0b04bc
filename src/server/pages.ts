/**
 * Server-rendered pages. Every value is escaped; no inline script or style. Forms
 * post to the API with a CSRF token in a hidden field.
 */
import type { SearchResultItem } from '../app/search.js';
import type { Contact } from '../core/types.js';
import { escapeHtml } from './markdown.js';

export const esc = escapeHtml;

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

const csrfField = (token: string): string => `<input type="hidden" name="_csrf" value="${esc(token)}">`;

/** Messages a form post can bring back in `?error=`: a fixed list, never text from the URL. */
export const FORM_ERRORS: Record<string, string> = {
  unauthenticated: 'That email and password do not match.',
  rate_limited: 'Too many failed logins; wait a little and try again.',
  invalid_input: 'Please check the fields: a valid email, and a password of at least 10 characters.',
  conflict: 'That account already exists.',
  not_found: 'This invitation link is unknown, used or expired.',
  forbidden: 'That is not allowed from here.',
};

function errorNote(code: string | undefined): string {
  const msg = code ? FORM_ERRORS[code] : undefined;
  return msg ? `<p class="error" role="alert">${esc(msg)}</p>` : '';
}

/** The first-run page: create the owner's login (shown only to a browser on this machine). */
export function renderFirstRun(v: { csrf: string; allowedHere: boolean; error?: string }): string {
  const body = v.allowedHere
    ? `<p class="lede">Welcome. Create your login: it keeps your people private on this server.</p>
${errorNote(v.error)}
<form class="stack" method="post" action="/api/v1/setup">
${csrfField(v.csrf)}
<label for="name">Your name</label><input id="name" name="name" autocomplete="name">
<label for="email">Email</label><input id="email" name="email" type="email" required autocomplete="username">
<label for="password">Password (10 characters or more)</label><input id="password" name="password" type="password" minlength="10" required autocomplete="new-password">
<button type="submit">Create my login</button>
</form>`
    : `<p class="lede">This kith has no login yet. Open it from the machine it runs on, or run <code>kith user add you@example.com</code> there.</p>`;
  return layout('kith: first run', `<h1>kith</h1>${body}`);
}

/** The login page. */
export function renderLogin(v: { csrf: string; error?: string }): string {
  return layout(
    'kith: log in',
    `<h1>kith</h1><p class="lede">Log in to see your people.</p>
${errorNote(v.error)}
<form class="stack" method="post" action="/api/v1/session">
${csrfField(v.csrf)}
<label for="email">Email</label><input id="email" name="email" type="email" required autocomplete="username">
<label for="password">Password</label><input id="password" name="password" type="password" required autocomplete="current-password">
<button type="submit">Log in</button>
</form>`,
  );
}

/** The page an invitation link opens: create a member account. */
export function renderInvitation(v: { csrf: string; token: string; error?: string }): string {
  return layout(
    'kith: join',
    `<h1>kith</h1><p class="lede">You were invited. Create your login.</p>
${errorNote(v.error)}
<form class="stack" method="post" action="/api/v1/invitations/accept">
${csrfField(v.csrf)}<input type="hidden" name="token" value="${esc(v.token)}">
<label for="name">Your name</label><input id="name" name="name" autocomplete="name">
<label for="email">Email</label><input id="email" name="email" type="email" required autocomplete="username">
<label for="password">Password (10 characters or more)</label><input id="password" name="password" type="password" minlength="10" required autocomplete="new-password">
<button type="submit">Create my login</button>
</form>`,
  );
}

/** The home page of a logged-in user: search and the contacts list. */
export function renderHome(v: {
  q: string;
  results: SearchResultItem[] | null;
  contacts: Contact[];
  userName: string;
  csrf: string;
}): string {
  const bar = `<form class="bar" method="post" action="/api/v1/session/logout">${csrfField(v.csrf)}<span class="muted">${esc(v.userName)}</span><button type="submit" class="quiet">Log out</button></form>`;
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
  return layout(
    'kith',
    `${bar}<h1>kith</h1><p class="lede">The people you know, and who to reach out to next.</p>${form}${list}`,
  );
}

export const STYLE = `
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fbfbfa; --muted: #6b6b70; --line: #e4e4e0; --accent: #2f6f5e; --bad: #a23b2a; }
@media (prefers-color-scheme: dark) { :root { --fg: #ececec; --bg: #161617; --muted: #a0a0a6; --line: #2c2c2e; --accent: #7cc4ad; --bad: #f08c7a; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1rem 4rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; letter-spacing: -.01em; }
p.lede { color: var(--muted); margin: 0 0 1.5rem; }
form { display: flex; gap: .5rem; margin-bottom: 1.5rem; }
form.stack { flex-direction: column; max-width: 24rem; }
form.bar { justify-content: flex-end; align-items: center; margin: 0; }
label.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
input { font: inherit; padding: .55rem .75rem; border: 1px solid var(--line); border-radius: .5rem; background: transparent; color: inherit; }
input[type=search] { flex: 1; }
button { font: inherit; padding: .55rem 1rem; border-radius: .5rem; border: 0; background: var(--accent); color: var(--bg); cursor: pointer; }
button.quiet { background: transparent; color: var(--muted); padding: .2rem .5rem; }
ul.list { list-style: none; padding: 0; margin: 0; border-top: 1px solid var(--line); }
ul.list li { padding: .7rem 0; border-bottom: 1px solid var(--line); display: flex; justify-content: space-between; gap: 1rem; }
.muted { color: var(--muted); font-size: .9rem; }
.error { color: var(--bad); }
.empty { padding: 1.5rem; border: 1px dashed var(--line); border-radius: .75rem; }
section.route { border-top: 1px solid var(--line); padding: .5rem 0; }
pre { overflow-x: auto; font-size: .85rem; }
code { font-size: .9em; }
`;
