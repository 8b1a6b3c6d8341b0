import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { assess, evaluateSnapshots } from '../../source/app/assess.js';
import { loadContent } from '../../source/app/content.js';
import { demoEstate } from '../../source/app/demo.js';
import { planToOscalPoam, SOC2_READY_NS, type Prop } from '../../source/export/oscal-poam.js';
import type { Gap, Plan, Unassessed } from '../../source/plan/types.js';

// NIST's schema, vendored (see the README beside it); vitest runs from the repository root.
const SCHEMA_PATH = resolve('test/fixtures/oscal/oscal_poam_schema-1.0.6.json');
const AS_OF = new Date('2026-11-27T09:00:00Z');
const GENERATED_AT = new Date('2026-11-27T10:15:30.000Z');
const ORGANISATION = 'workspace:2026-10-01T08:00:00.000Z';
const ABOUT = { source: 'Run 1 (demo estate)', generatedAt: GENERATED_AT, organisation: ORGANISATION };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ANY_UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

// The parts of the OSCAL document the tests read.
interface Task {
  uuid: string;
  type: string;
  props: Prop[];
  timing?: { 'within-date-range'?: { start: string; end: string } };
  dependencies?: { 'task-uuid': string }[];
  'responsible-roles'?: { 'role-id': string }[];
  remarks?: string;
}
interface Risk {
  uuid: string;
  title: string;
  description: string;
  statement: string;
  status: string;
  props: Prop[];
  deadline?: string;
  characterizations?: { facets: { name: string; value: string }[] }[];
  remediations?: { description: string; lifecycle: string; props: Prop[]; tasks?: Task[] }[];
  'related-observations'?: { 'observation-uuid': string }[];
}
interface Observation {
  uuid: string;
  title: string;
  description: string;
  methods: string[];
  collected: string;
  props: Prop[];
  subjects?: { 'subject-uuid': string; type: string }[];
}
interface PoamItem {
  uuid: string;
  title: string;
  description: string;
  props?: Prop[];
  remarks?: string;
  'related-risks'?: { 'risk-uuid': string }[];
  'related-observations'?: { 'observation-uuid': string }[];
}
interface Poam {
  uuid: string;
  'system-id': { 'identifier-type': string; id: string };
  metadata: {
    title: string;
    'last-modified': string;
    version: string;
    'oscal-version': string;
    props: Prop[];
    roles?: { id: string; title: string }[];
  };
  observations?: Observation[];
  risks?: Risk[];
  'poam-items': PoamItem[];
}

let validate: ValidateFunction;
let demoPlan: Plan;
let demoJson: string;
let demo: Poam;

beforeAll(async () => {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
  addFormats.default(ajv);
  validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
  demoPlan = await buildDemoPlan();
  demoJson = planToOscalPoam(demoPlan, ABOUT);
  demo = poamOf(demoJson);
});

async function buildDemoPlan(): Promise<Plan> {
  const content = await loadContent();
  const { snapshots, answers } = await demoEstate(AS_OF);
  return assess({
    content,
    checkFindings: evaluateSnapshots(content, snapshots),
    answers,
    categories: ['availability', 'confidentiality'],
    asOf: AS_OF.toISOString(),
  }).plan;
}

function poamOf(json: string): Poam {
  return (JSON.parse(json) as { 'plan-of-action-and-milestones': Poam })['plan-of-action-and-milestones'];
}

