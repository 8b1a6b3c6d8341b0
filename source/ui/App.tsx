// The app only picks the screen; state that screens share lives in the workspace (answers, runs) and
// in the navigation reducer. `q` leaves from anywhere except while typing; Ctrl-C always does.

import { Box, useApp, useInput } from 'ink';
import { useCallback, useMemo, useReducer, useRef, useState } from 'react';
import type { ScanProgress } from '../app/scan.js';
import { Header } from './components/Header.js';
import { navReducer, NavigationContext, type Navigation, type ScreenName } from './navigation.js';
import { Compare } from './screens/Compare.js';
import { Connect } from './screens/Connect.js';
import { Export } from './screens/Export.js';
import { Home } from './screens/Home.js';
import { PlanView } from './screens/PlanView.js';
import { Questionnaire } from './screens/Questionnaire.js';
import { Results } from './screens/Results.js';
import { Scan } from './screens/Scan.js';
import { Scope } from './screens/Scope.js';
import { ScanLog, ScanLogContext } from './scan-log.js';
import { SessionContext, type Session } from './session.js';
import { TypingContext } from './typing.js';

const TITLES: Record<ScreenName, string> = {
  home: 'Home',
  scope: 'Scope',
  connect: 'Connect',
  scan: 'Scan',
  questionnaire: 'Questionnaire',
  results: 'Results',
  plan: 'Plan',
  compare: 'Compare runs',
  export: 'Export',
};

export function App({ session, initialScreen = 'home' }: { session: Session; initialScreen?: ScreenName }) {
  const { exit } = useApp();
  const [state, dispatch] = useReducer(navReducer, { screen: initialScreen, guided: false, dataVersion: 0 });
  const [scanLines, setScanLines] = useState<ScanProgress[]>([]);
  const appendScanLine = useCallback((line: ScanProgress) => setScanLines((lines) => [...lines, line]), []);
  const typing = useRef(false);
  const setTyping = useCallback((value: boolean) => {
    typing.current = value;
  }, []);
  const nav = useMemo<Navigation>(
    () => ({
      state,
      go: (screen, guided) => dispatch({ type: 'go', screen, ...(guided !== undefined ? { guided } : {}) }),
      next: () => dispatch({ type: 'next' }),
      home: () => dispatch({ type: 'home' }),
      changed: () => dispatch({ type: 'changed' }),
    }),
    [state],
  );

  useInput((input) => {
    if (input === 'q' && !typing.current) exit();
  });

  return (
    <SessionContext.Provider value={session}>
      <NavigationContext.Provider value={nav}>
        <TypingContext.Provider value={setTyping}>
          <ScanLogContext.Provider value={appendScanLine}>
            <ScanLog lines={scanLines} />
            <Box flexDirection="column">
              <Header
                title={`${TITLES[state.screen]}${state.guided ? ' (new assessment)' : ''}`}
                detail={session.demo ? 'demo estate' : undefined}
              />
              <Screen name={state.screen} onQuit={exit} />
            </Box>
          </ScanLogContext.Provider>
        </TypingContext.Provider>
      </NavigationContext.Provider>
    </SessionContext.Provider>
  );
}

function Screen({ name, onQuit }: { name: ScreenName; onQuit: () => void }) {
  switch (name) {
    case 'home':
      return <Home onQuit={onQuit} />;
    case 'scope':
      return <Scope />;
    case 'connect':
      return <Connect />;
    case 'scan':
      return <Scan />;
    case 'questionnaire':
      return <Questionnaire />;
    case 'results':
      return <Results />;
    case 'plan':
      return <PlanView />;
    case 'compare':
      return <Compare />;
    case 'export':
      return <Export />;
  }
}
