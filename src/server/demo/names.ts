/**
 * Name and place lists for the fictional municipality. Everything here is invented or common
 * enough to identify nobody; contact details use reserved domains and numbers that cannot reach
 * a real person.
 */

export const GIRL_NAMES = [
  'Alice',
  'Maja',
  'Vera',
  'Elsa',
  'Astrid',
  'Wilma',
  'Freja',
  'Ella',
  'Alma',
  'Selma',
  'Olivia',
  'Ebba',
  'Signe',
  'Saga',
  'Agnes',
  'Ellen',
  'Stella',
  'Clara',
  'Lilly',
  'Juni',
  'Nora',
  'Ines',
  'Leah',
  'Tyra',
  'Elvira',
  'Greta',
  'Hedda',
  'Liv',
  'Meja',
  'Sara',
  'Emma',
  'Julia',
  'Amira',
  'Hanna',
  'Ida',
  'Linnea',
  'Matilda',
  'Moa',
  'Sofia',
  'Iris',
] as const;

export const BOY_NAMES = [
  'Lucas',
  'William',
  'Hugo',
  'Liam',
  'Oscar',
  'Elias',
  'Noah',
  'Adam',
  'Matteo',
  'Vincent',
  'Alexander',
  'Charlie',
  'Leo',
  'Nils',
  'Theo',
  'Ludvig',
  'Olle',
  'Gustav',
  'Arvid',
  'Axel',
  'Isak',
  'Viktor',
  'Edvin',
  'Alfred',
  'Sam',
  'Albin',
  'Melvin',
  'Ali',
  'Omar',
  'Jonathan',
  'Malte',
  'Sixten',
  'Filip',
  'Emil',
  'Anton',
  'Ebbe',
  'Harry',
  'Kevin',
  'Mohammed',
  'Otto',
] as const;

export const WOMEN_NAMES = [
  'Anna',
  'Eva',
  'Maria',
  'Karin',
  'Sara',
  'Lena',
  'Kristina',
  'Emma',
  'Malin',
  'Jenny',
  'Sofia',
  'Linda',
  'Jessica',
  'Hanna',
  'Elin',
  'Camilla',
  'Johanna',
  'Sandra',
  'Therese',
  'Fatima',
  'Ida',
  'Helena',
  'Caroline',
  'Frida',
  'Louise',
] as const;

export const MEN_NAMES = [
  'Anders',
  'Johan',
  'Mikael',
  'Erik',
  'Per',
  'Lars',
  'Karl',
  'Peter',
  'Thomas',
  'Daniel',
  'Fredrik',
  'Magnus',
  'Jonas',
  'Andreas',
  'Mattias',
  'Martin',
  'Niklas',
  'Henrik',
  'Stefan',
  'Marcus',
  'Ahmed',
  'Tobias',
  'Patrik',
  'Joakim',
  'Robert',
] as const;

export const FAMILY_NAMES = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Jansson',
  'Hansson',
  'Bengtsson',
  'Jönsson',
  'Lindberg',
  'Jakobsson',
  'Magnusson',
  'Lindström',
  'Olofsson',
  'Lindqvist',
  'Lindgren',
  'Berg',
  'Axelsson',
  'Bergström',
  'Lundberg',
  'Lind',
  'Lundgren',
  'Lundqvist',
  'Mattsson',
  'Berglund',
  'Fredriksson',
  'Sandberg',
  'Henriksson',
  'Ali',
  'Mohammed',
  'Forsberg',
  'Sjöberg',
  'Wallin',
  'Engström',
  'Eklund',
  'Danielsson',
  'Lundin',
  'Håkansson',
  'Björk',
  'Bergman',
  'Gunnarsson',
  'Holm',
  'Wikström',
  'Samuelsson',
  'Isaksson',
  'Fransson',
  'Bergqvist',
  'Nyström',
  'Holmberg',
  'Arvidsson',
  'Löfgren',
  'Söderberg',
  'Nyberg',
  'Hosseini',
  'Yilmaz',
  'Nguyen',
  'Kowalski',
  'Hassan',
  'Abdi',
  'Novak',
  'Virtanen',
] as const;

/** A municipality a pupil's family may be registered in (folkbokförd). */
export interface Municipality {
  code: number;
  countyCode: number;
  locality: string;
  postalPrefix: string;
  streets: readonly string[];
}

/** Exempelkommun itself: code 1999 is not a real municipality code. */
export const HOME_MUNICIPALITY: Municipality = {
  code: 1999,
  countyCode: 19,
  locality: 'Exempelstad',
  postalPrefix: '199 3',
  streets: [
    'Storgatan',
    'Kyrkogatan',
    'Skolgatan',
    'Björkvägen',
    'Tallvägen',
    'Granvägen',
    'Ekvägen',
    'Lönnvägen',
    'Ängsvägen',
    'Solrosvägen',
    'Hagvägen',
    'Parkgatan',
    'Järnvägsgatan',
    'Åsgatan',
    'Källvägen',
    'Bäckvägen',
    'Lärkvägen',
    'Svalvägen',
    'Trastvägen',
    'Mossvägen',
  ],
};

/** Neighbouring municipalities: pupils living there attend Exempelkommun's schools. */
export const OTHER_MUNICIPALITIES: readonly Municipality[] = [
  {
    code: 1880,
    countyCode: 18,
    locality: 'Örebro',
    postalPrefix: '702 1',
    streets: ['Drottninggatan', 'Fabriksgatan', 'Rudbecksgatan'],
  },
  { code: 1884, countyCode: 18, locality: 'Nora', postalPrefix: '713 3', streets: ['Prästgatan', 'Rådstugugatan'] },
];

/** Lower-case ASCII form of a name for e-mail local parts ('Jönsson' → 'jonsson'). */
export function asciiSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * A fictitious mobile number. 070-174 06 05 … 070-174 06 99 is the series Swedish regulator PTS
 * reserves for use in fiction, so demo messages can never reach a real subscriber; numbers repeat.
 */
export function fictionalMobile(n: number): string {
  return `070-174 06 ${String(5 + (n % 95)).padStart(2, '0')}`;
}

/** Domain for demo e-mail addresses: the reserved `.example` TLD, never deliverable. */
export const MAIL_DOMAIN = 'exempelkommun.example';
