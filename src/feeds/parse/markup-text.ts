/**
 * Text elements that hold markup as elements (`<description><p>Text <a>link</a> more</p></description>`,
 * Atom `type="xhtml"`) lose the order of their text and tags in xml2js's tree, which keeps child elements
 * apart from text: "Text more" then "link". Before parsing, the inner markup of such an element is wrapped in
 * CDATA, so it arrives as the HTML string it is, in order; the element gets `kw-markup="1"`, so a reader of
 * an Atom `type="text"` construct knows the text was markup. HTML void elements (`<br>`) that would make the
 * document ill-formed are carried inside the CDATA too. One pass, linear in the document.
 */

/** Local names of the text elements (any prefix, but `media:` only for title and description). */
const TEXT_ELEMENT = /(?:([\w.-]+):)?(title|description|summary|content|encoded|subtitle|tagline)(?=[\s/>])/y;
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
  let i = 0;
  const skipPast = (marker: string, from: number) => {
    const end = xml.indexOf(marker, from);
    return end === -1 ? xml.length : end + marker.length;
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) break;
    if (xml.startsWith('<![CDATA[', lt)) {
      i = skipPast(']]>', lt + 9);
      continue;
    }
    if (xml.startsWith('<!--', lt)) {
      i = skipPast('-->', lt + 4);
      continue;
    }
    TEXT_ELEMENT.lastIndex = lt + 1;
    const name = TEXT_ELEMENT.exec(xml);
    const gt = name ? xml.indexOf('>', lt) : -1;
    if (!name || gt === -1 || xml.charAt(gt - 1) === '/' || (name[1] === 'media' && name[2] !== 'title' && name[2] !== 'description')) {
      i = lt + 1;
      if (name && gt === -1) break;
      continue;
    }
    const qualified = name[0];
    const close = xml.indexOf(`</${qualified}>`, gt + 1);
    if (close === -1) break;
    const inner = xml.slice(gt + 1, close);
    i = close;
    if (!hasMarkup(inner) || inner.includes(`<${qualified}`) || STRUCTURE.test(inner)) continue;
    out.push(xml.slice(copied, gt), ` ${MARKUP_ATTRIBUTE}="1"><![CDATA[`, inner.replace(/]]>/g, ']]]]><![CDATA[>'), ']]>');
    copied = close;
  }
  out.push(xml.slice(copied));
  return out.join('');
}
