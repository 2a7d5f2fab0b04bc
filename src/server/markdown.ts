/**
 * A small, safe Markdown renderer for contact and touchpoint notes.
 *
 * Escape first, then format: every character of the note is HTML-escaped before any
 * markup is added, so the only tags in the output are the ones made here (p, br, strong,
 * em, code, pre, ul, ol, li, blockquote, h3–h6, a). Links keep only http(s) and mailto
 * targets, so no script, event handler or `javascript:` URL can survive.
 */

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text for element content and double-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ESC[ch] ?? ch);
}

function unescapeHtml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? '');
}

const SAFE_URL = /^(https?:\/\/[^\s<>"'`]+|mailto:[^\s<>"'`]+)$/i;

/** Inline formatting on already-escaped text: code spans, links, bold, italics. */
function inline(escaped: string): string {
  const codes: string[] = [];
  // Code spans are set aside first so nothing inside them is formatted.
  let s = escaped.replace(/`([^`\n]+)`/g, (_, code: string) => {
    codes.push(`<code>${code}</code>`);
    return `\u0000${codes.length - 1}\u0000`;
  });
  s = s.replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (whole, text: string, href: string) => {
    const raw = unescapeHtml(href);
    if (!SAFE_URL.test(raw)) return text;
    return `<a href="${escapeHtml(raw)}" rel="nofollow noopener noreferrer">${text}</a>`;
  });
  s = s.replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>');
  s = s.replace(/(^|[^*\w])\*([^*\n]+)\*(?!\w)/g, '$1<em>$2</em>');
  s = s.replace(/(^|[^\w])_([^_\n]+)_(?!\w)/g, '$1<em>$2</em>');
  return s.replace(/\u0000(\d+)\u0000/g, (_, i: string) => codes[Number(i)] ?? '');
}

/** Renders a note's Markdown to inert HTML (see the module comment for what is kept). */
export function renderMarkdown(markdown: string): string {
  // NUL is our placeholder marker; a note never needs it.
  const lines = markdown
    .replace(/\r\n?/g, '\n')
    .replace(/\u0000/g, '')
    .split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (/^\s*$/.test(line)) {
      i++;
      continue;
    }
    if (/^```/.test(line)) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !/^```/.test(lines[i] ?? '')) body.push(lines[i++] ?? '');
      i++;
      out.push(`<pre><code>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      const level = (heading[1]?.length ?? 1) + 2;
      out.push(`<h${level}>${inline(escapeHtml(heading[2] ?? ''))}</h${level}>`);
      i++;
      continue;
    }
    const listKind = (l: string): 'ul' | 'ol' | null => (/^\s*[-*+]\s+/.test(l) ? 'ul' : /^\s*\d+[.)]\s+/.test(l) ? 'ol' : null);
    const kind = listKind(line);
    if (kind) {
      const items: string[] = [];
      while (i < lines.length && listKind(lines[i] ?? '') === kind) {
        items.push(`<li>${inline(escapeHtml((lines[i] ?? '').replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')))}</li>`);
        i++;
      }
      out.push(`<${kind}>${items.join('')}</${kind}>`);
      continue;
    }
    if (/^>\s?/.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && /^>\s?/.test(lines[i] ?? '')) quoted.push((lines[i++] ?? '').replace(/^>\s?/, ''));
      out.push(`<blockquote><p>${quoted.map((q) => inline(escapeHtml(q))).join('<br>')}</p></blockquote>`);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length) {
      const l = lines[i] ?? '';
      if (/^\s*$/.test(l) || /^```/.test(l) || /^#{1,4}\s/.test(l) || listKind(l) || /^>/.test(l)) break;
      para.push(l);
      i++;
    }
    out.push(`<p>${para.map((p) => inline(escapeHtml(p))).join('<br>')}</p>`);
  }
  return out.join('\n');
}
