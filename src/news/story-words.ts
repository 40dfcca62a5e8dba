/** Words story clustering leaves out: function words, and capitalised words that are not names. Data. */

const list = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

/** Function words of English, Russian and Kazakh, folded (lower case, ё as е). */
export const STOP_WORDS = list(`
  the a an and or but of to in on at by for with from as is are was were be been being has have had it its this
  that these those after before over under amid into about says said say will would could should can may might
  new not no than then there their they he she his her him who what when where which why how all more most also
  up out off per via vs s t after while since during against between across among other another some such only
  us we our you your i me my one two three first last next week day days year years month today yesterday
  monday tuesday wednesday thursday friday saturday sunday
  january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
  и в во на не что с со по к ко у о об от до из за для как а но же ли бы это этот эта эти этого этом был была были
  быть будет будут его ее их он она они мы вы я при про под над без так также уже еще или то чтобы после более
  года году год лет сообщил сообщила сообщили сообщает заявил заявила заявили говорится передает которые который
  которая которых всего всех весь вся все около более менее сегодня вчера ходе время среди через между против
  января февраля марта апреля мая июня июля августа сентября октября ноября декабря янв фев мар апр июн июл авг сен окт ноя дек
  понедельник вторник среду четверг пятницу субботу воскресенье
  және мен бен пен бұл осы сол үшін туралы бойынша деп деді деген болды болып бар жоқ да де та те ол олар біз
  бір ең тағы кейін дейін бері арқылы сияқты қатысты жылы жыл күні күн оның бұған сондай ал еді екен
  қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан
`);

/** Capitalised words that name an office or a thing, not who or where: never a name key. */
export const NOT_NAMES = list(`
  president prime minister ministry head state national security council committee government parliament
  republic order court party chairman leader city region district agency news
  президент премьер министр министерство глава государства национальной безопасности совет комитет правительство
  республики партия суд председатель город области района
  президент премьер министр мемлекет басшысы ұлттық қауіпсіздік кеңес комитет үкімет республика партия сот төраға қала облыс
`);
