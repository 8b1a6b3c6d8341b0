// The plan as an OSCAL 1.0.6 Plan of Action and Milestones (POA&M): what GRC platforms and auditors'
// tooling import. Pure: the same plan and `about` give byte-identical JSON, uuids included, so items
// keep their identity from one export to the next.

import { createHash } from 'node:crypto';
import { criterion, type CriterionId } from '../model/criteria.js';
import { OWNER_ROLES, type OwnerRole } from '../model/check.js';
import type { FindingSource, Severity } from '../model/finding.js';
import type { Gap, GapResource, Plan, ReadinessFigures, Unassessed } from '../plan/types.js';
import { addDays, isoDay } from '../util/dates.js';
import { categoryTitle, hours, PHASE_TITLES } from './labels.js';

/** Our namespace for props OSCAL does not define; OSCAL requires one on every non-NIST prop. */
export const SOC2_READY_NS = 'https://soc2-ready.dev/ns/oscal';
const OSCAL_VERSION = '1.0.6';

type OscalObject = Record<string, unknown>;

/** An OSCAL property: a name, a value, and our namespace when OSCAL does not define the name. */
export interface Prop {
  name: string;
  value: string;
  ns?: string;
  class?: string;
  remarks?: string;
}

/** A gap or an unassessed control: both become an observation per resource, a risk and a poam-item. */
type Entry = { kind: 'gap'; control: Gap } | { kind: 'unassessed'; control: Unassessed };

/** What the export is about, beyond the plan itself. */
export interface PoamAbout {
  /** Where the findings came from, e.g. "Run 3 (AWS production)"; recorded in the metadata. */
  source: string;
  /** When the document was made: its last-modified time. Never part of a uuid. */
  generatedAt: Date;
  /**
   * A stable key for the assessed estate, e.g. `workspace:<workspace createdAt ISO>` or `demo:ledgerline`.
   * Every uuid is derived from it, so re-exports of the same estate keep their uuids while another
   * organisation's (or workspace's) export never reuses them. Not written into the document.
   */
  organisation: string;
}

/** What the builders of one export share. */
interface Context {
  /** This organisation's uuid for a stable key (see `uuidsFor`). */
  uuid: Uuids;
  /** The plan date: observations are collected on it and schedules count from it. */
  asOf: string;
  /** The gaps in this plan: dependencies on any other (closed) control are left out. */
  gapIds: ReadonlySet<string>;
}

/**
 * The plan as OSCAL 1.0.6 POA&M JSON (pretty-printed, with a trailing newline).
 *
 * @param about.organisation A stable key for the assessed estate (`workspace:<createdAt ISO>`,
 *   `demo:ledgerline`): every uuid derives from it plus a key stable across runs, so the same estate keeps
 *   its uuids from export to export and two estates' documents never share one in a GRC tool.
 */
export function planToOscalPoam(plan: Plan, about: PoamAbout): string {
  const entries: Entry[] = [
    ...plan.gaps.map((control): Entry => ({ kind: 'gap', control })),
    ...plan.unassessed.map((control): Entry => ({ kind: 'unassessed', control })),
  ];
  const ctx: Context = {
    uuid: uuidsFor(about.organisation),
    asOf: plan.asOf,
    gapIds: new Set(plan.gaps.map((g) => g.id)),
  };
  const observations = entries.map((entry) => observationsOf(entry, ctx));
  const poam = {
    uuid: ctx.uuid('document'),
    metadata: metadata(plan, about),
    // No SSP exists to import; OSCAL then asks for a system identifier instead.
    'system-id': { 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: ctx.uuid('system') },
    'local-definitions': localDefinitions(entries, ctx),
    observations: nonEmpty(observations.flat()),
    risks: nonEmpty(entries.map((entry, i) => riskOf(entry, observations[i] ?? [], ctx))),
    'poam-items': poamItems(entries, observations, plan, ctx),
  };
  return `${JSON.stringify({ 'plan-of-action-and-milestones': poam }, null, 2)}\n`;
}

// ---- Identifiers ----

type Uuids = (key: string) => string;

