import { Marked, type Tokens } from 'marked';

const escapeMap: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => escapeMap[c] ?? c);

const safeUrl = (href: string): string | null => {
  const url = href.trim();
  if (/^(https?:|mailto:|tel:)/i.test(url)) return url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return null; // javascript:, data:, vbscript: …
  if (url.startsWith('//')) return null;
  return url;
};

/*
 * Markdown is rendered by marked with every raw HTML token escaped and only safe link protocols kept,
 * so the output needs no HTML sanitizer: no tag reaches it that marked did not write itself.
 */
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      const href = safeUrl(token.href);
      if (!href) return text;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(href)}"${title} rel="noopener noreferrer nofollow" target="_blank">${text}</a>`;
    },
    image(token: Tokens.Image) {
      // Images would load third-party content when a colleague opens the record: show the link instead.
      const href = safeUrl(token.href);
      const text = escapeHtml(token.text || token.href);
      return href
        ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow" target="_blank">${text}</a>`
        : text;
    },
  },
});

/** Renders user-written markdown to HTML that is safe to insert into a page. */
export const renderMarkdown = (source: string): string => marked.parse(source, { async: false }) as string;
