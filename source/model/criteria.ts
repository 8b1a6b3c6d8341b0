// The 61 Trust Services Criteria (AICPA TSP section 100, 2017, revised points of focus 2022).
// This is the one list of criteria in the product: ids, categories and short titles in our own words.

export type Category = 'security' | 'availability' | 'confidentiality' | 'processing-integrity' | 'privacy';

export const CATEGORIES: readonly { id: Category; title: string; prefix: string }[] = [
  { id: 'security', title: 'Security (Common Criteria)', prefix: 'CC' },
  { id: 'availability', title: 'Availability', prefix: 'A' },
  { id: 'confidentiality', title: 'Confidentiality', prefix: 'C' },
  { id: 'processing-integrity', title: 'Processing Integrity', prefix: 'PI' },
  { id: 'privacy', title: 'Privacy', prefix: 'P' },
];

export const CRITERIA = [
  // CC1 Control environment
  { id: 'CC1.1', title: 'Leadership shows commitment to integrity and ethical values' },
  { id: 'CC1.2', title: 'The board is independent and oversees internal control' },
  { id: 'CC1.3', title: 'Management sets structures, reporting lines and responsibilities' },
  { id: 'CC1.4', title: 'The organisation attracts, develops and keeps competent people' },
  { id: 'CC1.5', title: 'People are held accountable for their control duties' },
  // CC2 Communication and information
  { id: 'CC2.1', title: 'Relevant, quality information supports internal control' },
  { id: 'CC2.2', title: 'Control objectives and duties are communicated internally' },
  { id: 'CC2.3', title: 'Control matters are communicated with outside parties' },
  // CC3 Risk assessment
  { id: 'CC3.1', title: 'Objectives are clear enough to identify risks against them' },
  { id: 'CC3.2', title: 'Risks to objectives are identified and analysed' },
  { id: 'CC3.3', title: 'The potential for fraud is considered when assessing risk' },
  { id: 'CC3.4', title: 'Changes that could affect internal control are identified and assessed' },
  // CC4 Monitoring activities
  { id: 'CC4.1', title: 'Controls are evaluated on an ongoing or separate basis' },
  { id: 'CC4.2', title: 'Control deficiencies are reported and fixed in time' },
  // CC5 Control activities
  { id: 'CC5.1', title: 'Control activities are chosen to bring risks down to acceptable levels' },
  { id: 'CC5.2', title: 'General controls over technology are chosen and developed' },
  { id: 'CC5.3', title: 'Policies say what is expected and procedures put them into action' },
  // CC6 Logical and physical access
  {
    id: 'CC6.1',
    title: 'Logical access to information assets is secured (identity, access, encryption keys)',
  },
  { id: 'CC6.2', title: 'Users are registered, authorised and removed before and after access' },
  { id: 'CC6.3', title: 'Access is granted, changed and removed by role, least privilege and separation' },
  { id: 'CC6.4', title: 'Physical access to facilities and protected assets is restricted' },
  { id: 'CC6.5', title: 'Data and software are protected when assets are disposed of' },
  { id: 'CC6.6', title: 'Threats from outside the system boundary are kept out' },
  { id: 'CC6.7', title: 'Data is protected in transit and its movement is restricted' },
  { id: 'CC6.8', title: 'Unauthorised or malicious software is prevented or detected' },
  // CC7 System operations
  { id: 'CC7.1', title: 'Configuration changes and new vulnerabilities are detected' },
  { id: 'CC7.2', title: 'System components are monitored for anomalies and attacks' },
  { id: 'CC7.3', title: 'Security events are evaluated to decide whether they are incidents' },
  { id: 'CC7.4', title: 'Incidents are responded to with a defined programme' },
  { id: 'CC7.5', title: 'The organisation recovers from identified incidents' },
  // CC8 Change management
  { id: 'CC8.1', title: 'Changes to infrastructure and software are authorised, tested and approved' },
  // CC9 Risk mitigation
  { id: 'CC9.1', title: 'Risks of business disruption are mitigated' },
  { id: 'CC9.2', title: 'Risks from vendors and business partners are assessed and managed' },
  // Availability
  { id: 'A1.1', title: 'Capacity is planned and monitored to meet commitments' },
  { id: 'A1.2', title: 'Environmental protections, backups and recovery infrastructure are in place' },
  { id: 'A1.3', title: 'Recovery plan procedures are tested' },
  // Confidentiality
  { id: 'C1.1', title: 'Confidential information is identified and protected' },
  { id: 'C1.2', title: 'Confidential information is disposed of as committed' },
  // Processing integrity
  { id: 'PI1.1', title: 'Processing objectives and data definitions are documented and used' },
  { id: 'PI1.2', title: 'System inputs are complete and accurate' },
  { id: 'PI1.3', title: 'Processing is complete, accurate and timely' },
  { id: 'PI1.4', title: 'Outputs are complete, accurate and delivered only to the intended parties' },
  { id: 'PI1.5', title: 'Stored inputs, items in processing and outputs are complete and accurate' },
  // Privacy
  { id: 'P1.1', title: 'People are told how their personal information is handled' },
  { id: 'P2.1', title: 'Choices and consent about personal information are communicated and recorded' },
  { id: 'P3.1', title: 'Only the personal information needed is collected' },
  { id: 'P3.2', title: 'Explicit consent is obtained where required' },
  { id: 'P4.1', title: 'Personal information is used only for the stated purposes' },
  { id: 'P4.2', title: 'Personal information is kept only as long as needed' },
  { id: 'P4.3', title: 'Personal information is disposed of securely' },
  { id: 'P5.1', title: 'People can access their personal information' },
  { id: 'P5.2', title: 'People can correct their personal information' },
  { id: 'P6.1', title: 'Personal information is disclosed to third parties only with consent' },
  { id: 'P6.2', title: 'Authorised disclosures are recorded' },
  { id: 'P6.3', title: 'Unauthorised disclosures are recorded' },
  { id: 'P6.4', title: 'Vendors handling personal information meet privacy commitments' },
  { id: 'P6.5', title: 'Vendors report unauthorised disclosures' },
  { id: 'P6.6', title: 'Affected people are notified of breaches' },
  { id: 'P6.7', title: 'People can get an account of their personal information held' },
  { id: 'P7.1', title: 'Personal information is accurate, complete and relevant' },
  { id: 'P8.1', title: 'Privacy complaints and disputes are handled and monitored' },
] as const satisfies readonly { id: string; title: string }[];

