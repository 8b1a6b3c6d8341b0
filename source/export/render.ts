// One entry for every plan format, shared by `soc2-ready plan` and the Export screen.

import type { Plan } from '../plan/types.js';
import { planToCsv } from './csv.js';
import { planToHtml } from './html.js';
import { planToMarkdown } from './markdown.js';
import { planToOscalPoam } from './oscal-poam.js';

export const PLAN_FORMATS = ['md', 'csv', 'json', 'html', 'oscal'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

/** What each format is for, in the user's words, and the file name offered for it. */
export const FORMAT_INFO: Record<PlanFormat, { label: string; file: string }> = {
  md: { label: 'Markdown: for a wiki, a ticket or an email', file: 'soc2-plan.md' },
  csv: { label: 'CSV: a spreadsheet or a Jira import', file: 'soc2-plan.csv' },
  json: { label: 'JSON: for scripts', file: 'soc2-plan.json' },
  html: { label: 'HTML: one page to open in a browser, share or print', file: 'soc2-plan.html' },
  oscal: { label: 'OSCAL POA&M (JSON): for GRC tools and auditors', file: 'soc2-poam.json' },
};

export interface ExportAbout {
  /** Where the findings came from, in words: a run label or the demo estate. */
  source: string;
  generatedAt: Date;
  /** A stable key for the assessed estate (the workspace), so POA&M uuids stay put across exports. */
  organisation: string;
}

export function renderPlan(plan: Plan, format: PlanFormat, about: ExportAbout): string {
  switch (format) {
    case 'md':
      return planToMarkdown(plan, about);
    case 'json':
      return `${JSON.stringify(plan, null, 2)}\n`;
    case 'csv':
      return planToCsv(plan);
    case 'html':
      return planToHtml(plan, about);
    case 'oscal':
      return planToOscalPoam(plan, about);
  }
}
