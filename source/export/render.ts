// One entry for every plan format, shared by `soc2-ready plan` and the Export screen.

import type { PlanFormat } from '../cli/args.js';
import type { Plan } from '../plan/types.js';
import { planToCsv } from './csv.js';
import { planToMarkdown } from './markdown.js';

export function renderPlan(plan: Plan, format: PlanFormat, source: string): string {
  switch (format) {
    case 'md':
      return planToMarkdown(plan, { source });
    case 'json':
      return `${JSON.stringify(plan, null, 2)}\n`;
    case 'csv':
      return planToCsv(plan);
  }
}
