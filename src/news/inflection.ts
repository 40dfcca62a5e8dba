/**
 * The inflected forms a name takes in Russian and Kazakh news, as a stem and the endings that may follow it.
 * Pure data and rules, no dictionary: a name is written in the pack in its dictionary form, and its
 * endings follow from how that form ends.
 *
 * Russian (`russianForms`): noun, surname and adjective declension, chosen by the written word's ending.
 * Kazakh (`kazakhSuffixes`): agglutinative chains (derivation -лық, plural, 3rd-person possessive, then a
 * case), each suffix chosen by vowel harmony (back or front, from the last vowel) and by the sound it
 * follows (vowel, sonorant, nasal, voiced or voiceless consonant). Kazakh Latin spellings get the same
 * suffixes transliterated (`kazakhLatinSuffixes`).
 *
 * What is not here is not matched: Абишев is not a form of Абиш, Алматов not one of Алматы.
 */

const CYRILLIC = /[\u0400-\u04FF]/;
const LATIN = /[a-z]/i;

/** A written word split into the part every form shares and the endings that complete it. */
export interface WordForms {
  stem: string;
  /** Endings after `stem`, including the one that gives the written form ('' when the stem is the word). */
  endings: string[];
}

// --- Russian -------------------------------------------------------------------------------------------

