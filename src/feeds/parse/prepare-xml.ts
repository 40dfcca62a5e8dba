import { xmlSafeAmpersands } from './entities.js';
import { wrapMarkupText } from './markup-text.js';

/** The document's root element, as written. */
export interface RootElement {
  /** Qualified name, e.g. `rss`, `rdf:RDF`, `a:feed`. */
  name: string;
  /** Local part of the name, lower-cased (`rss`, `rdf`, `feed`, `html`). */
  local: string;
  /** The prefix, when the name has one. */
  prefix?: string;
  /** The raw attribute text of the start tag. */
  attributes: string;
}

/** Characters XML 1.0 does not allow anywhere (C0 controls but tab, LF, CR; U+FFFE, U+FFFF). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Repairs what real feeds get wrong and strict XML refuses, without changing well-formed documents' content:
 * a BOM, whitespace, comments or stray text before the XML declaration (the declaration itself is dropped:
 * the text is already decoded), characters XML 1.0 forbids, undefined HTML entities (`&nbsp;`) and bare `&`
 * outside CDATA sections. Markup inside text elements is then wrapped in CDATA (markup-text.ts).
 */
export function prepareXml(text: string): string {
  return wrapMarkupText(repairProlog(text));
}

function repairProlog(text: string): string {
  let start = 0;
  // Skip the prolog junk: whitespace, comments, stray text and the XML declaration.
  for (;;) {
    const lt = text.indexOf('<', start);
    if (lt === -1) return '';
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1) return '';
      start = end + 3;
    } else if (text.startsWith('<?xml', lt) && /\s/.test(text.charAt(lt + 5))) {
      const end = text.indexOf('?>', lt);
      if (end === -1) return '';
      start = end + 2;
    } else {
      start = lt;
      break;
    }
  }
  const body = text.slice(start).replace(FORBIDDEN_CHARS, '');
  let out = '';
  let i = 0;
  for (;;) {
    const cdata = body.indexOf('<![CDATA[', i);
    const end = cdata === -1 ? -1 : body.indexOf(']]>', cdata + 9);
    if (cdata === -1 || end === -1) return out + xmlSafeAmpersands(body.slice(i));
    out += xmlSafeAmpersands(body.slice(i, cdata)) + body.slice(cdata, end + 3);
    i = end + 3;
  }
}

/** Finds the root element, skipping processing instructions, comments and the DOCTYPE. */
export function findRootElement(xml: string): RootElement | undefined {
  let i = 0;
  for (;;) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) return undefined;
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt);
      if (end === -1) return undefined;
      i = end + 2;
    } else if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt);
      if (end === -1) return undefined;
      i = end + 3;
    } else if (xml.startsWith('<!', lt)) {
      // DOCTYPE, possibly with an internal subset in brackets.
      const bracket = xml.indexOf('[', lt);
      const gt = xml.indexOf('>', lt);
      if (gt === -1) return undefined;
      i = bracket !== -1 && bracket < gt ? xml.indexOf(']>', bracket) + 2 : gt + 1;
      if (i < 2) return undefined;
    } else {
      const match = /^<([A-Za-z_][\w.:-]*)([^>]*)/.exec(xml.slice(lt, lt + 4096));
      if (!match) return undefined;
      const name = match[1] as string;
      const colon = name.indexOf(':');
      return {
        name,
        local: (colon === -1 ? name : name.slice(colon + 1)).toLowerCase(),
        ...(colon === -1 ? {} : { prefix: name.slice(0, colon) }),
        attributes: match[2] ?? '',
      };
    }
  }
}

/** Reads one attribute from a start tag's attribute text (single or double quotes). */
export function attributeOf(attributes: string, name: string): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|\\s)${escaped}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes)?.slice(1).find((v) => v !== undefined);
}
