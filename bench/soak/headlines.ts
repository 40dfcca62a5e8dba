/**
 * Headlines for the soak's feeds, in the shapes real outlets use ("X says Y", "Place: what happened", a
 * number in the lead), from hand-picked parts. Half name Kazakh places, people or bodies (what a Kazakh
 * outlet's feed looks like); the other half name nothing the topic pack watches. Deterministic: item `n`
 * always reads the same, and the parts are varied enough that two feeds rarely tell the same story.
 */
const PLACES = ['Almaty', 'Astana', 'Zhanaozen', 'Kazakhstan\'s Atyrau', 'Karaganda, Kazakhstan', 'Kazakh city of Shymkent', 'Almaty region', 'Kazakhstan'];
const ACTORS = ['Tokayev', 'Smailov', 'Kazakhstan\'s Senate', 'Kazakhstan\'s central bank', 'the KNB', 'Kazakh prosecutors', 'Astana', 'Kazakhstan\'s Security Council'];
const DEEDS = [
  'approves a rise in fuel prices', 'opens talks on a new rail corridor', 'delays the vote on pension reform', 'signs a water-sharing accord',
  'orders checks at grain terminals', 'fines a mobile operator over outages', 'bans protests near the akimat', 'cuts its uranium output forecast',
  'names a new regional governor', 'promises compensation to flood victims', 'raises the minimum wage', 'blocks a media outlet\'s website',
  'sends a bill on lobbying back to committee', 'sues a Chinese copper miner over tailings', 'halts exports of sunflower seeds',
  'freezes the assets of a former deputy minister', 'drops charges against two bloggers', 'extends the state of emergency by a week',
  'puts a ceiling on bread prices until spring', 'recalls its ambassador for consultations', 'opens an inquiry into a hospital fire',
  'sells a stake in the national airline', 'awards a motorway contract to a Turkish builder', 'restores mobile internet after a day-long cut',
];
const LOCAL = [
  'hundreds queue for liquefied gas as prices double', 'city court jails activist for 15 days', 'heating plant fails in sub-zero cold',
  'teachers stage rare strike over pay', 'bus fares rise for the first time in five years', 'police detain dozens after rally in central square',
  'miners refuse to surface after fatal blast', 'new airport terminal opens after delays', 'residents protest planned coal plant',
  'smog keeps schools shut for a third day', 'tram drivers walk out over unpaid overtime', 'flash floods cut off three villages',
  'landlords raise rents as students return', 'hospital runs short of insulin', 'metro extension delayed to next year',
  'market traders block road over new tax', 'power cut leaves districts dark for hours', 'water pipes burst across the old town',
];
const ELSEWHERE = [
  'Lisbon', 'Ohio', 'Bavaria', 'Queensland', 'Lyon', 'Manitoba', 'Seville', 'Osaka', 'Cape Town', 'Galway', 'Porto Alegre', 'Tasmania',
];
const OTHER_NEWS = [
  'late penalty settles a tense derby', 'council approves a new cycle lane', 'heavy snow closes mountain passes', 'museum returns looted bronzes',
  'record crowd watches marathon', 'storm knocks out power to thousands', 'bakery chain recalls bread over labelling', 'zoo welcomes twin panda cubs',
  'ferry strike strands holidaymakers', 'wildfire forces evacuation of hillside homes', 'tech firm cuts 400 jobs', 'new tram line opens ahead of schedule',
];
const LEADS = [
  'Officials gave few details.', 'The ministry said talks would continue next week.', 'Critics called the move rushed.', 'A spokesman declined to comment.',
  'Local media reported long queues.', 'The decision follows months of debate.', 'Residents gathered outside the building.', 'Analysts expect further changes.',
];

function pick<T>(list: readonly T[], n: number): T {
  return list[Math.abs(Math.imul(n ^ (n >>> 11), 2654435761)) % list.length]!;
}

export interface SoakItem {
  title: string;
  description: string;
  relevant: boolean;
}

/** Item number `n` (unique across feeds and rounds): even numbers are about Kazakhstan, odd ones are not. */
export function soakItem(n: number): SoakItem {
  const relevant = n % 2 === 0;
  const count = (n % 900) + 12;
  let title: string;
  if (relevant) {
    const shape = Math.floor(n / 2) % 3;
    if (shape === 0) title = `${pick(ACTORS, n)} ${pick(DEEDS, n + 3)}`;
    else if (shape === 1) title = `${pick(PLACES, n)}: ${pick(LOCAL, n + 5)}`;
    else title = `In ${pick(PLACES, n + 1)}, ${pick(LOCAL, n + 7)}, ${pick(ACTORS, n + 2)} says`;
  } else {
    title = `${pick(ELSEWHERE, n)}: ${pick(OTHER_NEWS, n + 5)}`;
  }
  const lead = `${count} people were affected, according to early reports. ${pick(LEADS, n)} ${pick(LEADS, n + 13)}`;
  return { title, description: lead, relevant };
}
