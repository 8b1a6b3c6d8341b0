// The plan as one self-contained HTML page: what a compliance lead emails to the CFO, opens in a browser
// or prints. Inline CSS only, no scripts and no external resources, so it looks the same offline, in a
// mail client's preview and on paper. Same content as the Markdown export (markdown.ts).

import { criterion, type CriterionId } from '../model/criteria.js';
import type { Severity } from '../model/finding.js';
import { PHASES, type Gap, type GapResource, type Plan, type ReadinessFigures } from '../plan/types.js';
import { categoryTitle, hours, MAX_RESOURCES_LISTED, PHASE_TITLES } from './labels.js';

const TITLE = 'SOC 2 Type II readiness plan';

export function planToHtml(plan: Plan, about: { source: string }): string {
  const page = markup`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${TITLE} · ${plan.asOf}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<header>
<h1>${TITLE}</h1>
<p class="about">Assessed ${plan.asOf} · ${about.source} · In scope: ${plan.categories.map(categoryTitle).join(', ')}</p>
</header>
<main>
${readinessSection(plan)}
${summarySection(plan)}
${scheduleSection(plan)}
${gapsSection(plan)}
${unassessedSection(plan)}
</main>
</body>
</html>`;
  return `<!doctype html>\n${page.value}\n`;
}

// --- Sections -------------------------------------------------------------------------------------

function readinessSection(plan: Plan): Html {
  const { design, operating, operatingBasis } = plan.readiness;
  const header = markup`<tr><th scope="col">Measure</th><th scope="col" class="num">Overall</th>${plan.categories.map(
    (c) => markup`<th scope="col" class="num">${categoryTitle(c)}</th>`,
  )}</tr>`;
  const row = (label: string, figures: ReadinessFigures) => {
    const values = [figures.overall, ...plan.categories.map((c) => figures.categories[c] ?? 0)];
    return markup`<tr><th scope="row">${label}</th>${values.map((n) => markup`<td class="num">${n}%</td>`)}</tr>`;
  };
  const notAssessed =
    design.notAssessed.length > 0
      ? markup`${design.notAssessed.length} criteria not yet assessed: ${list(design.notAssessed.map(criterionRef))}.`
      : 'Every in-scope criterion has at least one assessed control.';
  return markup`<section id="readiness">
<h2>Readiness</h2>
${table(header, [
  row('Design: in place today', design),
  row(`Operating evidence since ${operatingBasis.since}`, operating),
])}
<p>${operatingBasis.explanation} Controls that could not be assessed count as not passing.</p>
<p>${notAssessed}</p>
</section>`;
}

function summarySection(plan: Plan): Html {
  const { capacity, reportDate, totals } = plan;
  const late = totals.byPhase['after-90'];
  const fit = plan.fitsIn90Days
    ? markup`Yes: all ${totals.gaps} gaps fit in 90 days at the team's capacity.`
    : markup`<strong class="warn">No: ${late.gaps} gaps (${hours(late.effortHours)}) do not fit in 90 days at the team's capacity.</strong> Add people, cut scope, or move the target date.`;
  const report = [
    reportDate.targetReportDate ? markup`target ${reportDate.targetReportDate}` : undefined,
    reportDate.earliestCredible
      ? markup`earliest credible <strong>${reportDate.earliestCredible}</strong>`
      : undefined,
    reportDate.slipDays !== undefined && reportDate.slipDays > 0
      ? markup`<strong class="warn">the target slips by ${reportDate.slipDays} days</strong>`
      : undefined,
  ].filter((part) => part !== undefined);
  return markup`<section id="summary">
<h2>Summary</h2>
<ul>
<li><strong>${totals.gaps} gaps, ${hours(totals.effortHours)} of remediation.</strong></li>
<li>Capacity: ${capacity.remediationFte} FTE on remediation, ${capacity.complianceFte} FTE on compliance: ${hours(capacity.hoursPerWeek)} a week, ${hours(capacity.hoursIn90Days)} in 90 days.</li>
<li>Fits in 90 days: ${fit}</li>
<li>Type II report: ${report.length > 0 ? markup`${list(report)}. ` : ''}${reportDate.explanation}</li>
<li>Findings: ${plan.counts.FAIL} failing, ${plan.counts.UNKNOWN} not assessed, ${plan.counts.PASS} passing.</li>
${capacity.assumptions.map((a) => markup`<li>Assumption: ${a}</li>\n`)}</ul>
</section>`;
}

function scheduleSection(plan: Plan): Html {
  const rows = PHASES.map((phase) => {
    const { gaps, effortHours } = plan.totals.byPhase[phase];
    return markup`<tr><th scope="row">${PHASE_TITLES[phase]}</th><td class="num">${gaps}</td><td class="num">${hours(effortHours)}</td></tr>`;
  });
  return markup`<section id="schedule">
<h2>90-day schedule</h2>
${table(headerRow(['Phase', 'Gaps', 'Effort']), rows)}
</section>`;
}