const ADJECTIVE = ['ый', 'ий', 'ой', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ого', 'его', 'ому', 'ему', 'ым', 'им', 'ом', 'ем', 'ую', 'юю', 'ей', 'ых', 'их', 'ыми', 'ими'];
/** Masculine surnames in -ов/-ев/-ин/-ын: Токаев, Токаева, Токаеву, Токаевым, о Токаеве; the family: Токаевы, Токаевых. */
const MASCULINE_SURNAME = ['', 'а', 'у', 'ым', 'е', 'ы', 'ых', 'ыми'];
/** Feminine surnames (Назарбаева): the endings after the stem Назарбаев. */
const FEMININE_SURNAME = ['а', 'ой', 'ою', 'у'];
/** Consonant-final nouns (Казахстан, Комитет, Нурсултан): singular, and the plural for common nouns (казахи). */
const HARD_NOUN = ['', 'а', 'у', 'ом', 'ем', 'е'];
const HARD_NOUN_PLURAL = ['ы', 'и', 'ов', 'ев', 'ам', 'ами', 'ах'];
/** Nouns in -а/-я (Астана, Алма-Ата, Акорда): the endings after the stem without its vowel. */
const A_NOUN = ['а', 'ы', 'и', 'е', 'у', 'ой', 'ою', 'ей'];
const YA_NOUN = ['я', 'и', 'е', 'ю', 'ей', 'ею'];
/** Nouns in -ия (Организация, партия). */
const IYA_NOUN = ['ия', 'ии', 'ию', 'ией', 'иею', 'ий', 'иям', 'иями', 'иях'];
/** Neuter nouns in -ие (положение, отключение). */
const IE_NOUN = ['ие', 'ия', 'ию', 'ием', 'ии', 'ий', 'иям', 'иями', 'иях'];
/** Nouns in -ий, -й, -ь (Андрей, Зась). */
const IY_NOUN = ['ий', 'ия', 'ию', 'ием', 'ии'];
const Y_NOUN = ['й', 'я', 'ю', 'ем', 'е', 'и'];
const SOFT_NOUN = ['ь', 'я', 'ю', 'ем', 'е', 'и', 'ью', 'ей'];
/** Demonyms in -ец drop the e (алматинец, алматинца, алматинцы). */
const ETS_NOUN = ['ец', 'ца', 'цу', 'цем', 'це', 'цы', 'цев', 'цам', 'цами', 'цах'];

/**
 * How a Russian word declines, from its written (nominative) form. `person`: a word of a person's name, so
 * -ов/-ев/-ин/-ын is a surname and no common-noun plural applies. Words that Russian leaves undeclined
 * (Алматы, Актобе, Актау, Лукашенко, нации) have the empty ending only.
 */
export function russianForms(word: string, person: boolean): WordForms {
  const w = word.toLowerCase();
  const cut = (n: number, endings: string[]): WordForms => ({ stem: word.slice(0, word.length - n), endings });
  if (word.length < 3) return { stem: word, endings: [''] };
  if (person && /(ов|ев|ёв|ин|ын)$/.test(w)) return { stem: word, endings: MASCULINE_SURNAME };
  if (person && /(ова|ева|ина|ына)$/.test(w)) return cut(1, FEMININE_SURNAME);
  // Adjectives (казахстанский, Первый Президент); a person's -ий is a given name (Дмитрий), not one.
  if (w.length >= 5 && (/(ый|ой|ое|ее)$/.test(w) || (!person && w.endsWith('ий')))) return cut(2, ADJECTIVE);
  if (w.endsWith('ия')) return cut(2, IYA_NOUN);
  if (w.endsWith('ие')) return cut(2, IE_NOUN);
  if (w.endsWith('ий')) return cut(2, IY_NOUN);
  if (w.endsWith('й')) return cut(1, Y_NOUN);
  if (w.endsWith('ь')) return cut(1, SOFT_NOUN);
  if (!person && w.length >= 6 && w.endsWith('ец')) return cut(2, ETS_NOUN);
  if (w.endsWith('а')) return cut(1, A_NOUN);
  if (w.endsWith('я')) return cut(1, YA_NOUN);
  if (/[бвгджзклмнпрстфхцчшщ]$/.test(w)) return { stem: word, endings: person ? HARD_NOUN : [...HARD_NOUN, ...HARD_NOUN_PLURAL] };
  return { stem: word, endings: [''] };
}

// --- Kazakh --------------------------------------------------------------------------------------------

/** The sound a suffix follows, as Kazakh grammars group them. */
type Sound = 'vowel' | 'sonorant' | 'l' | 'nasal' | 'voiced' | 'voiceless';
/** [back, front] variants of a suffix. */
type Pair = readonly [string, string];
type Table = Record<Sound, readonly Pair[]>;

const VOWELS = 'аәеёиоөуұүыіэюя';
const BACK = 'аұы';
const FRONT = 'әөүі';

function soundsOf(last: string): Sound[] {
  if (last === 'у' || last === 'и') return ['vowel', 'sonorant']; // a vowel, or the glide of Ақтау, Сочи
  if (VOWELS.includes(last)) return ['vowel'];
  if ('рй'.includes(last)) return ['sonorant'];
  if (last === 'л') return ['l'];
  if ('мнң'.includes(last)) return ['nasal'];
  if ('жз'.includes(last)) return ['voiced'];
  return ['voiceless']; // к қ п с т ф х ц ч ш щ, and б в г д ғ, which are devoiced at the end of a word
}

/** Harmony of a stem from its last vowel; Russian vowels (е о и у э ю я ё) in loanwords allow either. */
function harmoniesOf(word: string): Array<0 | 1> {
  for (let i = word.length - 1; i >= 0; i--) {
    const c = word[i]!;
    if (BACK.includes(c)) return [0];
    if (FRONT.includes(c)) return [1];
    if (VOWELS.includes(c)) return [0, 1];
  }
  return [0, 1];
}

const t = (vowel: Pair[], sonorant: Pair[], l: Pair[], nasal: Pair[], voiced: Pair[], voiceless: Pair[]): Table => ({ vowel, sonorant, l, nasal, voiced, voiceless });

/** -лар: plural. */
const PLURAL = t([['лар', 'лер']], [['лар', 'лер']], [['дар', 'дер']], [['дар', 'дер']], [['дар', 'дер']], [['тар', 'тер']]);
/** -лық: "of, from" (қазақстандық, алматылық), then declined like a noun. */
const DERIVED = t([['лық', 'лік']], [['лық', 'лік']], [['дық', 'дік']], [['дық', 'дік']], [['дық', 'дік']], [['тық', 'тік']]);
/** 3rd-person possessive (қаласы, комитеті). */
const POSSESSIVE = t([['сы', 'сі']], [['ы', 'і']], [['ы', 'і']], [['ы', 'і']], [['ы', 'і']], [['ы', 'і']]);
const CASES: readonly Table[] = [
  t([['ның', 'нің']], [['дың', 'дің']], [['дың', 'дің']], [['ның', 'нің']], [['дың', 'дің']], [['тың', 'тің']]), // genitive
  t([['ны', 'ні']], [['ды', 'ді']], [['ды', 'ді']], [['ды', 'ді']], [['ды', 'ді']], [['ты', 'ті']]), // accusative
  t([['ға', 'ге']], [['ға', 'ге']], [['ға', 'ге']], [['ға', 'ге']], [['ға', 'ге']], [['қа', 'ке']]), // dative
  t([['да', 'де']], [['да', 'де']], [['да', 'де']], [['да', 'де']], [['да', 'де']], [['та', 'те']]), // locative
  t([['дан', 'ден']], [['дан', 'ден']], [['дан', 'ден']], [['нан', 'нен']], [['дан', 'ден']], [['тан', 'тен']]), // ablative
  // instrumental, one form for both harmonies; grammars differ on -мен or -бен after nasals, so both
  t([['мен', 'мен'], ['менен', 'менен']], [['мен', 'мен'], ['менен', 'менен']], [['мен', 'мен']], [['мен', 'мен'], ['бен', 'бен']], [['бен', 'бен'], ['бенен', 'бенен']], [['пен', 'пен'], ['пенен', 'пенен']]),
];
/** Cases after a 3rd-person possessive, which take an n: комитетінің, комитетін, қаласына, қаласында. */
const AFTER_POSSESSIVE: readonly Pair[] = [['ның', 'нің'], ['н', 'н'], ['на', 'не'], ['нда', 'нде'], ['нан', 'нен'], ['мен', 'мен'], ['ндағы', 'ндегі']];
/** Locative + -ғы: "which is in" (Алматыдағы, Қазақстандағы). */
const LOCATIVE = 3;

interface Form {
  text: string;
  harmonies: Array<0 | 1>;
  possessive: boolean;
  depth: number;
}

function attach(form: Form, table: Table, possessive = false): Form[] {
  const out: Form[] = [];
  for (const sound of soundsOf(form.text.slice(-1))) {
    for (const pair of table[sound]) {
      for (const h of form.harmonies) out.push({ text: form.text + pair[h], harmonies: [h], possessive, depth: form.depth + 1 });
    }
  }
  return out;
}

function caseForms(form: Form): Form[] {
  if (form.possessive) return AFTER_POSSESSIVE.flatMap((pair) => form.harmonies.map((h) => ({ ...form, text: form.text + pair[h], depth: form.depth + 1 })));
  const out = CASES.flatMap((table) => attach(form, table));
  for (const loc of attach(form, CASES[LOCATIVE]!)) out.push({ ...loc, text: loc.text + (loc.harmonies[0] === 0 ? 'ғы' : 'гі') });
  return out;
}

/**
 * Kazakh suffix chains after a word (as written, Cyrillic): [-лық] [plural] [possessive] [case], each
 * optional, up to `maxSuffixes` of them. A word already ending in a possessive (Елбасы, комитеті) also
 * takes the cases that follow one. Returned without the word, the empty chain excluded.
 */
export function kazakhSuffixes(word: string, maxSuffixes = 4): string[] {
  const w = word.toLowerCase();
  // The chains depend only on the last letter, the harmony and a final possessive: most words share them.
  const memo = `${maxSuffixes}|${w.slice(-1)}|${harmoniesOf(w).join('')}|${/[ыі]$/.test(w) ? 1 : 0}`;
  const known = suffixMemo.get(memo);
  if (known) return known;
  const chains = suffixChains(w, maxSuffixes);
  suffixMemo.set(memo, chains);
  return chains;
}

const suffixMemo = new Map<string, string[]>();

function suffixChains(w: string, maxSuffixes: number): string[] {
  const start: Form = { text: w, harmonies: harmoniesOf(w), possessive: false, depth: 0 };
  const results = new Set<string>();
  const add = (forms: Form[]) => forms.forEach((f) => f.depth <= maxSuffixes && results.add(f.text.slice(w.length)));
  const bases = [start, ...attach(start, DERIVED)];
  const plurals = bases.flatMap((b) => [b, ...attach(b, PLURAL)]);
  const possessed = plurals.flatMap((p) => [p, ...attach(p, POSSESSIVE, true)]);
  if (/[ыі]$/.test(w)) possessed.push({ ...start, possessive: true });
  for (const f of possessed) {
    add([f]);
    add(caseForms(f));
  }
  results.delete('');
  return [...results];
}

/** How Kazakh Latin alphabets (2017, 2018, 2021) and common transliterations write each suffix letter, diacritics dropped. */
const SUFFIX_LATIN: Record<string, string[]> = {
  а: ['a'], е: ['e'], ы: ['y', 'i'], і: ['i'], н: ['n'], ң: ['n', 'ng'], ғ: ['g', 'gh'], г: ['g'], қ: ['q', 'k'], к: ['k'],
  д: ['d'], т: ['t'], л: ['l'], м: ['m'], б: ['b'], п: ['p'], с: ['s'], р: ['r'],
};

/**
 * Cyrillic stand-ins for a Latin word's ending: enough to choose each suffix's consonant, in both harmonies
 * (е before them allows either). A final y or i may be a possessive (Elbasy), which takes its own cases.
 */
function cyrillicStandIns(latinWord: string): string[] {
  const last = latinWord.slice(-1).toLowerCase();
  if (last === 'y' || last === 'i') return ['еы', 'еі', 'еу'];
  if ('aeo'.includes(last)) return ['ее'];
  if (last === 'u') return ['еу'];
  return [`е${({ l: 'л', r: 'р', m: 'м', n: 'н', j: 'ж', z: 'з' } as Record<string, string>)[last] ?? 'т'}`];
}

function transliterate(suffix: string): string[] {
  let outs = [''];
  for (const ch of suffix) outs = outs.flatMap((o) => (SUFFIX_LATIN[ch] ?? [ch]).map((l) => o + l));
  return outs;
}

/**
 * Kazakh suffixes for a name written in Latin letters (Qazaqstanda, Toqaevtyñ → toqaevtyn), up to two of
 * them, in either harmony (Latin spellings lose the vowels that tell), diacritics dropped as the matcher
 * reads them.
 */
export function kazakhLatinSuffixes(word: string): string[] {
  const stands = cyrillicStandIns(word);
  const memo = stands.join('|');
  let known = latinMemo.get(memo);
  if (!known) latinMemo.set(memo, (known = [...new Set(stands.flatMap((stand) => kazakhSuffixes(stand, 2)).flatMap(transliterate))]));
  return known;
}

const latinMemo = new Map<string, string[]>();

/**
 * Endings of one word of a name, relative to its stem. Cyrillic: Russian declension, and on the last word
 * Kazakh suffixes (Kazakh inflects only the end of a compound: Нұр-Сұлтанда, Қасым-Жомарт Тоқаевтың).
 * Latin: an English plural, and on the last word Kazakh Latin suffixes. `person`: a word of a person's name.
 */
export function wordForms(word: string, options: { person: boolean; last: boolean }): WordForms {
  if (CYRILLIC.test(word)) {
    if (word.length < 3) return { stem: word, endings: [''] };
    const ru = russianForms(word, options.person);
    const rest = word.slice(ru.stem.length);
    const kk = options.last ? kazakhSuffixes(word).map((s) => rest + s) : [];
    return { stem: ru.stem, endings: [...new Set([...ru.endings, ...(rest === '' ? [''] : [rest]), ...kk])] };
  }
  if (LATIN.test(word) && word.length >= 3 && /[a-z]$/i.test(word)) {
    return { stem: word, endings: ['', 's', ...(options.last ? kazakhLatinSuffixes(word) : [])] };
  }
  return { stem: word, endings: [''] };
}
