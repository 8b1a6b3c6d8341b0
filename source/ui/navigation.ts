// Which screen is showing, and the order of the guided flow. Kept apart from the screens so each
// screen only says "next" or "back" and the app decides where that goes.

import { createContext, useContext } from 'react';

export type ScreenName =
  'home' | 'scope' | 'connect' | 'scan' | 'questionnaire' | 'results' | 'plan' | 'compare' | 'export';

/** A new assessment walks these in order; every other visit returns home. */
export const GUIDED_FLOW: readonly ScreenName[] = [
  'scope',
  'connect',
  'scan',
  'questionnaire',
  'results',
  'plan',
  'export',
];

export interface NavState {
  screen: ScreenName;
  guided: boolean;
  /** Bumped when answers or runs change, so screens re-read what they show. */
  dataVersion: number;
}

export type NavAction =
  | { type: 'go'; screen: ScreenName; guided?: boolean }
  | { type: 'next' }
  | { type: 'home' }
  | { type: 'changed' };

export function navReducer(state: NavState, action: NavAction): NavState {
  switch (action.type) {
    case 'go':
      return { ...state, screen: action.screen, guided: action.guided ?? false };
    case 'next': {
      if (!state.guided) return { ...state, screen: 'home' };
      const at = GUIDED_FLOW.indexOf(state.screen);
      const next = GUIDED_FLOW[at + 1];
      return next ? { ...state, screen: next } : { ...state, screen: 'home', guided: false };
    }
    case 'home':
      return { ...state, screen: 'home', guided: false };
    case 'changed':
      return { ...state, dataVersion: state.dataVersion + 1 };
  }
}

export interface Navigation {
  state: NavState;
  go: (screen: ScreenName, guided?: boolean) => void;
  next: () => void;
  home: () => void;
  changed: () => void;
}

export const NavigationContext = createContext<Navigation | null>(null);

export function useNavigation(): Navigation {
  const nav = useContext(NavigationContext);
  if (!nav) throw new Error('useNavigation outside NavigationContext');
  return nav;
}
