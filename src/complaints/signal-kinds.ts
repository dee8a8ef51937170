/**
 * Kinds of signal a team adds risk words to, named and ordered as the
 * analyser's lexicon names them (its `SIGNAL_KINDS`), so a team's words map
 * one to one. The alarm kinds make a blocked sender's message a complaint
 * regardless. (Apart from the scanner so the console can import the list.)
 */
export const signalKinds = [
  'threat',
  'safety',
  'regulator',
  'media',
  'legal',
  'complaint',
  'demand',
  'refund',
  'fault',
  'service',
  'dissatisfaction',
] as const;
export type SignalKind = (typeof signalKinds)[number];

export const alarmSignalKinds: readonly SignalKind[] = ['regulator', 'media', 'legal', 'threat', 'safety'];
