import { beforeAll, describe, expect, it } from 'vitest';
import { assess, evaluateSnapshots } from '../../source/app/assess.js';
import { loadContent } from '../../source/app/content.js';
import { demoEstate } from '../../source/app/demo.js';
import { DEMO_CATEGORIES } from '../../source/cli/headless.js';
import { planToHtml } from '../../source/export/html.js';
import { hours, PHASE_TITLES } from '../../source/export/labels.js';
import { criterion } from '../../source/model/criteria.js';
import { PHASES, type Gap, type Plan } from '../../source/plan/types.js';

const AS_OF = new Date('2026-11-27T09:00:00Z');
const SOURCE = 'Demo estate (Ledgerline, fictional) with sample answers';
const NASTY = `<script>alert(1)</script> &"'`;
const NASTY_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; &amp;&quot;&#39;';

let demo: Plan;
let page: string;

beforeAll(async () => {
  const content = await loadContent();
  const estate = await demoEstate(AS_OF);
  demo = assess({
    content,
    checkFindings: evaluateSnapshots(content, estate.snapshots),
    answers: estate.answers,
    categories: DEMO_CATEGORIES,
    asOf: AS_OF.toISOString(),
  }).plan;
  page = planToHtml(demo, { source: SOURCE });
});

/** Written independently of the implementation, so a broken escaper cannot agree with itself. */
function escaped(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function between(html: string, open: RegExp, close: string): string {
  const start = html.search(open);
  expect(start, `no ${open} in the page`).toBeGreaterThanOrEqual(0);
  const end = html.indexOf(close, start);
  expect(end).toBeGreaterThan(start);
  return html.slice(start, end);
}

const section = (html: string, id: string) => between(html, new RegExp(`<section id="${id}">`), '</section>');
const gapArticle = (html: string, gapId: string) =>
  between(html, new RegExp(`<article class="gap" id="gap-${gapId}">`), '</article>');

/** The text of each cell in the first table row whose header cell starts with `label`. */
function rowCells(html: string, label: string): string[] {
  const row = html.split('<tr>').find((r) => r.startsWith(`<th scope="row">${label}`));
  expect(row, `no row for ${label}`).toBeDefined();
  return [...(row ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1] ?? '');
}

const VOID_ELEMENTS = new Set(['meta', 'br', 'hr', 'img', 'input', 'link', 'col', 'wbr']);

/** Open tags still unclosed at the end, or the first mismatched close tag. */
function nestingErrors(html: string): string[] {
  const body = html.replace(/<style>[\s\S]*?<\/style>/, '<style></style>').replace(/^<!doctype html>/i, '');
  const stack: string[] = [];
  for (const [, slash, name] of body.matchAll(/<(\/?)([a-z][a-z0-9]*)\b[^>]*>/gi)) {
    const tag = (name ?? '').toLowerCase();
    if (VOID_ELEMENTS.has(tag)) continue;
    if (!slash) stack.push(tag);
    else if (stack.pop() !== tag) return [`unexpected </${tag}>`];
  }
  return stack.map((tag) => `unclosed <${tag}>`);
}

function count(html: string, pattern: RegExp): number {
  return html.match(pattern)?.length ?? 0;
}

function gap(id: string, parts: Partial<Gap> = {}): Gap {
  return {
    id,
    title: `Gap ${id}`,
    severity: 'high',
    criteria: ['CC6.1'],
    source: 'check',
    risk: 'A risk.',
    resources: [{ id: `res-${id}`, reason: 'Because.' }],
    effortHours: 2,
    owner: 'Security engineer',
    remediation: { summary: 'Fix it.' },
    evidence: 'Proof.',
    dependsOn: [],
    priority: 1,
    phase: '0-30',
    startDay: 0,
    finishDay: 1,
    delaysReportByDays: 0,
    ...parts,
  };
}

function handMadePlan(gaps: Gap[], parts: Partial<Plan> = {}): Plan {
  const figures = { overall: 50, categories: { security: 50 }, notAssessed: [] };
  const effortHours = gaps.reduce((sum, g) => sum + g.effortHours, 0);
  return {
    asOf: '2026-11-27',
    categories: ['security'],
    readiness: {
      design: figures,
      operating: figures,
      operatingBasis: { since: '2026-09-01', explanation: 'Since the window began.' },
    },
    totals: {
      gaps: gaps.length,
      effortHours,
      byPhase: {
        '0-30': { gaps: gaps.length, effortHours },
        '31-60': { gaps: 0, effortHours: 0 },
        '61-90': { gaps: 0, effortHours: 0 },
        'after-90': { gaps: 0, effortHours: 0 },
      },
    },
    fitsIn90Days: true,
    capacity: {
      remediationFte: 1,
      complianceFte: 0.5,
      evidenceLoadFte: 0,
      hoursPerWeek: 32,
      hoursIn90Days: 411,
      assumptions: [],
    },
    reportDate: { explanation: 'No window set.' },
    gaps,
    unassessed: [],
    counts: { PASS: 1, FAIL: gaps.length, UNKNOWN: 0 },
    ...parts,
  };
}

describe('planToHtml: the demo plan', () => {
  it('is a standalone document with one h1 and the generated-from line', () => {
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toMatch(/<meta name="viewport" content="width=device-width[^"]*">/);
    expect(page).toMatch(/<title>SOC 2 Type II readiness plan · 2026-11-27<\/title>/);
    expect(count(page, /<h1[\s>]/g)).toBe(1);
    expect(page).toContain(
      `<p class="about">Assessed 2026-11-27 · ${SOURCE} · In scope: Security (Common Criteria), Availability, Confidentiality</p>`,
    );
  });

  it('shows design and operating readiness, overall and per category, with the explanation', () => {
    const readiness = section(page, 'readiness');
    const { design, operating, operatingBasis } = demo.readiness;
    const expected = (figures: typeof design) => [
      `${figures.overall}%`,
      ...DEMO_CATEGORIES.map((c) => `${figures.categories[c] ?? 0}%`),
    ];
    expect(rowCells(readiness, 'Design: in place today')).toEqual(expected(design));
    expect(rowCells(readiness, `Operating evidence since ${operatingBasis.since}`)).toEqual(
      expected(operating),
    );
    expect(readiness).toContain(escaped(operatingBasis.explanation));
    for (const id of design.notAssessed) expect(readiness).toContain(`>${id}</abbr>`);
  });

  it('shows the totals, the 90-day fit, the report date and the schedule by phase', () => {
    const summary = section(page, 'summary');
    expect(summary).toContain(`${demo.totals.gaps} gaps, ${hours(demo.totals.effortHours)} of remediation.`);
    expect(summary).toContain(demo.fitsIn90Days ? 'Fits in 90 days: Yes' : 'Fits in 90 days: <strong');
    expect(demo.reportDate.earliestCredible).toBeDefined();
    expect(summary).toContain(`earliest credible <strong>${demo.reportDate.earliestCredible}</strong>`);
    const schedule = section(page, 'schedule');
    for (const phase of PHASES) {
      const { gaps, effortHours } = demo.totals.byPhase[phase];
      expect(rowCells(schedule, PHASE_TITLES[phase])).toEqual([String(gaps), hours(effortHours)]);
    }
  });

  it('details every gap with its title, criteria, severity, effort, owner, phase, fix and evidence', () => {
    expect(demo.gaps.length).toBeGreaterThan(10);
    for (const [i, g] of demo.gaps.entries()) {
      const article = gapArticle(page, g.id);
      expect(article).toContain(`<h3>${i + 1}. ${escaped(g.title)}</h3>`);
      for (const id of g.criteria) expect(article).toContain(`${id} ${escaped(criterion(id).title)}`);
      expect(article).toContain(`>${g.severity[0]?.toUpperCase()}${g.severity.slice(1)}</span>`);
      expect(article).toContain(` · Owner: ${escaped(g.owner)} · ${hours(g.effortHours)} · `);
      expect(article).toContain(PHASE_TITLES[g.phase]);
      expect(article).toContain(escaped(g.risk));
      expect(article).toContain(escaped(g.remediation.summary));
      expect(article).toContain(escaped(g.evidence));
      if (g.remediation.snippet)
        expect(article).toContain(`${escaped(g.remediation.snippet.code)}</code></pre>`);
    }
  });

  it('lists the gaps in the overview table, in order, each linking to its details', () => {
    const links = [...section(page, 'gaps').matchAll(/<th scope="row"><a href="#([^"]+)">/g)].map(
      (m) => m[1],
    );
    expect(links).toEqual(demo.gaps.map((g) => `gap-${g.id}`));
  });

  it('lists the controls that could not be assessed, with why', () => {
    expect(demo.unassessed.length).toBeGreaterThan(0);
    const unassessed = section(page, 'unassessed');
    for (const u of demo.unassessed) {
      expect(unassessed).toContain(`<th scope="row">${escaped(u.title)}</th>`);
      expect(unassessed).toContain(escaped(u.resources[0]?.reason ?? ''));
    }
  });

  it('links every dependency to a gap id that exists in the document', () => {
    const ids = new Set([...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    const targets = [...page.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    for (const target of targets) expect(ids, `#${target}`).toContain(target);
    const dependencies = demo.gaps.flatMap((g) => g.dependsOn.map((d) => [g.id, d] as const));
    expect(dependencies.length).toBeGreaterThan(0);
    for (const [from, to] of dependencies) expect(gapArticle(page, from)).toContain(`<a href="#gap-${to}">`);
  });

  it('nests its elements properly, with balanced tables, sections and details', () => {
    expect(nestingErrors(page)).toEqual([]);
    for (const tag of ['table', 'section', 'article', 'details', 'summary', 'pre', 'ul', 'dl'])
      expect(count(page, new RegExp(`<${tag}[\\s>]`, 'g')), tag).toBe(
        count(page, new RegExp(`</${tag}>`, 'g')),
      );
    expect(count(page, /<section[\s>]/g)).toBe(5);
  });

  it('prints everything: every details element starts open', () => {
    expect(count(page, /<details[\s>]/g)).toBeGreaterThan(demo.gaps.length);
    expect(count(page, /<details open>/g)).toBe(count(page, /<details[\s>]/g));
    expect(page).toMatch(/@media print \{[\s\S]*\.gap \{ break-inside: avoid; \}/);
  });

  it('loads nothing from elsewhere: no scripts, links, external URLs or imports', () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<link/i);
    expect(page).not.toMatch(/\ssrc\s*=/i);
    expect(page).not.toMatch(/@import|url\(/i);
    for (const [, href] of page.matchAll(/\shref\s*=\s*"([^"]*)"/gi)) expect(href).toMatch(/^#/);
  });
});

describe('planToHtml: hand-made plans', () => {
  it('renders markup in plan text as text, everywhere', () => {
    const hostile = gap('hostile', {
      title: NASTY,
      risk: NASTY,
      evidence: NASTY,
      owner: 'Security engineer',
      resources: [{ id: 'r1', name: NASTY, region: NASTY, reason: NASTY }],
      remediation: { summary: NASTY, snippet: { language: 'shell', code: `echo ${NASTY}` } },
    });
    const html = planToHtml(handMadePlan([hostile]), { source: NASTY });

    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(`<h3>1. ${NASTY_ESCAPED}</h3>`);
    expect(html).toContain(`<a href="#gap-hostile">${NASTY_ESCAPED}</a>`);
    expect(html).toContain(`<code>${NASTY_ESCAPED}</code> (${NASTY_ESCAPED}): ${NASTY_ESCAPED}</li>`);
    expect(html).toContain(`<pre><code class="language-shell">echo ${NASTY_ESCAPED}</code></pre>`);
    expect(html).toContain(`<dt>Fix</dt><dd>${NASTY_ESCAPED}</dd>`);
    expect(html).toContain(`<dt>Risk</dt><dd>${NASTY_ESCAPED}</dd>`);
    expect(html).toContain(`Assessed 2026-11-27 · ${NASTY_ESCAPED} · In scope`);
    expect(nestingErrors(html)).toEqual([]);
  });

  it('keeps anchors valid for control ids with odd characters, and links dependencies to them', () => {
    const first = gap('odd id/with"quote');
    const second = gap('second', { dependsOn: ['odd id/with"quote', 'not-a-gap'] });
    const html = planToHtml(handMadePlan([first, second]), { source: 'test' });
    expect(html).toContain('<article class="gap" id="gap-odd-id-with-quote">');
    expect(gapArticle(html, 'second')).toContain(
      '<dt>After</dt><dd><a href="#gap-odd-id-with-quote">1. Gap odd id/with&quot;quote</a>, <code>not-a-gap</code></dd>',
    );
  });

  it('lists at most 15 affected resources, then says how many more', () => {
    const resources = Array.from({ length: 20 }, (_, i) => ({ id: `bucket-${i + 1}`, reason: 'Public.' }));
    const article = gapArticle(
      planToHtml(handMadePlan([gap('many', { resources })]), { source: 't' }),
      'many',
    );
    expect(article).toContain('<summary>Affected (20)</summary>');
    expect(count(article, /<li><code>bucket-\d+<\/code>/g)).toBe(15);
    expect(article).toContain('<code>bucket-15</code>');
    expect(article).not.toContain('<code>bucket-16</code>');
    expect(article).toContain('<li class="more">and 5 more</li>');
  });

  it('says plainly when the work does not fit in 90 days and when the target slips', () => {
    const late = gap('late', { phase: 'after-90', effortHours: 30, startDay: null, finishDay: null });
    const plan = handMadePlan([late], {
      fitsIn90Days: false,
      reportDate: {
        targetReportDate: '2027-03-01',
        earliestCredible: '2027-06-01',
        slipDays: 92,
        explanation: 'X.',
      },
    });
    plan.totals.byPhase['after-90'] = { gaps: 1, effortHours: 30 };
    const html = planToHtml(plan, { source: 't' });
    expect(html).toContain(
      `<strong class="warn">No: 1 gaps (30 h) do not fit in 90 days at the team's capacity.</strong>`,
    );
    expect(html).toContain('<strong class="warn">the target slips by 92 days</strong>');
    expect(gapArticle(html, 'late')).toContain('After day 90 (not schedulable at current capacity)');
  });

  it('says so when there are no gaps, and leaves out the unassessed section when there is nothing in it', () => {
    const html = planToHtml(handMadePlan([]), { source: 't' });
    expect(section(html, 'gaps')).toContain('<p>No failing controls.</p>');
    expect(html).not.toContain('id="unassessed"');
    expect(nestingErrors(html)).toEqual([]);
  });
});
