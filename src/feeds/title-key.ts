/**
 * The normalised form of a headline, used as one of an item's identities (src/feeds/identity.ts): the same
 * headline re-served under a new guid and link is still the same item.
 *
 * Normalisation: Unicode NFKC (full-width and compatibility forms, no-break spaces), lower case, ё → е (Russian
 * writes both for one letter), format characters dropped (soft hyphens, zero-width spaces), every run of
 * punctuation and symbols (quotes «» “” „, dashes, colons, emoji...) and whitespace made one space. Kazakh
 * letters (ә ғ қ ң ө ұ ү һ і) are kept as they are: they are letters of their own, not accented Russian ones.
 */
export function normaliseTitle(title: string): string {
  let text = title.normalize('NFKC').toLowerCase().replace(/ё/g, 'е');
  if (FORMAT_CHAR.test(text)) text = text.replace(FORMAT_CHARS, '');
  return text.replace(SEPARATORS, ' ').trim();
}

const FORMAT_CHAR = /\p{Cf}/u;
const FORMAT_CHARS = /\p{Cf}/gu;
const SEPARATORS = /[\p{P}\p{S}\s]+/gu;
/** After normalisation a headline holds only letters (with their marks), digits and single spaces. */
const NOT_A_DIGIT = /[^\p{N}]/u;
const DIGITS_AND_SPACES = /[\p{N} ]+/gu;

/**
 * Headlines that many unrelated items carry, after normalisation: never an identity. The length rule below
 * catches most others ("Video", "Фото", "Update 3").
 */
const GENERIC_TITLES = new Set([
  'untitled', 'no title', 'without title', 'news', 'latest news', 'breaking news', 'top stories', 'live updates',
  'news digest', 'daily digest', 'morning briefing', 'evening briefing', 'press release', 'announcement',
  'без названия', 'без заголовка', 'новости', 'последние новости', 'главные новости', 'срочные новости',
  'новости дня', 'главное за день', 'дайджест новостей', 'пресс релиз', 'объявление', 'прямая трансляция',
  'тақырыпсыз', 'атауы жоқ', 'жаңалықтар', 'соңғы жаңалықтар', 'басты жаңалықтар', 'күн жаңалықтары',
]);

/** Fewest words with a letter, and fewest letters, for a headline to tell one item from another. */
export const MIN_TITLE_WORDS = 3;
export const MIN_TITLE_LETTERS = 12;

/**
 * The headline's identity key, or undefined when it is too short or too generic to tell items apart
 * ("News", "Untitled", "Фото", a bare date).
 */
export function titleKey(title: string): string | undefined {
  const normalised = normaliseTitle(title);
  if (GENERIC_TITLES.has(normalised)) return undefined;
  let words = 0;
  for (const word of normalised.split(' ')) if (NOT_A_DIGIT.test(word)) words++;
  const letters = normalised.replace(DIGITS_AND_SPACES, '').length;
  if (words < MIN_TITLE_WORDS || letters < MIN_TITLE_LETTERS) return undefined;
  return normalised;
}