/** Schema errors as readable lines, so a failure says what is wrong and where. */
function schemaErrors(json: string): string[] {
  if (validate(JSON.parse(json))) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

const values = (props: readonly Prop[] | undefined, name: string) =>
  (props ?? []).filter((p) => p.name === name).map((p) => p.value);
const value = (props: readonly Prop[] | undefined, name: string) => values(props, name)[0];

function itemFor(poam: Poam, controlId: string, status: 'failing' | 'not-assessed'): PoamItem {
  const item = poam['poam-items'].find(
    (i) => value(i.props, 'control-id') === controlId && value(i.props, 'assessment-status') === status,
  );
  if (!item) throw new Error(`no ${status} poam-item for ${controlId}`);
  return item;
}

function riskOf(poam: Poam, item: PoamItem): Risk {
  const uuid = item['related-risks']?.[0]?.['risk-uuid'];
  const risk = poam.risks?.find((r) => r.uuid === uuid);
  if (!risk) throw new Error(`poam-item ${item.title} has no risk`);
  return risk;
}

function taskOf(risk: Risk): Task {
  const task = risk.remediations?.[0]?.tasks?.[0];
  if (!task) throw new Error(`risk ${risk.title} has no task`);
  return task;
}

/** `days` after the plan date, as the midnight-UTC date-time OSCAL gets. */
function dayAfter(asOf: string, days: number): string {
  return `${new Date(Date.parse(`${asOf}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)}T00:00:00Z`;
}

/** Every `key: value` pair in a JSON tree. */
function pairs(node: unknown): { key: string; value: unknown }[] {
  if (Array.isArray(node)) return node.flatMap(pairs);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, v]) => [{ key, value: v }, ...pairs(v)]);
}

const definedUuids = (poam: Poam) =>
  pairs(poam)
    .filter((p) => p.key === 'uuid')
    .map((p) => String(p.value));

/** Every uuid the export made: definitions, references, the system id and depends-on props. */
function madeUuids(json: string): Set<string> {
  const poam = poamOf(json);
  const references = pairs(poam).filter((p) => p.key === 'uuid' || p.key.endsWith('-uuid'));
  return new Set([
    ...references.map((p) => String(p.value)),
    poam['system-id'].id,
    ...poam['poam-items'].flatMap((i) => values(i.props, 'depends-on')),
  ]);
}

/** The JSON with the given uuids replaced by their order of appearance, to compare all but them. */
function withoutUuids(json: string, uuids: ReadonlySet<string>): string {
  const seen = new Map<string, number>();
  return json.replace(ANY_UUID, (uuid) => {
    if (!uuids.has(uuid)) return uuid;
    if (!seen.has(uuid)) seen.set(uuid, seen.size);
    return `uuid#${seen.get(uuid)}`;
  });
}

// ---- A small hand-made plan ----

function gap(id: string, parts: Partial<Gap> = {}): Gap {
  return {
    id,
    title: `Control ${id}`,
    severity: 'high',
    criteria: ['CC6.1'],
    source: 'check',
    risk: 'Anyone could read it.',
    resources: [
      { id: `arn:aws:s3:::${id}`, name: id, region: 'eu-west-1', scopeId: '111122223333', reason: 'Open.' },
    ],
    effortHours: 3,
    owner: 'Cloud platform engineer',
    remediation: { summary: 'Close it.' },
    evidence: 'Settings over the window.',
    dependsOn: [],
    priority: 5,
    phase: '0-30',
    startDay: 0,
    finishDay: 2,
    delaysReportByDays: 0,
    ...parts,
  };
}

function unassessed(id: string, parts: Partial<Unassessed> = {}): Unassessed {
  return {
    id,
    title: `Control ${id}`,
    severity: 'medium',
    criteria: ['CC7.2'],
    source: 'questionnaire',
    resources: [{ id: 'organization', reason: 'You answered that you do not know.' }],
    ...parts,
  };
}

