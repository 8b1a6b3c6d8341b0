// The latest run's findings plus the current answers, planned: what Results, Plan and Export show.

import { useEffect, useState } from 'react';
import { assessLatestRun } from '../app/assess.js';
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
    cachedAssessment(session, nav.dataVersion).then((next) => live && setState(next));
    return () => {
      live = false;
    };
  }, [session, nav.dataVersion]);
  return state;
}

// Results, Plan and Export each show the same assessment: read the findings file and plan once per
// run and change of answers, not once per screen visit.
const cache = new WeakMap<Session, { key: string; result: Promise<AssessmentState> }>();

function cachedAssessment(session: Session, dataVersion: number): Promise<AssessmentState> {
  const key = `${session.workspace.latestRun()?.id ?? 'none'}|${dataVersion}`;
  const hit = cache.get(session);
  if (hit?.key === key) return hit.result;
  const result = loadAssessment(session);
  cache.set(session, { key, result });
  return result;
}

async function loadAssessment(session: Session): Promise<AssessmentState> {
  try {
    const latest = await assessLatestRun(session.workspace, session.content, session.now().toISOString());
    return latest ? { status: 'ready', ...latest } : { status: 'no-run' };
  } catch (error) {
    return { status: 'error', message: error instanceof InputError ? error.describe() : String(error) };
  }
}
