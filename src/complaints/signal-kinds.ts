/**
 * Kinds of risk signal a team adds words to. The first five are alarms: a
 * message carrying one is recorded as a complaint even from a blocked sender.
 * (Apart from the scanner so the console can import the list.)
 */
export const signalKinds = [
  'regulator',
  'media',
  'legal',
  'threat',
  'safety',
  'demand',
  'fault',
  'service',
] as const;
export type SignalKind = (typeof signalKinds)[number];

export const alarmSignalKinds: readonly SignalKind[] = ['regulator', 'media', 'legal', 'threat', 'safety'];
