/**
 * Building blocks of Telegram HTML that keep the markup and the visible text side by side, so a message's
 * length can be counted the way Telegram counts it (after entity parsing) and a plain-text twin is at hand.
 */
export interface Fragment {
  /** Telegram HTML (parse_mode 'HTML'). */
  html: string;
  /** What the reader sees. */
  text: string;
}

/**
 * Escapes text for Telegram HTML: `&`, `<`, `>` and `"` (the last so it is also safe inside an attribute).
 * Telegram decodes exactly these named entities.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text, escaped. */
export function fragment(text: string): Fragment {
  return { html: escapeHtml(text), text };
}

export function bold(f: Fragment): Fragment {
  return f.text === '' ? f : { html: `<b>${f.html}</b>`, text: f.text };
}

/**
 * A link when `url` is an absolute http(s) URL; otherwise the text alone, so a feed cannot slip a
 * `javascript:` or `tg:` link into a message.
 */
export function link(f: Fragment, url: string | undefined): Fragment {
  const href = safeHttpUrl(url);
  return href && f.text !== '' ? { html: `<a href="${escapeHtml(href)}">${f.html}</a>`, text: f.text } : f;
}

/** The URL, normalised, when it is absolute http(s) with a host; else undefined. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url.trim());
    if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname) return undefined;
    return parsed.href;
  } catch {
    return undefined;
  }
}

/** Joins fragments (skipping undefined) with a plain separator. */
export function joinFragments(parts: Array<Fragment | undefined>, separator: string): Fragment {
  const present = parts.filter((p): p is Fragment => p !== undefined);
  return {
    html: present.map((p) => p.html).join(escapeHtml(separator)),
    text: present.map((p) => p.text).join(separator),
  };
}

const ELLIPSIS = '…';
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Cuts `text` to at most `max` UTF-16 code units at a grapheme boundary (never inside an emoji or between a
 * letter and its accent), ending with "…" when anything was cut.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return max <= 0 ? '' : ELLIPSIS;
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    if (out.length + segment.length + ELLIPSIS.length > max) break;
    out += segment;
  }
  return `${out.trimEnd()}${ELLIPSIS}`;
}
