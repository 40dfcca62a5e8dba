/**
 * Feeds name the same namespace with different prefixes (`<rss:item>` for RSS 1.0, `<a10:updated>`, `<dct:modified>`,
 * `<m:content>`), and rss-parser and the mapping read element names as written. Each prefix bound to a namespace
 * we read is renamed to its usual one ('' for the document's own elements: `rss:item` -> `item`), so the mapping
 * knows one name per element.
 */

/** Namespace URI (lower case, no trailing `/` or `#`) -> the prefix the mapping reads. */
const COMMON: Record<string, string> = {
  'http://purl.org/dc/elements/1.1': 'dc',
  'http://purl.org/dc/terms': 'dcterms',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://purl.org/rss/1.0/modules/content': 'content',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns': 'rdf',
};
const ATOM = ['http://www.w3.org/2005/atom', 'http://purl.org/atom/ns'];
const RSS = ['http://purl.org/rss/1.0', 'http://my.netscape.com/rdf/simple/0.9', 'http://backend.userland.com/rss2', 'http://blogs.law.harvard.edu/tech/rss'];

const canonical = (uri: string) => uri.trim().toLowerCase().replace(/[/#]+$/, '');

/** Every `xmlns:prefix="uri"` of the document (a prefix bound to two URIs is left out: it cannot be renamed safely). */
function declarations(xml: string): Map<string, string> {
  const found = new Map<string, string>();
  const conflicting = new Set<string>();
  for (const match of xml.matchAll(/\sxmlns:([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const prefix = match[1] as string;
    const uri = canonical(match[2] ?? match[3] ?? '');
    if (found.has(prefix) && found.get(prefix) !== uri) conflicting.add(prefix);
    found.set(prefix, uri);
  }
  for (const prefix of conflicting) found.delete(prefix);
  return found;
}

/**
 * The prefixes to rename in a document of `format` (prefix -> new prefix, '' to drop it), or undefined when
 * every prefix is already the usual one.
 */
export function prefixRenames(xml: string, format: 'rss' | 'rdf' | 'atom'): Record<string, string> | undefined {
  const renames: Record<string, string> = {};
  for (const [prefix, uri] of declarations(xml)) {
    const wanted = ATOM.includes(uri) ? (format === 'atom' ? '' : 'atom') : RSS.includes(uri) ? (format === 'atom' ? undefined : '') : COMMON[uri];
    if (wanted !== undefined && wanted !== prefix) renames[prefix] = wanted;
  }
  return Object.keys(renames).length > 0 ? renames : undefined;
}

/** An xml2js tag-name processor applying {@link prefixRenames}. */
export function renameTag(renames: Record<string, string>): (name: string) => string {
  return (name) => {
    const colon = name.indexOf(':');
    if (colon === -1) return name;
    const renamed = renames[name.slice(0, colon)];
    if (renamed === undefined) return name;
    return renamed === '' ? name.slice(colon + 1) : `${renamed}:${name.slice(colon + 1)}`;
  };
}
