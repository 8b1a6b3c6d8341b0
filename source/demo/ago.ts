// Demo dates are measured back from the day the demo runs, so the estate reads the same on any day.

import { addDays } from '../util/dates.js';

/** ISO time `days` before `asOf` (negative days are in the future, for expiry dates). */
export type Ago = (days: number) => string;

export const agoFrom =
  (asOf: Date): Ago =>
  (days) =>
    addDays(asOf, -days).toISOString();