function gapsSection(plan: Plan): Html {
  if (plan.gaps.length === 0)
    return markup`<section id="gaps">\n<h2>Gaps</h2>\n<p>No failing controls.</p>\n</section>`;
  const numbers = new Map(plan.gaps.map((g, i) => [g.id, i + 1]));
  const rows = plan.gaps.map(
    (g, i) =>
      markup`<tr><td class="num">${i + 1}</td><th scope="row"><a href="#${anchor(g.id)}">${g.title}</a></th><td>${severityBadge(g.severity)}</td><td>${list(g.criteria.map(criterionRef))}</td><td>${g.owner}</td><td class="num">${hours(g.effortHours)}</td><td>${PHASE_TITLES[g.phase]}</td></tr>`,
  );
  return markup`<section id="gaps">
<h2>Gaps, in the order to work them</h2>
${table(headerRow(['#', 'Gap', 'Severity', 'Criteria', 'Owner', 'Effort', 'Phase']), rows)}
${plan.gaps.map((g, i) => gapDetail(g, i + 1, plan.gaps, numbers))}
</section>`;
}

function gapDetail(gap: Gap, n: number, gaps: readonly Gap[], numbers: ReadonlyMap<string, number>): Html {
  const days =
    gap.finishDay === null ? 'not schedulable at current capacity' : `days ${gap.startDay}-${gap.finishDay}`;
  const criteria = gap.criteria.map(
    (id) => markup`<span class="criterion">${id} ${criterion(id).title}</span>`,
  );
  const facts: [string, Part][] = [
    ['Criteria', criteria],
    ['Risk', gap.risk],
  ];
  if (gap.dependsOn.length > 0)
    facts.push(['After', list(gap.dependsOn.map((id) => dependencyLink(id, gaps, numbers)))]);
  if (gap.delaysReportByDays > 0)
    facts.push([
      'Report date',
      markup`<strong class="warn">Moves the earliest clean report by ${gap.delaysReportByDays} days</strong> (fixed after the window starts).`,
    ]);
  facts.push(['Fix', gap.remediation.summary], ['Evidence for the auditor', gap.evidence]);
  return markup`<article class="gap" id="${anchor(gap.id)}">
<h3>${n}. ${gap.title}</h3>
<p class="meta">${severityBadge(gap.severity)} · <code>${gap.id}</code> · ${gap.source === 'check' ? 'cloud check' : 'questionnaire'} · Owner: ${gap.owner} · ${hours(gap.effortHours)} · ${PHASE_TITLES[gap.phase]} (${days})</p>
<dl>
${facts.map(([term, value]) => markup`<dt>${term}</dt><dd>${value}</dd>\n`)}</dl>
${resourcesDetails(gap.resources)}
${snippetDetails(gap)}
</article>
`;
}

function unassessedSection(plan: Plan): Html | undefined {
  if (plan.unassessed.length === 0) return undefined;
  const rows = plan.unassessed.map(
    (u) =>
      markup`<tr><th scope="row">${u.title}</th><td>${severityBadge(u.severity)}</td><td>${list(u.criteria.map(criterionRef))}</td><td class="num">${u.resources.length}</td><td>${u.resources[0]?.reason ?? ''}</td></tr>`,
  );
  return markup`<section id="unassessed">
<h2>Not yet assessed</h2>
<p>These count as not passing until they are answered or can be read.</p>
${table(headerRow(['Control', 'Severity', 'Criteria', 'Items', 'Why']), rows)}
</section>`;
}

// --- Pieces ---------------------------------------------------------------------------------------

// The long parts of a gap sit in <details open>: a reader can fold them on screen, but they start open
// because a closed <details> prints closed, and without a script no browser-wide way opens it for print.
function resourcesDetails(resources: readonly GapResource[]): Html | undefined {
  if (resources.length === 0) return undefined;
  const listed = resources.slice(0, MAX_RESOURCES_LISTED).map((r) => {
    const where = [r.region, r.scopeId].filter(Boolean).join(', ');
    return markup`<li><code>${r.name ?? r.id}</code>${where ? ` (${where})` : ''}: ${r.reason}</li>\n`;
  });
  const more = resources.length - listed.length;
  return markup`<details open>
<summary>Affected (${resources.length})</summary>
<ul class="resources">
${listed}${more > 0 ? markup`<li class="more">and ${more} more</li>\n` : undefined}</ul>
</details>`;
}

function snippetDetails(gap: Gap): Html | undefined {
  const snippet = gap.remediation.snippet;
  if (!snippet) return undefined;
  // Nothing but the code inside <pre>: any whitespace there would show in the snippet.
  return markup`<details open>
<summary>Remediation (${snippet.language})</summary>
<pre><code class="language-${snippet.language}">${snippet.code}</code></pre>
</details>`;
}

/** A link to the gap this one waits for; plain text if that control is not a gap in this plan. */
function dependencyLink(id: string, gaps: readonly Gap[], numbers: ReadonlyMap<string, number>): Html {
  const n = numbers.get(id);
  const target = n === undefined ? undefined : gaps[n - 1];
  if (n === undefined || !target) return markup`<code>${id}</code>`;
  return markup`<a href="#${anchor(id)}">${n}. ${target.title}</a>`;
}

