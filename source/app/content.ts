// What the product knows, loaded once: the checks, the questionnaires, and one catalog of controls
// (checks and questionnaire rules) that the planner reads remediation, effort and owners from.

import { ALL_CHECKS } from '../../checks/index.js';
import type { Check, ControlMeta } from '../model/check.js';
import type { ControlCatalog } from '../plan/types.js';
import { loadQuestionnaires } from '../questionnaire/load.js';
import { ruleCatalog } from '../questionnaire/evaluate.js';
import type { Questionnaire } from '../questionnaire/types.js';

export interface Content {
  checks: readonly Check[];
  questionnaires: Questionnaire[];
  catalog: ControlCatalog;
}

export async function loadContent(): Promise<Content> {
  const questionnaires = await loadQuestionnaires();
  return contentFrom(ALL_CHECKS, questionnaires);
}

export function contentFrom(checks: readonly Check[], questionnaires: Questionnaire[]): Content {
  const controls: ControlMeta[] = [...checks, ...ruleCatalog(questionnaires)];
  return { checks, questionnaires, catalog: new Map(controls.map((c) => [c.id, c])) };
}
