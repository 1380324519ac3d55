/** The definition shown beside each figure (Swedish, for the UI, CSV and the board report). */
export const STATISTICS_DEFINITIONS = {
  scheduled:
    'Schemalagd undervisningstid i minuter (lektioner enligt schemat, inställda lektioner och lov borträknade).',
  known: 'Schemalagd tid där närvaron är känd (kvitterad lektion eller importerad närvaro).',
  absentRate: 'Frånvaro = (giltig + ogiltig frånvaro) / känd tid. Okänd tid räknas aldrig som närvaro eller frånvaro.',
  validRate: 'Giltig (anmäld eller beviljad) frånvaro / känd tid.',
  invalidRate: 'Ogiltig frånvaro / känd tid.',
  coverage: 'Täckning = känd tid / schemalagd tid. Under lägsta täckning markeras talet som osäkert.',
  pupils: 'Elever med schemalagd tid i perioden (en elev som bytt skolenhet räknas i båda).',
  bands:
    'Elever per frånvaronivå utifrån elevens egen frånvaro i perioden; nedre gränsen ingår (exakt 5 % hör till 5–10 %).',
  aboveListShare: 'Elever vars frånvaro i perioden är högre än den valda andelen (t.ex. mer än 50 %).',
  ladderSteps: 'Elever per steg i närvarotrappan enligt senaste utvärderingen.',
  withoutMeasure:
    'Elever på ett steg utan pågående åtgärd (ingen öppen uppgift och ingen avslutad de senaste 28 dagarna).',
  previous: 'Samma period ett år tidigare.',
  suppressed: 'Celler med färre än 5 elever döljs, liksom de celler som annars skulle kunna räknas fram ur summorna.',
} as const;

/**
 * What each case and message figure of the organiser view and the board report counts, printed
 * beside the figure in both (issue 16: "försenade 66" beside "inledda 18" needs its definition).
 * The counts follow these words (modules/statistics/organiser-activity.ts).
 */
export const ACTIVITY_DEFINITIONS = {
  investigationsOpened: 'Utredningar av frånvaro (7 kap. 19 a § skollagen) som inleddes i perioden.',
  investigationsClosed: 'Utredningar som slutfördes i perioden, oavsett när de inleddes.',
  investigationsOverdue:
    'Utredningar som vid periodens sista dag fortfarande var öppna och hade passerat sin sista dag, oavsett när de inleddes (även före perioden). En försenad utredning räknas i varje period tills den är slutförd.',
  noticesReceived:
    'Anmälningar till huvudmannen om utredningar som inleddes i perioden (inte kopiorna till hemkommunen), daterade med utredningens startdag. Samma tal som inkorgen visar för perioden.',
  guardianMessagesWritten: 'Meddelanden till vårdnadshavare som skapades i perioden och inte återkallades.',
  guardianMessagesSent: 'De av dem som levererades med minst en kanal (sms eller e-post).',
} as const;
