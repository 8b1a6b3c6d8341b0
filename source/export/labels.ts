// Words the exports and screens share, so a category or phase reads the same everywhere.

import { CATEGORIES, type Category } from '../model/criteria.js';
import type { Phase } from '../plan/types.js';

export function categoryTitle(category: Category): string {
  return CATEGORIES.find((c) => c.id === category)?.title ?? category;
}

/** How many affected resources a gap lists before "and N more", in every export. */
export const MAX_RESOURCES_LISTED = 15;

export const PHASE_TITLES: Record<Phase, string> = {
  '0-30': 'Days 0-30',
  '31-60': 'Days 31-60',
  '61-90': 'Days 61-90',
  'after-90': 'After day 90',
};

export function hours(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(1)} h`;
}

/** A change in points: `+4`, `-2`, `0`. */
export function signed(change: number): string {
  return change > 0 ? `+${change}` : String(change);
}
