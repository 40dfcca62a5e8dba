/**
 * Reports of separate events in Kazakhstan and its region, written by hand the way wire services and local
 * outlets put them: each is its own story (none shares its event with another), and each has a phrase of its
 * title (`marker`) found in any alert that shows it.
 */
export interface RegionalReport {
  title: string;
  marker: string;
  description: string;
}

export const regionalReports: RegionalReport[] = [
  {
    title: 'Tokayev signs decree creating a water resources ministry',
    marker: 'water resources ministry',
    description: 'The new ministry takes over irrigation and transboundary river talks from the agriculture ministry.',
  },
  {
    title: 'Almaty metro extension to Kalkaman opens two new stations',
    marker: 'metro extension to Kalkaman',
    description: 'City officials said the line now carries passengers to the western districts.',
  },
  {
    title: 'Kazakhstan’s central bank holds base rate at 14.25%',
    marker: 'holds base rate',
    description: 'The National Bank of Kazakhstan cited persistent food inflation in its decision.',
  },
  {
    title: 'Floods force evacuation of villages in Kazakhstan’s Aktobe region',
    marker: 'villages in Kazakhstan’s Aktobe region',
    description: 'Meltwater overwhelmed dams on the Ilek river, emergency officials said.',
  },
  {
    title: 'Astana court sentences former deputy minister in bribery case',
    marker: 'former deputy minister in bribery case',
    description: 'The court gave the official nine years for taking bribes over road contracts.',
  },
  {
    title: 'Kazakh wheat exports to China reach record volume',
    marker: 'wheat exports to China',
    description: 'Grain shipments through the Dostyk crossing rose by a third over the season.',
  },
  {
    title: 'Tengiz oil field output cut after power outage, Chevron says',
    marker: 'Tengiz oil field output cut',
    description: 'Production at the field in western Kazakhstan was reduced while the grid was repaired.',
  },
  {
    title: 'Kazakhstan and Uzbekistan agree joint management of the Syr Darya',
    marker: 'joint management of the Syr Darya',
    description: 'Ministers signed a water-sharing memorandum in Tashkent.',
  },
  {
    title: 'Baikonur: Soyuz rocket delivers crew to the space station',
    marker: 'Soyuz rocket delivers crew',
    description: 'The launch from the cosmodrome in Kazakhstan went as planned, Roscosmos said.',
  },
  {
    title: 'Miners in Kazakhstan’s Karaganda region end strike after pay deal',
    marker: 'Karaganda region end strike',
    description: 'The union said wages will rise by a fifth from next month.',
  },
  {
    title: 'Shymkent refinery completes modernisation, raising fuel output',
    marker: 'Shymkent refinery completes modernisation',
    description: 'The plant can now make fuel to the Euro-5 standard.',
  },
  {
    title: 'Kazakhstan lifts ban on exports of cattle after foot-and-mouth all-clear',
    marker: 'ban on exports of cattle',
    description: 'Veterinary inspectors found no new cases in the northern regions.',
  },
];
