import type { Report } from './january-outlets.js';

/** One real event of January 2022 and every report of it the scenario's outlets carry. */
export interface ScenarioEvent {
  id: string;
  reports: Report[];
}

/**
 * Events of January 2022 (facts from the project's reference notes), each told by one to four outlets in their
 * own words and languages: different headlines, word order, leads, spellings (Smailov / Смаилов / Смайылов).
 * Events of one day share actors and places on purpose (the Mazhilis on 11 January heard two of them).
 */
export const events: ScenarioEvent[] = [
  {
    id: 'protests-reach-aktau',
    reports: [
      { outlet: 'vestnik', at: [3, '13:05'], title: 'Протесты из-за цен на газ перекинулись на Актау', lead: 'В понедельник сотни жителей Актау вышли на площадь, поддержав протестующих в Жанаозене, где накануне начались акции против подорожания сжиженного газа почти вдвое.' },
      { outlet: 'wire', at: [3, '14:20'], title: 'Fuel price protests spread from Zhanaozen to Aktau', lead: 'Hundreds of people rallied in the central square of Aktau on Monday, a day after residents of the oil town of Zhanaozen took to the streets over a sharp rise in the price of liquefied gas.' },
      { outlet: 'dala', at: [3, '15:40'], title: 'Жаңаөзендегі наразылық Ақтауға жетті', lead: 'Ақтау тұрғындары қала орталығындағы алаңға жиналып, сұйытылған газ бағасының күрт өскеніне қарсы шыққан жаңаөзендіктерге қолдау білдірді.' },
    ],
  },
  {
    id: 'emergency-almaty-mangystau',
    reports: [
      { outlet: 'vestnik', at: [5, '01:50'], title: 'В Алматы и Мангистауской области ввели режим ЧП', lead: 'Указ о чрезвычайном положении до 19 января подписал президент Касым-Жомарт Токаев. С 23:00 до 07:00 действует комендантский час, ограничено передвижение транспорта.' },
      { outlet: 'wire', at: [5, '02:10'], title: 'State of emergency declared in Almaty and Mangystau', lead: 'President Tokayev imposed a two-week state of emergency in Almaty and the western Mangystau region, with a night curfew and restrictions on movement in and out of both.' },
    ],
  },
  {
    id: 'government-resigns',
    reports: [
      { outlet: 'vestnik', at: [5, '08:15'], title: 'Токаев принял отставку правительства Мамина', lead: 'Президент Казахстана в среду утром подписал указ об отставке кабинета министров. Исполняющим обязанности премьер-министра назначен Алихан Смаилов.' },
      { outlet: 'dala', at: [5, '08:30'], title: 'Үкімет отставкаға кетті', lead: 'Мемлекет басшысы Қасым-Жомарт Тоқаев Асқар Мамин басқарған үкіметтің отставкасын қабылдады. Премьер-министрдің міндетін атқарушы болып Әлихан Смайылов тағайындалды.' },
      { outlet: 'caspian', at: [5, '08:40'], title: "Kazakhstan's government resigns as fuel protests turn violent", lead: "President Kassym-Jomart Tokayev accepted the resignation of Prime Minister Askar Mamin's cabinet early on Wednesday and named his deputy, Alikhan Smailov, acting prime minister." },
    ],
  },
  {
    id: 'security-council',
    reports: [
      { outlet: 'vestnik', at: [5, '13:10'], title: 'Токаев возглавил Совбез вместо Назарбаева', lead: '«С сегодняшнего дня я возглавляю Совет безопасности», заявил Касым-Жомарт Токаев в телеобращении. До этого пост занимал первый президент Нурсултан Назарбаев.' },
      { outlet: 'caspian', at: [5, '13:30'], title: 'Tokayev takes over Security Council from Nazarbayev', lead: 'Kassym-Jomart Tokayev said in a televised address on Wednesday that he had assumed the chairmanship of the Security Council, a post Nursultan Nazarbayev had kept after stepping down as president in 2019.' },
      { outlet: 'dala', at: [5, '13:45'], title: 'Қауіпсіздік кеңесін енді Тоқаев басқарады', lead: 'Президент халыққа үндеуінде Қауіпсіздік кеңесінің төрағасы қызметіне кіріскенін мәлімдеді. Бұған дейін кеңесті Нұрсұлтан Назарбаев басқарып келген.' },
    ],
  },
  {
    id: 'internet-blackout',
    reports: [
      { outlet: 'nomad', at: [5, '16:00'], title: 'Kazakhstan goes offline in nationwide internet blackout', lead: 'Connectivity collapsed across the country on Wednesday afternoon, monitors said; mobile data and home broadband went dark in Almaty, Nur-Sultan and the regions.' },
      { outlet: 'dala', at: [5, '16:30'], title: 'Елде интернет толық өшірілді', lead: 'Қазақстанның барлық өңірінде ғаламтор мен ұялы байланыс жұмысы тоқтап қалды. Банк карталары мен терминалдар да істемей тұр.' },
    ],
  },
  {
    id: 'almaty-city-hall',
    reports: [
      { outlet: 'vestnik', at: [5, '17:20'], title: 'В Алматы горит здание акимата', lead: 'Протестующие прорвались в здание городской администрации на площади Республики и подожгли его. Полиция применяла светошумовые гранаты.' },
      { outlet: 'wire', at: [5, '17:50'], title: 'Protesters storm Almaty city hall and set it ablaze', lead: "Smoke poured from the mayor's office on Republic Square after crowds broke through police lines, witnesses said; stun grenades could be heard across the centre of Kazakhstan's largest city." },
      { outlet: 'dala', at: [5, '18:05'], title: 'Алматы әкімдігінің ғимараты өртеніп жатыр', lead: 'Республика алаңындағы қалалық әкімдікке наразылық білдірушілер басып кіріп, ғимаратқа от қойды.' },
    ],
  },
  {
    id: 'almaty-airport',
    reports: [
      { outlet: 'caspian', at: [5, '20:15'], title: 'Almaty airport seized, flights suspended', lead: "Protesters took control of Almaty International Airport on Wednesday evening, and airlines cancelled flights into Kazakhstan's largest city." },
      { outlet: 'vestnik', at: [5, '20:40'], title: 'Аэропорт Алматы захвачен протестующими', lead: 'Вечером в среду аэропорт Алматы перешёл под контроль протестующих, все рейсы отменены, сообщают авиакомпании.' },
    ],
  },
  {
    id: 'csto-sends-troops',
    reports: [
      { outlet: 'vestnik', at: [6, '04:10'], title: 'ОДКБ направит в Казахстан миротворцев', lead: 'Решение принято по просьбе Касым-Жомарта Токаева, сообщил председатель Совета коллективной безопасности, премьер-министр Армении Никол Пашинян.' },
      { outlet: 'wire', at: [6, '04:30'], title: 'CSTO to send peacekeepers to Kazakhstan, Pashinyan says', lead: 'Armenian Prime Minister Nikol Pashinyan, who chairs the Collective Security Council, said the Russia-led bloc would send a collective peacekeeping force for a limited period.' },
      { outlet: 'dala', at: [6, '05:00'], title: 'ҰҚШҰ бітімгершілері Қазақстанға келеді', lead: 'Ұжымдық қауіпсіздік туралы шарт ұйымы Тоқаевтың өтінішімен елге бітімгершілік күштерін жіберуге келісті, деп мәлімдеді Армения премьер-министрі Никол Пашинян.' },
    ],
  },
  {
    id: 'fire-without-warning',
    reports: [
      { outlet: 'vestnik', at: [7, '12:00'], title: 'Токаев разрешил силовикам стрелять без предупреждения', lead: 'Президент заявил в обращении к народу, что отдал приказ открывать огонь на поражение без предупреждения, и отверг переговоры с протестующими.' },
      { outlet: 'caspian', at: [7, '12:20'], title: 'Tokayev orders troops to fire without warning', lead: 'In a televised address on Friday the president said he had authorised security forces to open fire without warning and rejected calls for talks with the protesters, whom he called terrorists.' },
      { outlet: 'dala', at: [7, '12:40'], title: 'Тоқаев: ескертусіз оқ атуға бұйрық бердім', lead: 'Президент телеарнада сөйлеген сөзінде құқық қорғау органдарына ескертусіз оқ атуға рұқсат бергенін айтты.' },
    ],
  },
  {
    id: 'xi-message',
    reports: [
      { outlet: 'nomad', at: [7, '15:10'], title: "Xi Jinping praises Tokayev's 'strong measures'", lead: 'Chinese leader Xi Jinping sent the Kazakh president a message of support, saying Beijing opposed any attempt by outside forces to stir unrest in the country.' },
      { outlet: 'vestnik', at: [7, '15:45'], title: 'Си Цзиньпин поддержал действия Токаева', lead: 'Председатель КНР направил казахстанскому коллеге послание, в котором назвал принятые меры решительными и своевременными.' },
    ],
  },
  {
    id: 'bitcoin-slides',
    reports: [
      { outlet: 'nomad', at: [7, '18:30'], title: 'Bitcoin slides toward $43,000 as Kazakh miners lose power', lead: 'Kazakhstan hosted about 18% of the world\'s bitcoin mining before the shutdown; the hash rate fell sharply as farms went dark.' },
    ],
  },
  {
    id: 'massimov-detained',
    reports: [
      { outlet: 'vestnik', at: [8, '13:40'], title: 'Бывший глава КНБ Карим Масимов задержан по подозрению в госизмене', lead: 'Комитет национальной безопасности сообщил, что Масимов задержан 6 января в рамках досудебного расследования дела о государственной измене.' },
      { outlet: 'wire', at: [8, '14:05'], title: 'Former Kazakh security chief Massimov detained on suspicion of treason', lead: 'The National Security Committee said Karim Massimov, dismissed as its chairman on Wednesday, was detained on Jan. 6 as part of a high treason investigation.' },
      { outlet: 'dala', at: [8, '14:30'], title: 'Кәрім Мәсімов ұсталды', lead: 'Ұлттық қауіпсіздік комитеті ведомствоның бұрынғы төрағасы Кәрім Мәсімовтың мемлекетке опасыздық жасады деген күдікпен 6 қаңтарда ұсталғанын хабарлады.' },
      { outlet: 'orda', at: [8, '14:50'], title: 'Масимова задержали ещё 6 января — КНБ', lead: 'Экс-председатель КНБ Карим Масимов находится под стражей по делу о госизмене, сообщило ведомство.' },
    ],
  },
  {
    id: 'internet-partly-back',
    reports: [
      { outlet: 'orda', at: [9, '16:00'], title: 'В Алматы заработал интернет, но не везде', lead: 'После четырёх дней блокировки в Казахстане частично восстановили доступ к сети: мобильный интернет в Алматы работает с перебоями.' },
    ],
  },
  {
    id: 'attempted-coup',
    reports: [
      { outlet: 'vestnik', at: [10, '11:10'], title: 'Токаев назвал январские события попыткой госпереворота', lead: 'Выступая на онлайн-саммите ОДКБ в день общенационального траура, президент заявил, что беспорядки координировались из единого центра.' },
      { outlet: 'caspian', at: [10, '11:30'], title: 'Tokayev calls unrest an attempted coup on day of mourning', lead: 'Speaking at an online summit of the CSTO as the country mourned the dead, Tokayev said the riots had been an attempted coup d\'etat coordinated from a single centre.' },
    ],
  },
  {
    id: 'csto-withdrawal',
    reports: [
      { outlet: 'vestnik', at: [11, '11:30'], title: 'Токаев объявил о выводе сил ОДКБ через два дня', lead: 'Миссия миротворцев успешно завершена, заявил президент на заседании мажилиса; вывод контингента начнётся 13 января и займёт не более десяти дней.' },
      { outlet: 'nomad', at: [11, '11:50'], title: 'CSTO troops will start leaving in two days, Tokayev says', lead: 'Addressing the Mazhilis, Tokayev said the main mission of the CSTO contingent had been completed; the withdrawal would begin on Jan. 13 and take no more than ten days.' },
    ],
  },
  {
    id: 'smailov-confirmed',
    reports: [
      { outlet: 'vestnik', at: [11, '12:15'], title: 'Мажилис утвердил Алихана Смаилова премьер-министром', lead: 'За кандидатуру, которую внёс президент Касым-Жомарт Токаев, проголосовали депутаты нижней палаты парламента. Смаилов исполнял обязанности премьера с 5 января.' },
      { outlet: 'wire', at: [11, '12:40'], title: 'Parliament confirms Alikhan Smailov as prime minister', lead: "The Mazhilis approved Smailov, acting premier since the government's resignation on Jan. 5, after Tokayev put his name forward." },
      { outlet: 'dala', at: [11, '13:00'], title: 'Әлихан Смайылов Премьер-Министр болып бекітілді', lead: 'Мәжіліс депутаттары Президент Қасым-Жомарт Тоқаев ұсынған кандидатураны қолдап, Әлихан Смайыловты Үкімет басшысы қызметіне келісім берді.' },
    ],
  },
];
