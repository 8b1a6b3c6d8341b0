// The latest run's findings plus the current answers, planned: what Results, Plan and Export show.

import { useEffect, useState } from 'react';
import { assess } from '../app/assess.js';
import type { Finding } from '../model/finding.js';
import type { Plan } from '../plan/types.js';
import type { RunRecord } from '../store/workspace-data.js';
import { InputError } from '../util/errors.js';
import { useNavigation } from './navigation.js';
import { useSession, type Session } from './session.js';

export type AssessmentState =
  | { status: 'loading' }
  | { status: 'no-run' }
  | { status: 'error'; message: string }
  | { status: 'ready'; run: RunRecord; findings: Finding[]; plan: Plan };

export function useAssessment(): AssessmentState {
  const session = useSession();
  const { state: nav } = useNavigation();
  const [state, setState] = useState<AssessmentState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    loadAssessment(session).then((next) => live && setState(next));
    return () => {
      live = false;
    };
  }, [session, nav.dataVersion]);
  return state;
}

async function loadAssessment(session: Session): Promise<AssessmentState> {
  const run = session.workspace.latestRun();
  if (!run) return { status: 'no-run' };
  try {
    const { findings, plan } = assess({
      content: session.content,
      checkFindings: await session.workspace.loadFindings(run),
      answers: session.workspace.answers,
      categories: session.workspace.data.scope.categories,
      asOf: session.now().toISOString(),
    });
    return { status: 'ready', run, findings, plan };
  } catch (error) {
    return { status: 'error', message: error instanceof InputError ? error.describe() : String(error) };
  }
}
