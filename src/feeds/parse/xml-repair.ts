/** What {@link repairCloseTags} made of a document. */
export interface CloseTagRepair {
  xml: string;
  /** How many close tags were renamed, added or dropped. */
  repairs: number;
  /** True when every element is closed at the end (false: the document is also cut short). */
  balanced: boolean;
}

/** Deepest nesting mended; real feeds nest a few levels, a deeper document is hostile and left to salvage. */
const MAX_DEPTH = 256;

/** A start tag's end: quoted attribute values may hold `>`. */
const TAG_END = /"[^"]*"|'[^']*'|>/g;

/**
 * Mends close tags that do not match, as lenient XML readers do (Go's `encoding/xml` in non-strict mode,
 * browsers for HTML): `</x>` where `x` is open deeper first closes the elements left open inside it; a `</x>`
 * for no open element closes the current one (`<language>en</langauge>`, `<logo>...</link>`); one with
 * nothing open is dropped. One pass, linear in the document. Comments, CDATA, processing instructions and
 * the DOCTYPE are kept as they are. Past {@link MAX_DEPTH} open elements nothing is mended (`repairs: 0`).
 */
export function repairCloseTags(xml: string): CloseTagRepair {
  const out: string[] = [];
  const stack: string[] = [];
  const open = new Map<string, number>();
  let copied = 0;
  let repairs = 0;
  let i = 0;
  const skipPast = (marker: string, from: number) => {
    const end = xml.indexOf(marker, from);
    return end === -1 ? xml.length : end + marker.length;
  };
  const replace = (from: number, to: number, text: string) => {
    out.push(xml.slice(copied, from), text);
    copied = to;
    repairs++;
  };
  const pop = () => {
    const name = stack.pop() as string;
    open.set(name, (open.get(name) ?? 1) - 1);
    return name;
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) break;
    if (xml.startsWith('<!--', lt)) i = skipPast('-->', lt + 4);
    else if (xml.startsWith('<![CDATA[', lt)) i = skipPast(']]>', lt + 9);
    else if (xml.startsWith('<?', lt)) i = skipPast('?>', lt + 2);
    else if (xml.startsWith('<!', lt)) {
      const gt = xml.indexOf('>', lt);
      const bracket = xml.indexOf('[', lt);
      i = bracket !== -1 && gt !== -1 && bracket < gt ? skipPast(']>', bracket) : gt === -1 ? xml.length : gt + 1;
    } else if (xml.charAt(lt + 1) === '/') {
      const gt = xml.indexOf('>', lt);
      if (gt === -1) {
        // The document ends inside a close tag (`...</channel></rss`): finish it when it closes the last element.
        if (stack.length === 1 && stack[0] === xml.slice(lt + 2).trim()) {
          replace(xml.length, xml.length, '>');
          pop();
        }
        break;
      }
      const name = xml.slice(lt + 2, gt).trim();
      i = gt + 1;
      if (stack.at(-1) === name) pop();
      else if ((open.get(name) ?? 0) > 0) {
        const closes: string[] = [];
        while (stack.at(-1) !== name) closes.push(`</${pop()}>`);
        pop();
        replace(lt, lt, closes.join(''));
      } else if (stack.length > 0) replace(lt, i, `</${pop()}>`);
      else replace(lt, i, '');
    } else {
      const name = /^<([^\s/>]+)/.exec(xml.slice(lt, lt + 256))?.[1];
      if (!name) {
        i = lt + 1;
        continue;
      }
      TAG_END.lastIndex = lt + 1 + name.length;
      let end = -1;
      for (let m = TAG_END.exec(xml); m; m = TAG_END.exec(xml)) {
        if (m[0] === '>') {
          end = m.index;
          break;
        }
      }
      if (end === -1) break;
      i = end + 1;
      if (xml.charAt(end - 1) !== '/') {
        if (stack.length >= MAX_DEPTH) return { xml, repairs: 0, balanced: false };
        stack.push(name);
        open.set(name, (open.get(name) ?? 0) + 1);
      }
    }
  }
  out.push(xml.slice(copied));
  return { xml: out.join(''), repairs, balanced: stack.length === 0 };
}
