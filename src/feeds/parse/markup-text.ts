/**
 * Text elements that hold markup as elements (`<description><p>Text <a>link</a> more</p></description>`,
 * Atom `type="xhtml"`) lose the order of their text and tags in xml2js's tree, which keeps child elements
 * apart from text: "Text more" then "link". Before parsing, the inner markup of such an element is wrapped in
 * CDATA, so it arrives as the HTML string it is, in order; the element gets `kw-markup="1"`, so a reader of
 * an Atom `type="text"` construct knows the text was markup. HTML void elements (`<br>`) that would make the
 * document ill-formed are carried inside the CDATA too. One pass, linear in the document.
 */

/**
 * What the scan stops at: a CDATA section or comment (skipped whole), or the start tag of a text element
 * (title, description, summary, content, content:encoded, subtitle, tagline; any prefix, but `media:` only
 * for title and description). One native regex scan finds them all.
 */
const STOP = /<!\[CDATA\[|<!--|<((?:([\w.-]+):)?(title|description|summary|content|encoded|subtitle|tagline))(?=[\s/>])/g;
/** Markup inside that means the element's end was lost (a broken document): never wrapped across it. */
const STRUCTURE = /<\/?(?:[\w.-]+:)?(?:item|entry|channel|feed|rss|RDF)[\s/>]/;

export const MARKUP_ATTRIBUTE = 'kw-markup';

function hasMarkup(inner: string): boolean {
  for (let i = inner.indexOf('<'); i !== -1; i = inner.indexOf('<', i + 1)) {
    if (!inner.startsWith('<![CDATA[', i)) return true;
    const end = inner.indexOf(']]>', i);
    if (end === -1) return true;
    i = end;
  }
  return false;
}

/** Wraps the inner markup of text elements in CDATA (see the module comment). */
export function wrapMarkupText(xml: string): string {
  if (!xml.includes('<')) return xml;
  const out: string[] = [];
  let copied = 0;
  const skipPast = (marker: string, from: number) => {
    const end = xml.indexOf(marker, from);
    return end === -1 ? xml.length : end + marker.length;
  };
  STOP.lastIndex = 0;
  for (let stop = STOP.exec(xml); stop; stop = STOP.exec(xml)) {
    const lt = stop.index;
    const [found, qualified, prefix, local] = stop;
    if (qualified === undefined) {
      STOP.lastIndex = found === '<!--' ? skipPast('-->', lt + 4) : skipPast(']]>', lt + 9);
      continue;
    }
    if (prefix === 'media' && local !== 'title' && local !== 'description') continue;
    const gt = xml.indexOf('>', lt);
    if (gt === -1) break;
    if (xml.charAt(gt - 1) === '/') continue;
    const close = xml.indexOf(`</${qualified}>`, gt + 1);
    if (close === -1) break;
    STOP.lastIndex = close;
    if (xml.indexOf('<', gt + 1) === close) continue; // text only: the common case
    const inner = xml.slice(gt + 1, close);
    if (!hasMarkup(inner) || inner.includes(`<${qualified}`) || STRUCTURE.test(inner)) continue;
    out.push(xml.slice(copied, gt), ` ${MARKUP_ATTRIBUTE}="1"><![CDATA[`, inner.replace(/]]>/g, ']]]]><![CDATA[>'), ']]>');
    copied = close;
  }
  out.push(xml.slice(copied));
  return out.join('');
}
