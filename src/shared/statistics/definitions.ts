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
