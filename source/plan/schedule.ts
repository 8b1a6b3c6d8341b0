// Lays ordered gaps end to end on the team's capacity and reads off the phase each one finishes in.

import type { Phase } from './types.js';

export interface Slot {
  startDay: number | null;
  finishDay: number | null;
  phase: Phase;
}

export function phaseOf(finishDay: number | null): Phase {
  if (finishDay === null || finishDay > 90) return 'after-90';
  if (finishDay <= 30) return '0-30';
  if (finishDay <= 60) return '31-60';
  return '61-90';
}

export function scheduleHours(efforts: readonly number[], hoursPerWeek: number): Slot[] {
  const hoursPerDay = hoursPerWeek / 7;
  let used = 0;
  return efforts.map((hours) => {
    if (hoursPerDay <= 0) return { startDay: null, finishDay: null, phase: 'after-90' };
    const startDay = Math.floor(used / hoursPerDay);
    used += hours;
    const finishDay = Math.max(1, Math.ceil(used / hoursPerDay - 1e-9));
    return { startDay, finishDay, phase: phaseOf(finishDay) };
  });
}