export type CriterionId = (typeof CRITERIA)[number]['id'];

export interface Criterion {
  id: CriterionId;
  title: string;
  category: Category;
}

const byId = new Map<string, Criterion>(
  CRITERIA.map((c) => [c.id, { id: c.id, title: c.title, category: categoryOfId(c.id) }]),
);

function categoryOfId(id: string): Category {
  if (id.startsWith('CC')) return 'security';
  if (id.startsWith('PI')) return 'processing-integrity';
  if (id.startsWith('A')) return 'availability';
  if (id.startsWith('C')) return 'confidentiality';
  return 'privacy';
}

export function isCriterionId(value: unknown): value is CriterionId {
  return typeof value === 'string' && byId.has(value);
}

export function criterion(id: CriterionId): Criterion {
  const found = byId.get(id);
  if (!found) throw new Error(`unknown criterion ${id}`);
  return found;
}

export function allCriteria(): Criterion[] {
  return [...byId.values()];
}

export function categoryOf(id: CriterionId): Category {
  return criterion(id).category;
}

/** Criteria ids sort in the order the AICPA lists them (CC1.1 < CC1.2 < ... < CC9.2 < A1.1 ...). */
const position = new Map<string, number>(CRITERIA.map((c, i) => [c.id, i]));

export function compareCriteria(a: CriterionId, b: CriterionId): number {
  return (position.get(a) ?? 0) - (position.get(b) ?? 0);
}