/**
 * One organisation's uuids: a version-4-format uuid from a SHA-256 of the organisation key and a stable
 * key within its estate. The stable key never includes the run or date, so a gap still open next month
 * keeps its uuid; the organisation key keeps two estates' items apart when a GRC tool holds both.
 */
function uuidsFor(organisation: string): Uuids {
  // An empty key would quietly give every estate the same uuids again.
  if (organisation.trim() === '') throw new Error('An OSCAL POA&M export needs an organisation key.');
  return (key) => {
    // JSON keeps the pair unambiguous whatever characters either part holds.
    const input = `soc2-ready:${JSON.stringify([organisation, key])}`;
    const bytes = createHash('sha256').update(input).digest().subarray(0, 16);
    bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
    const hex = bytes.toString('hex');
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
  };
}

const entryKey = (entry: Entry, part: string) => `${entry.kind}/${entry.control.id}/${part}`;
const gapKey = (gapId: string, part: string) => `gap/${gapId}/${part}`;
// Per organisation like every other uuid: the software is the same everywhere, but this component is a
// local definition of each document, and a GRC tool may well scope components to the organisation.
const TOOL_COMPONENT_KEY = 'component/soc2-ready';

function inventoryKey(resource: GapResource): string {
  return `inventory/${resource.scopeId ?? ''}/${resource.id}`;
}

/** Cloud resources are inventory items; questionnaire subjects ("organization", a vendor) are not. */
function isInventoryResource(source: FindingSource): boolean {
  return source === 'check';
}

// ---- Small builders ----

/** OSCAL's string type forbids empty values, line breaks and edge whitespace in props. */
function prop(name: string, value: string | number, extra: Omit<Prop, 'name' | 'value'> = {}): Prop[] {
  const text = String(value).replace(/\s+/g, ' ').trim();
  return text === '' ? [] : [{ name, ns: SOC2_READY_NS, value: text, ...extra }];
}

/** OSCAL arrays need at least one item, so an empty list is left out. */
function nonEmpty<T>(items: readonly T[]): T[] | undefined {
  return items.length > 0 ? [...items] : undefined;
}

/** Days from the plan date as an OSCAL date-time (midnight UTC of that day). */
function dayTime(asOf: string, days = 0): string {
  return `${isoDay(addDays(asOf, days))}T00:00:00Z`;
}

