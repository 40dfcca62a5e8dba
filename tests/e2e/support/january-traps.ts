import type { Report } from './january-outlets.js';

/**
 * Items no subscriber should get: off-topic news, and homonyms of watched names (the cycling team that
 * carries the capital's and the country's names, Azerbaijan's Kazakh district, the writer Mamin-Sibiryak).
 */
export const traps: Report[] = [
  { outlet: 'caspian', at: [5, '10:00'], title: 'Astana Qazaqstan Team confirms Nibali for his final season', lead: 'The Italian climber returns to the squad with which he won the Tour de France in 2014; the riders are at a training camp in Spain.' },
  { outlet: 'vestnik', at: [6, '16:20'], title: 'Велокоманда «Астана Казахстан» провела первый сбор сезона', lead: 'Гонщики команды тренировались в Испании, готовясь к первым многодневкам; спортивный директор назвал состав на весенние классики.' },
  { outlet: 'wire', at: [7, '09:30'], title: "Snow cuts off villages in Azerbaijan's Kazakh district", lead: 'Roads to several villages near the town of Gazakh, close to the border with Georgia, were closed after a night of heavy snow.' },
  { outlet: 'vestnik', at: [8, '10:00'], title: 'В Екатеринбурге открылась выставка к юбилею Мамина-Сибиряка', lead: 'В доме-музее писателя показали рукописи «Приваловских миллионов» и письма уральским издателям.' },
  { outlet: 'nomad', at: [6, '13:00'], title: 'Storm brings record rainfall to northern Portugal', lead: 'Rivers burst their banks in the Minho valley and schools in Braga stayed closed.' },
  { outlet: 'dala', at: [9, '10:00'], title: 'Жапонияда күшті жер сілкінісі болды', lead: 'Сейсмологтардың айтуынша, дүмпу Хоккайдо аралының оңтүстігінде тіркелді, цунами қаупі жоқ.' },
  { outlet: 'dala', at: [10, '15:00'], title: 'Норвегия құрамасы хоккейден әлем чемпионатына жолдама алды', lead: 'Норвегиялық хоккейшілер іріктеудің соңғы ойынында Словенияны 3:1 есебімен жеңді.' },
];

/** In the feeds before the bot starts: its first poll records them and alerts none (FEED_BACKFILL_ITEMS=0). */
export const backlog: Report[] = [
  { outlet: 'wire', at: [1, '10:00'], title: 'LPG price cap lifted in Kazakhstan from New Year', lead: 'Gas stations in Mangystau raised the price of liquefied gas as the state cap on it expired on 1 January.' },
  { outlet: 'vestnik', at: [2, '11:00'], title: 'В Жанаозене жители вышли на площадь из-за цен на газ', lead: 'Жители нефтяного города требуют вернуть прежнюю цену на сжиженный газ, выросшую почти вдвое.' },
  { outlet: 'dala', at: [2, '12:00'], title: 'Жаңаөзенде газ бағасына наразылық басталды', lead: 'Тұрғындар сұйытылған газдың бағасын төмендетуді талап етіп, алаңға шықты.' },
  { outlet: 'nomad', at: [1, '15:00'], title: 'Lisbon fireworks draw record crowds', lead: 'Half a million people watched the display over the Tagus.' },
  { outlet: 'caspian', at: [2, '09:00'], title: 'Caspian sturgeon quotas kept for another year', lead: 'The five Caspian states agreed to keep the moratorium on commercial catches.' },
  { outlet: 'orda', at: [2, '18:00'], title: 'Жанаозенцы провели на площади вторую ночь', lead: 'Протестующие не расходятся и после заявления правительственной комиссии.' },
  { outlet: 'orda', at: [3, '09:00'], title: 'Цены на сжиженный газ в Мангистау снизят до 50 тенге', lead: 'Правительственная комиссия пообещала вернуть цену на сжиженный газ в регионе.' },
];