function handPlan(gaps: Gap[], notAssessed: Unassessed[] = []): Plan {
  const phase = { gaps: 0, effortHours: 0 };
  const figures = { overall: 40, categories: { security: 40 }, notAssessed: [] };
  return {
    asOf: '2026-03-01',
    categories: ['security'],
    readiness: {
      design: figures,
      operating: { ...figures, overall: 5, categories: { security: 5 } },
      operatingBasis: { since: '2026-01-01', explanation: 'Since the window began.' },
    },
    totals: {
      gaps: gaps.length,
      effortHours: gaps.reduce((sum, g) => sum + g.effortHours, 0),
      byPhase: { '0-30': phase, '31-60': phase, '61-90': phase, 'after-90': phase },
    },
    fitsIn90Days: true,
    capacity: {
      remediationFte: 1,
      complianceFte: 0.5,
      evidenceLoadFte: 0,
      hoursPerWeek: 30,
      hoursIn90Days: 385,
      assumptions: [],
    },
    reportDate: { explanation: 'No window set.' },
    gaps,
    unassessed: notAssessed,
    counts: { PASS: 3, FAIL: gaps.length, UNKNOWN: notAssessed.length },
  };
}

const export_ = (plan: Plan) => planToOscalPoam(plan, { ...ABOUT, source: 'hand-made' });

// ---- The demo plan ----