function roleId(owner: OwnerRole): string {
  return owner.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

const toolOrigin = (ctx: Context) => ({
  actors: [{ type: 'tool', 'actor-uuid': ctx.uuid(TOOL_COMPONENT_KEY) }],
});

function controlProps(entry: Entry): Prop[] {
  const c = entry.control;
  return [
    ...prop('control-id', c.id),
    ...prop('severity', c.severity),
    ...prop('finding-source', c.source),
    ...criteriaProps(c.criteria),
    ...prop('assessment-status', entry.kind === 'gap' ? 'failing' : 'not-assessed'),
  ];
}

function criteriaProps(criteria: readonly CriterionId[]): Prop[] {
  return criteria.flatMap((id) => prop('soc2-criterion', id, { remarks: criterion(id).title }));
}

function criteriaText(criteria: readonly CriterionId[]): string {
  return criteria.map((id) => `${id} (${criterion(id).title})`).join('; ');
}

function resourceLabel(resource: GapResource): string {
  return resource.name ?? resource.id;
}

// ---- Metadata ----

function metadata(plan: Plan, about: PoamAbout): OscalObject {
  const { design, operating, operatingBasis } = plan.readiness;
  const owners = OWNER_ROLES.filter((role) => plan.gaps.some((g) => g.owner === role));
  return {
    title: `SOC 2 Type II readiness: plan of action and milestones (${plan.asOf})`,
    'last-modified': about.generatedAt.toISOString(),
    version: plan.asOf,
    'oscal-version': OSCAL_VERSION,
    props: [
      ...prop('assessed-on', plan.asOf),
      ...prop('source', about.source),
      ...plan.categories.flatMap((c) => prop('category-in-scope', c, { remarks: categoryTitle(c) })),
      ...readinessProps('design-readiness-percent', design, plan),
      ...readinessProps('operating-readiness-percent', operating, plan),
      ...prop('operating-evidence-since', operatingBasis.since),
      ...design.notAssessed.flatMap((id) => prop('criterion-not-assessed', id)),
      ...prop('gap-count', plan.totals.gaps),
      ...prop('effort-hours-total', plan.totals.effortHours),
      ...prop('fits-in-90-days', String(plan.fitsIn90Days)),
      ...(plan.reportDate.earliestCredible
        ? prop('earliest-credible-report-date', plan.reportDate.earliestCredible)
        : []),
    ],
    roles: nonEmpty(owners.map((owner) => ({ id: roleId(owner), title: owner }))),
    remarks: metadataRemarks(plan, about.source),
  };
}

function readinessProps(name: string, figures: ReadinessFigures, plan: Plan): Prop[] {
  return [
    ...prop(name, figures.overall, { class: 'overall' }),
    ...plan.categories.flatMap((c) => prop(name, figures.categories[c] ?? 0, { class: c })),
  ];
}

function metadataRemarks(plan: Plan, source: string): string {
  const { design, operating, operatingBasis } = plan.readiness;
  const byCategory = (figures: ReadinessFigures) =>
    plan.categories.map((c) => `${categoryTitle(c)} ${figures.categories[c] ?? 0}%`).join(', ');
  return [
    `Assessed ${plan.asOf} from ${source}. In scope: ${plan.categories.map(categoryTitle).join(', ')}.`,
    '',
    `Design readiness (in place today): ${design.overall}% overall; ${byCategory(design)}.`,
    `Operating readiness (evidenced since ${operatingBasis.since}): ${operating.overall}% overall; ${byCategory(operating)}.`,
    `${operatingBasis.explanation} Controls that could not be assessed count as not passing.`,
    '',
    `${plan.totals.gaps} gaps, ${hours(plan.totals.effortHours)} of remediation; ${plan.unassessed.length} controls not yet assessed.`,
    plan.reportDate.explanation,
  ].join('\n');
}

// ---- Local definitions: the tool, and the cloud resources observations point at ----

function localDefinitions(entries: readonly Entry[], ctx: Context): OscalObject {
  const toolUuid = ctx.uuid(TOOL_COMPONENT_KEY);
  return {
    'inventory-items': nonEmpty(inventoryItems(entries, ctx)),
    'assessment-assets': {
      components: [
        {
          uuid: toolUuid,
          type: 'software',
          title: 'soc2-ready',
          description:
            'The readiness tool that ran the cloud configuration checks and scored the questionnaire answers.',
          status: { state: 'operational' },
        },
      ],
      'assessment-platforms': [
        {
          uuid: ctx.uuid('platform/soc2-ready'),
          title: 'soc2-ready',
          'uses-components': [{ 'component-uuid': toolUuid }],
        },
      ],
    },
  };
}

/** One inventory item per distinct cloud resource, shared by every observation about it. */
function inventoryItems(entries: readonly Entry[], ctx: Context): OscalObject[] {
  const items = new Map<string, OscalObject>();
  for (const { control } of entries) {
    if (!isInventoryResource(control.source)) continue;
    for (const resource of control.resources) {
      const key = inventoryKey(resource);
      if (items.has(key)) continue;
      items.set(key, {
        uuid: ctx.uuid(key),
        description: resource.id,
        props: [
          { name: 'asset-id', value: resource.id },
          ...(resource.scopeId ? prop('scope-id', resource.scopeId) : []),
          ...(resource.region ? prop('region', resource.region) : []),
        ],
      });
    }
  }
  return [...items.values()];
}

// ---- Observations: one per affected resource or answer ----

function observationsOf(entry: Entry, ctx: Context): OscalObject[] {
  const { control } = entry;
  const seen = new Map<string, number>();
  return control.resources.map((resource) => {
    // A control lists a resource once; the counter only keeps uuids unique if a plan repeats one.
    const base = entryKey(entry, `observation/${resource.scopeId ?? ''}/${resource.id}`);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const inventory = isInventoryResource(control.source);
    return {
      uuid: ctx.uuid(n === 1 ? base : `${base}#${n}`),
      title: `${control.title}: ${resourceLabel(resource)}`,
      description: resource.reason,
      props: [
        ...prop('control-id', control.id),
        ...prop('assessment-status', entry.kind === 'gap' ? 'failing' : 'not-assessed'),
        ...(inventory ? [] : prop('answer-subject', resource.id)),
      ],
      // Cloud checks read configuration automatically (TEST); questionnaire answers come from people.
      methods: [control.source === 'check' ? 'TEST' : 'INTERVIEW'],
      types: entry.kind === 'gap' ? ['finding'] : undefined,
      origins: [toolOrigin(ctx)],
      subjects: inventory
        ? [
            {
              'subject-uuid': ctx.uuid(inventoryKey(resource)),
              type: 'inventory-item',
              title: resourceLabel(resource),
            },
          ]
        : undefined,
      collected: dayTime(ctx.asOf),
    };
  });
}

const relatedObservations = (observations: readonly OscalObject[]) =>
  nonEmpty(observations.map((o) => ({ 'observation-uuid': o.uuid })));

// ---- Risks ----

function riskOf(entry: Entry, observations: readonly OscalObject[], ctx: Context): OscalObject {
  return entry.kind === 'gap'
    ? gapRisk(entry.control, observations, ctx)
    : unassessedRisk(entry.control, observations, ctx);
}

function gapRisk(gap: Gap, observations: readonly OscalObject[], ctx: Context): OscalObject {
  const snippet = gap.remediation.snippet;
  return {
    uuid: ctx.uuid(gapKey(gap.id, 'risk')),
    title: gap.title,
    description: gap.risk,
    statement: `The control "${gap.title}" is not met for ${countOf(gap)}. It supports SOC 2 ${criteriaText(gap.criteria)}.`,
    props: [
      ...controlProps({ kind: 'gap', control: gap }),
      ...prop('priority', gap.priority),
      ...(gap.delaysReportByDays > 0 ? prop('delays-report-by-days', gap.delaysReportByDays) : []),
    ],
    status: 'open',
    origins: [toolOrigin(ctx)],
    characterizations: [severityCharacterization(gap.severity, ctx)],
    deadline: gap.finishDay === null ? undefined : dayTime(ctx.asOf, gap.finishDay),
    remediations: [
      {
        uuid: ctx.uuid(gapKey(gap.id, 'remediation')),
        lifecycle: 'planned',
        title: `Fix: ${gap.title}`,
        description: gap.remediation.summary,
        props: [...prop('effort-hours', gap.effortHours), ...prop('owner-role', gap.owner)],
        remarks: snippet ? `\`\`\`${snippet.language}\n${snippet.code}\n\`\`\`` : undefined,
        tasks: [milestone(gap, ctx)],
      },
    ],
    'related-observations': relatedObservations(observations),
  };
}

function countOf(control: Gap | Unassessed): string {
  const n = control.resources.length;
  const noun = control.source === 'check' ? 'resource' : 'answer';
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function severityCharacterization(severity: Severity, ctx: Context): OscalObject {
  return {
    origin: toolOrigin(ctx),
    facets: [{ name: 'severity', system: SOC2_READY_NS, value: severity }],
  };
}

/** The scheduled work for a gap: its phase and dates, owner, and the gaps' tasks it waits for. */
function milestone(gap: Gap, ctx: Context): OscalObject {
  const { startDay, finishDay } = gap;
  const { asOf } = ctx;
  return {
    uuid: ctx.uuid(gapKey(gap.id, 'task')),
    type: 'milestone',
    title: `${PHASE_TITLES[gap.phase]}: ${gap.title}`,
    props: [
      ...prop('phase', gap.phase),
      ...prop('effort-hours', gap.effortHours),
      ...(startDay === null ? [] : prop('start-day', startDay)),
      ...(finishDay === null ? [] : prop('finish-day', finishDay)),
    ],
    timing:
      startDay !== null && finishDay !== null
        ? { 'within-date-range': { start: dayTime(asOf, startDay), end: dayTime(asOf, finishDay) } }
        : undefined,
    dependencies: nonEmpty(
      gap.dependsOn
        .filter((id) => ctx.gapIds.has(id))
        .map((id) => ({ 'task-uuid': ctx.uuid(gapKey(id, 'task')) })),
    ),
    'responsible-roles': [{ 'role-id': roleId(gap.owner) }],
    remarks: scheduleText(gap),
  };
}

function scheduleText(gap: Gap): string {
  return gap.startDay === null || gap.finishDay === null
    ? `Not schedulable at the team's current capacity (${hours(gap.effortHours)}): add people or cut scope.`
    : `Days ${gap.startDay}-${gap.finishDay} from the plan date at the team's capacity (${hours(gap.effortHours)}).`;
}

/** Not a pass and not closed: the risk is unknown until the control can be read or is answered. */
function unassessedRisk(
  control: Unassessed,
  observations: readonly OscalObject[],
  ctx: Context,
): OscalObject {
  return {
    uuid: ctx.uuid(entryKey({ kind: 'unassessed', control }, 'risk')),
    title: `Not assessed: ${control.title}`,
    description: `This control could not be assessed for ${countOf(control)}, so it counts as not passing until it is answered or can be read.`,
    statement: `Whether "${control.title}" is met is unknown. It supports SOC 2 ${criteriaText(control.criteria)}.`,
    props: controlProps({ kind: 'unassessed', control }),
    status: 'investigating',
    origins: [toolOrigin(ctx)],
    characterizations: [severityCharacterization(control.severity, ctx)],
    'related-observations': relatedObservations(observations),
  };
}

// ---- POA&M items ----

function poamItems(
  entries: readonly Entry[],
  observations: readonly OscalObject[][],
  plan: Plan,
  ctx: Context,
): OscalObject[] {
  const items = entries.map((entry, i) => {
    const related = observations[i] ?? [];
    return entry.kind === 'gap'
      ? gapItem(entry.control, related, ctx)
      : unassessedItem(entry.control, related, ctx);
  });
  // The schema requires at least one item; a clean plan says so rather than emitting an invalid file.
  return items.length > 0 ? items : [noOpenItems(plan, ctx)];
}

function gapItem(gap: Gap, observations: readonly OscalObject[], ctx: Context): OscalObject {
  const dependencies = gap.dependsOn.filter((id) => ctx.gapIds.has(id));
  return {
    uuid: ctx.uuid(gapKey(gap.id, 'poam-item')),
    title: gap.title,
    description: gap.risk,
    props: [
      ...controlProps({ kind: 'gap', control: gap }),
      ...prop('owner-role', gap.owner),
      ...prop('effort-hours', gap.effortHours),
      ...prop('phase', gap.phase),
      ...dependencies.flatMap((id) => prop('depends-on', ctx.uuid(gapKey(id, 'poam-item')), { remarks: id })),
    ],
    origins: [toolOrigin(ctx)],
    'related-observations': relatedObservations(observations),
    'related-risks': [{ 'risk-uuid': ctx.uuid(gapKey(gap.id, 'risk')) }],
    remarks: [
      `Owner: ${gap.owner}. Phase: ${PHASE_TITLES[gap.phase]}. ${scheduleText(gap)}`,
      '',
      `Fix: ${gap.remediation.summary}`,
      '',
      `Evidence for the auditor: ${gap.evidence}`,
      ...(dependencies.length > 0 ? ['', `After: ${dependencies.join(', ')}`] : []),
    ].join('\n'),
  };
}

function unassessedItem(
  control: Unassessed,
  observations: readonly OscalObject[],
  ctx: Context,
): OscalObject {
  const entry: Entry = { kind: 'unassessed', control };
  return {
    uuid: ctx.uuid(entryKey(entry, 'poam-item')),
    title: `Assess: ${control.title}`,
    description: `Not yet assessed: counts as not passing until it is answered or can be read (${countOf(control)}).`,
    props: controlProps(entry),
    origins: [toolOrigin(ctx)],
    'related-observations': relatedObservations(observations),
    'related-risks': [{ 'risk-uuid': ctx.uuid(entryKey(entry, 'risk')) }],
    remarks: control.resources.map((r) => `- ${resourceLabel(r)}: ${r.reason}`).join('\n') || undefined,
  };
}

function noOpenItems(plan: Plan, ctx: Context): OscalObject {
  return {
    uuid: ctx.uuid('poam-item/none'),
    title: 'No open items',
    description: `No failing or unassessed controls as of ${plan.asOf}.`,
    props: prop('assessment-status', 'none-open'),
  };
}
