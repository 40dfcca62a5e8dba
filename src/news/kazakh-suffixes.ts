/**
 * Kazakh endings that story clustering strips to reach a word's stem. Data, not code: Snowball has no
 * Kazakh stemmer, and Kazakh inflects by adding endings one after another (әскер-лер-і-нің), so peeling
 * the longest known ending off, a few times, reaches the root closely enough to compare two reports.
 *
 * Grouped by what they mark; each group lists the vowel-harmony and consonant variants. Derivational
 * suffixes that make a new word (-лық "-ness", -шы "-er") are left on: they change the meaning.
 */
export const KAZAKH_SUFFIXES: readonly string[] = [
  // locative adjective and ablative/locative with possessive n (-дағы, -ындағы)
  'ындағы', 'індегі', 'дағы', 'дегі', 'тағы', 'тегі', 'ндағы', 'ндегі',
  // plural + possessive (-лары "their")
  'лары', 'лері', 'дары', 'дері', 'тары', 'тері',
  // plural
  'лар', 'лер', 'дар', 'дер', 'тар', 'тер',
  // genitive
  'ның', 'нің', 'дың', 'дің', 'тың', 'тің',
  // ablative
  'нан', 'нен', 'дан', 'ден', 'тан', 'тен',
  // locative
  'нда', 'нде', 'да', 'де', 'та', 'те',
  // dative
  'на', 'не', 'ға', 'ге', 'қа', 'ке',
  // accusative
  'ны', 'ні', 'ды', 'ді', 'ты', 'ті',
  // instrumental
  'мен', 'бен', 'пен',
  // possessive (1st, 2nd, 3rd person)
  'мыз', 'міз', 'ңыз', 'ңіз', 'сы', 'сі', 'ым', 'ім', 'ың', 'ің',
  // verb: past tense, participles, converbs, future, verbal noun
  'ған', 'ген', 'қан', 'кен', 'атын', 'етін', 'йтын', 'йтін', 'ып', 'іп', 'уы', 'уі',
  // single vowels last: possessive 3rd person (-ы/-і) and the dative after a possessive (-а/-е)
  'ы', 'і',
];

/** A stem keeps at least this many letters, so short roots (ел "country", үй "house") survive. */
export const KAZAKH_MIN_STEM = 3;