describe('OSCAL POA&M export of the demo plan', () => {
  it('validates against the NIST OSCAL 1.0.6 POA&M schema', () => {
    expect(demoPlan.gaps.length).toBeGreaterThan(50);
    expect(demoPlan.unassessed.length).toBeGreaterThan(0);
    expect(schemaErrors(demoJson)).toEqual([]);
  });

  it('is pretty-printed JSON with a trailing newline, dated when it was generated', () => {
    expect(demoJson.endsWith('}\n')).toBe(true);
    expect(demoJson.split('\n')[1]).toBe('  "plan-of-action-and-milestones": {');
    expect(demo.metadata['last-modified']).toBe('2026-11-27T10:15:30.000Z');
    expect(demo.metadata['oscal-version']).toBe('1.0.6');
  });

  it('records the plan date, source, scope and readiness figures in the metadata', () => {
    const { props } = demo.metadata;
    expect(props.every((p) => p.ns === SOC2_READY_NS)).toBe(true);
    expect(value(props, 'assessed-on')).toBe(demoPlan.asOf);
    expect(value(props, 'source')).toBe('Run 1 (demo estate)');
    expect(values(props, 'category-in-scope')).toEqual(['security', 'availability', 'confidentiality']);
    for (const [name, figures] of [
      ['design-readiness-percent', demoPlan.readiness.design],
      ['operating-readiness-percent', demoPlan.readiness.operating],
    ] as const) {
      const readiness = props.filter((p) => p.name === name);
      expect(readiness.find((p) => p.class === 'overall')?.value).toBe(String(figures.overall));
      for (const category of demoPlan.categories)
        expect(readiness.find((p) => p.class === category)?.value).toBe(String(figures.categories[category]));
    }
  });

  it('has a poam-item per gap with its criteria, severity, owner, effort and phase', () => {
    for (const g of demoPlan.gaps) {
      const item = itemFor(demo, g.id, 'failing');
      expect(item.title).toBe(g.title);
      expect(values(item.props, 'soc2-criterion')).toEqual(g.criteria);
      expect(value(item.props, 'severity')).toBe(g.severity);
      expect(value(item.props, 'owner-role')).toBe(g.owner);
      expect(value(item.props, 'effort-hours')).toBe(String(g.effortHours));
      expect(value(item.props, 'phase')).toBe(g.phase);
      expect(item.remarks).toContain(g.evidence);

      const risk = riskOf(demo, item);
      expect(risk.status).toBe('open');
      expect(risk.description).toBe(g.risk);
      expect(values(risk.props, 'soc2-criterion')).toEqual(g.criteria);
      expect(risk.characterizations?.[0]?.facets).toContainEqual(
        expect.objectContaining({ value: g.severity }),
      );
      expect(risk.remediations?.[0]?.description).toBe(g.remediation.summary);
      expect(item['related-observations']).toHaveLength(g.resources.length);
    }
  });

  it('schedules each gap from the plan date plus its start and finish days', () => {
    const scheduled = demoPlan.gaps.filter((g) => g.startDay !== null && g.finishDay !== null);
    expect(scheduled.length).toBeGreaterThan(50);
    for (const g of scheduled) {
      const risk = riskOf(demo, itemFor(demo, g.id, 'failing'));
      const task = taskOf(risk);
      expect(task.timing?.['within-date-range']).toEqual({
        start: dayAfter(demoPlan.asOf, g.startDay!),
        end: dayAfter(demoPlan.asOf, g.finishDay!),
      });
      expect(risk.deadline).toBe(dayAfter(demoPlan.asOf, g.finishDay!));
      expect(value(task.props, 'phase')).toBe(g.phase);
      expect(task['responsible-roles']?.[0]?.['role-id']).toBe(
        demo.metadata.roles?.find((r) => r.title === g.owner)?.id,
      );
    }
  });

  it('links dependencies to the gaps that must be closed first', () => {
    const dependent = demoPlan.gaps.filter((g) => g.dependsOn.length > 0);
    expect(dependent.length).toBeGreaterThan(0);
    for (const g of dependent) {
      const item = itemFor(demo, g.id, 'failing');
      const before = g.dependsOn.map((id) => itemFor(demo, id, 'failing'));
      expect(values(item.props, 'depends-on')).toEqual(before.map((b) => b.uuid));
      expect(taskOf(riskOf(demo, item)).dependencies?.map((d) => d['task-uuid'])).toEqual(
        before.map((b) => taskOf(riskOf(demo, b)).uuid),
      );
    }
  });

  it('observes check gaps by test and questionnaire gaps by interview, on the plan date', () => {
    const byUuid = new Map((demo.observations ?? []).map((o) => [o.uuid, o]));
    for (const g of demoPlan.gaps) {
      const related = itemFor(demo, g.id, 'failing')['related-observations'] ?? [];
      const observations = related.map((r) => byUuid.get(r['observation-uuid'])!);
      expect(observations.map((o) => o.description)).toEqual(g.resources.map((r) => r.reason));
      for (const o of observations) {
        expect(o.methods).toEqual([g.source === 'check' ? 'TEST' : 'INTERVIEW']);
        expect(o.collected).toBe(`${demoPlan.asOf}T00:00:00Z`);
        expect(o.subjects?.[0]?.type).toBe(g.source === 'check' ? 'inventory-item' : undefined);
      }
    }
  });

  it('lists unassessed controls as open items under investigation, never as passing or closed', () => {
    for (const u of demoPlan.unassessed) {
      const item = itemFor(demo, u.id, 'not-assessed');
      expect(item.title).toContain(u.title);
      expect(values(item.props, 'soc2-criterion')).toEqual(u.criteria);
      const risk = riskOf(demo, item);
      expect(risk.status).toBe('investigating');
      expect(value(risk.props, 'assessment-status')).toBe('not-assessed');
      expect(item['related-observations']).toHaveLength(u.resources.length);
    }
    expect(demo['poam-items']).toHaveLength(demoPlan.gaps.length + demoPlan.unassessed.length);
    expect(demo.risks?.some((r) => r.status === 'closed')).toBe(false);
  });

  it('gives every object a unique uuid and every reference resolves', () => {
    const uuids = definedUuids(demo);
    expect(new Set(uuids).size).toBe(uuids.length);
    expect(uuids.every((u) => UUID.test(u))).toBe(true);
    const defined = new Set(uuids);
    const references = pairs(demo).filter((p) => p.key.endsWith('-uuid'));
    const dependsOn = demo['poam-items'].flatMap((i) => values(i.props, 'depends-on'));
    expect(references.length).toBeGreaterThan(demoPlan.gaps.length * 3);
    for (const ref of [...references.map((r) => String(r.value)), ...dependsOn])
      expect(defined).toContain(ref);
  });

  it('exports the same plan byte for byte, so items keep their uuids across runs', async () => {
    expect(planToOscalPoam(demoPlan, ABOUT)).toBe(demoJson);
    expect(planToOscalPoam(await buildDemoPlan(), ABOUT)).toBe(demoJson);

    // A later run with the first gap closed: the remaining items keep their uuids.
    const [, ...rest] = demoPlan.gaps;
    const later = poamOf(planToOscalPoam({ ...demoPlan, gaps: rest }, ABOUT));
    const kept = rest[0]!;
    expect(itemFor(later, kept.id, 'failing').uuid).toBe(itemFor(demo, kept.id, 'failing').uuid);
    expect(later.uuid).toBe(demo.uuid);

    // One resource of a gap fixed: the gap's other resources keep their observation uuids.
    const wide = demoPlan.gaps.find((g) => g.resources.length > 2)!;
    const narrowed = demoPlan.gaps.map((g) => (g === wide ? { ...g, resources: g.resources.slice(1) } : g));
    const after = poamOf(planToOscalPoam({ ...demoPlan, gaps: narrowed }, ABOUT));
    const observationUuids = (poam: Poam) =>
      itemFor(poam, wide.id, 'failing')['related-observations']?.map((o) => o['observation-uuid']);
    expect(observationUuids(after)).toEqual(observationUuids(demo)?.slice(1));
  });

  it('gives another organisation its own uuids, and the same organisation the same document', () => {
    const other = { ...ABOUT, organisation: 'workspace:2026-10-02T08:00:00.000Z' };
    const otherJson = planToOscalPoam(demoPlan, other);
    expect(planToOscalPoam(demoPlan, { ...other })).toBe(otherJson);
    expect(schemaErrors(otherJson)).toEqual([]);

    // Every uuid differs, the document's, system id's and tool component's included; nothing else does.
    const ours = madeUuids(demoJson);
    const theirs = madeUuids(otherJson);
    expect(ours.size).toBeGreaterThan(demoPlan.gaps.length * 4);
    expect(ours).toContain(demo.uuid);
    expect(ours).toContain(demo['system-id'].id);
    expect(theirs.size).toBe(ours.size);
    expect([...theirs].filter((uuid) => ours.has(uuid))).toEqual([]);
    expect(withoutUuids(otherJson, theirs)).toBe(withoutUuids(demoJson, ours));

    const ledgerline = madeUuids(planToOscalPoam(demoPlan, { ...ABOUT, organisation: 'demo:ledgerline' }));
    expect([...ledgerline].filter((uuid) => ours.has(uuid) || theirs.has(uuid))).toEqual([]);
  });

  it('refuses an empty organisation key, which would give every estate the same uuids', () => {
    expect(() => planToOscalPoam(demoPlan, { ...ABOUT, organisation: '' })).toThrow(/organisation/);
    expect(() => planToOscalPoam(demoPlan, { ...ABOUT, organisation: '  ' })).toThrow(/organisation/);
  });
});