/** A fragment id from the control id (not the position), so a link into the page survives a re-run. */
function anchor(controlId: string): string {
  return `gap-${controlId.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

const SEVERITY_WORDS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** Colour and word together: the word carries the meaning in black-and-white print and for screen readers. */
function severityBadge(severity: Severity): Html {
  return markup`<span class="sev sev-${severity}">${SEVERITY_WORDS[severity]}</span>`;
}

function criterionRef(id: CriterionId): Html {
  return markup`<abbr title="${criterion(id).title}">${id}</abbr>`;
}

function list(items: readonly Part[]): Html {
  return markup`${items.map((item, i) => (i === 0 ? item : markup`, ${item}`))}`;
}

function headerRow(titles: readonly string[]): Html {
  return markup`<tr>${titles.map((title) => markup`<th scope="col">${title}</th>`)}</tr>`;
}

/** The wrapper lets a wide table scroll on a phone instead of widening the whole page. */
function table(header: Html, rows: readonly Html[]): Html {
  return markup`<div class="table"><table>
<thead>${header}</thead>
<tbody>
${rows.map((r) => markup`${r}\n`)}</tbody>
</table></div>`;
}

// --- Escaping -------------------------------------------------------------------------------------

/** Markup that is already safe. Anything else interpolated into `markup` is escaped, so no text is missed. */
class Html {
  constructor(readonly value: string) {}
}

type Part = Html | string | number | undefined | readonly Part[];

// Not named `html`: Prettier would reformat the templates as HTML and add whitespace, even inside <pre>.
function markup(literals: TemplateStringsArray, ...parts: Part[]): Html {
  return new Html(literals.reduce((out, literal, i) => out + literal + render(parts[i]), ''));
}

function render(part: Part): string {
  if (part === undefined) return '';
  if (part instanceof Html) return part.value;
  if (typeof part === 'string' || typeof part === 'number') return escapeHtml(String(part));
  return part.map(render).join('');
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

// --- Style ----------------------------------------------------------------------------------------

// Colours are variables so dark mode and print only swap the palette. Severity is a text and border
// colour next to its word, never a fill alone, so it survives printers that drop backgrounds.
const STYLE = `
:root {
  color-scheme: light dark;
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --line: #d1d9e0; --code-bg: #f6f8fa; --link: #0a58b8;
  --critical: #b42318; --high: #b54708; --medium: #8a6a00; --low: #3f6212;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --line: #3d444d; --code-bg: #161b22; --link: #79b8ff;
    --critical: #ff8a80; --high: #ffb366; --medium: #e3c05a; --low: #a3d977;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0 auto; max-width: 72rem; padding: 2rem 1.5rem 4rem;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fg); background: var(--bg);
}
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; }
a { color: var(--link); }
.about, .meta { color: var(--muted); }
.meta { margin: 0 0 .5rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .88em; }
pre { background: var(--code-bg); border: 1px solid var(--line); border-radius: 4px; padding: .75rem; overflow-x: auto; margin: .5rem 0; }
pre code { font-size: inherit; }
abbr[title] { text-decoration: none; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid var(--line); }
thead th { border-bottom: 2px solid var(--line); white-space: nowrap; }
tbody th { font-weight: normal; }
.num { text-align: right; white-space: nowrap; }
.sev { display: inline-block; font-weight: 600; font-size: .85em; padding: 0 .4em; border: 1px solid currentColor; border-radius: 3px; white-space: nowrap; }
.sev-critical { color: var(--critical); } .sev-high { color: var(--high); }
.sev-medium { color: var(--medium); } .sev-low { color: var(--low); }
.warn { color: var(--critical); }
.gap { border-top: 1px solid var(--line); padding: 1.25rem 0 .5rem; }
.gap dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; }
.gap dt { font-weight: 600; }
.gap dd { margin: 0; }
.criterion { display: block; }
details { margin: .5rem 0; }
summary { cursor: pointer; font-weight: 600; }
.resources { margin: .25rem 0; padding-left: 1.25rem; }
.more { color: var(--muted); list-style: none; }
@media (max-width: 40rem) {
  body { padding: 1rem; }
  .gap dl { grid-template-columns: 1fr; }
  .gap dd { margin-bottom: .35rem; }
}
@media print {
  :root {
    --fg: #000; --muted: #333; --bg: #fff; --line: #999; --code-bg: #fff; --link: #000;
    --critical: #a11; --high: #a50; --medium: #750; --low: #360;
  }
  @page { margin: 15mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  a { text-decoration: none; }
  h2, h3 { break-after: avoid; }
  h2 { margin-top: 1.5rem; }
  tr, li, .gap dl > * { break-inside: avoid; }
  .gap { break-inside: avoid; }
  .table { overflow: visible; }
  pre { overflow: visible; white-space: pre-wrap; overflow-wrap: anywhere; }
  summary { cursor: auto; list-style: none; }
  summary::-webkit-details-marker { display: none; }
}
/* Also prints a gap the reader folded, where ::details-content is supported. On its own so that a
   browser which does not know the selector drops only this rule. */
@media print {
  details::details-content { content-visibility: visible; display: block; }
}
`;