// ---- Hand-made plans ----

describe('OSCAL POA&M export of a hand-made plan', () => {
  it('maps one scheduled gap to one observation, risk and poam-item', () => {
    const json = export_(handPlan([gap('s3-open')]));
    expect(schemaErrors(json)).toEqual([]);
    const poam = poamOf(json);
    expect(poam.observations).toHaveLength(1);
    expect(poam.risks).toHaveLength(1);
    expect(poam['poam-items']).toHaveLength(1);
    const item = itemFor(poam, 's3-open', 'failing');
    const risk = riskOf(poam, item);
    expect(item['related-observations']).toEqual(risk['related-observations']);
    expect(poam.observations?.[0]).toMatchObject({ title: 'Control s3-open: s3-open', description: 'Open.' });
    expect(taskOf(risk).timing?.['within-date-range']).toEqual({
      start: '2026-03-01T00:00:00Z',
      end: '2026-03-03T00:00:00Z',
    });
    expect(poam.metadata.roles).toEqual([
      { id: 'cloud-platform-engineer', title: 'Cloud platform engineer' },
    ]);
  });

  it('says a gap without capacity is not schedulable instead of inventing dates', () => {
    const late = gap('late', { startDay: null, finishDay: null, phase: 'after-90', dependsOn: ['first'] });
    const json = export_(handPlan([gap('first'), late]));
    expect(schemaErrors(json)).toEqual([]);
    const poam = poamOf(json);
    const item = itemFor(poam, 'late', 'failing');
    const risk = riskOf(poam, item);
    const task = taskOf(risk);
    expect(task.timing).toBeUndefined();
    expect(risk.deadline).toBeUndefined();
    expect(task.remarks).toMatch(/^Not schedulable/);
    expect(item.remarks).toContain('Not schedulable');
    expect(value(task.props, 'phase')).toBe('after-90');
    expect(value(item.props, 'depends-on')).toBe(itemFor(poam, 'first', 'failing').uuid);
  });

  it('keeps quotes, line breaks and unicode intact and still validates', () => {
    const title = 'Encrypt the "prod" bucket — Zürich 東京 ✓';
    const risk = 'Données exposées: \'quoted\' and "double"\nsecond line \\ backslash';
    const source = ' Acme  "prod"\naccounts ';
    const json = planToOscalPoam(
      handPlan([
        gap('unicode', {
          title,
          risk,
          owner: 'People operations',
          resources: [
            { id: 'vendor:Kestrel ID', name: 'Kestrel  ID\n(ÉU)', reason: 'No "report" on file ✗' },
          ],
          source: 'questionnaire',
        }),
      ]),
      { ...ABOUT, source },
    );
    expect(schemaErrors(json)).toEqual([]);
    const poam = poamOf(json);
    // Prop values may not hold line breaks or edge whitespace: the source is tidied, not dropped.
    expect(value(poam.metadata.props, 'source')).toBe('Acme "prod" accounts');
    const item = itemFor(poam, 'unicode', 'failing');
    expect(item.title).toBe(title);
    expect(item.description).toBe(risk);
    expect(poam.observations?.[0]?.description).toBe('No "report" on file ✗');
    expect(value(poam.observations?.[0]?.props, 'answer-subject')).toBe('vendor:Kestrel ID');
    expect(json).toContain('東京');
  });

  it('still validates when a gap lists no resources', () => {
    const json = export_(handPlan([gap('bare', { resources: [] })]));
    expect(schemaErrors(json)).toEqual([]);
    expect(poamOf(json).observations).toBeUndefined();
  });

  it('keeps a control that is both failing and unassessed as two distinct items', () => {
    const json = export_(handPlan([gap('split')], [unassessed('split')]));
    expect(schemaErrors(json)).toEqual([]);
    const poam = poamOf(json);
    const failing = itemFor(poam, 'split', 'failing');
    const unknown = itemFor(poam, 'split', 'not-assessed');
    expect(failing.uuid).not.toBe(unknown.uuid);
    expect(riskOf(poam, unknown).status).toBe('investigating');
    const uuids = definedUuids(poam);
    expect(new Set(uuids).size).toBe(uuids.length);
  });

  it('gives a plan with nothing open a single valid item saying so', () => {
    const json = export_(handPlan([]));
    expect(schemaErrors(json)).toEqual([]);
    const poam = poamOf(json);
    expect(poam['poam-items']).toHaveLength(1);
    expect(poam['poam-items'][0]?.title).toBe('No open items');
    expect(poam.risks).toBeUndefined();
  });

  it('fails validation for a broken document, so the schema check means something', () => {
    const poam = JSON.parse(export_(handPlan([gap('x')]))) as { 'plan-of-action-and-milestones': Poam };
    poam['plan-of-action-and-milestones']['poam-items'][0]!.uuid = 'not-a-uuid';
    expect(schemaErrors(JSON.stringify(poam)).join('\n')).toMatch(/poam-items\/0\/uuid/);
  });
});
