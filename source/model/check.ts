// A check is metadata plus a pure evaluate(snapshot). One file per check under checks/<provider>/<service>/,
// its id equal to the file name.

import type { CriterionId } from './criteria.js';
import type { Severity, Status } from './finding.js';
import type { AwsSnapshot } from './aws-snapshot.js';
import type { AzureSnapshot } from './azure-snapshot.js';

/** Who usually does the fix. One list, shared with the questionnaires, so plans group cleanly by owner. */
export const OWNER_ROLES = [
  'Cloud platform engineer',
  'Security engineer',
  'Identity administrator',
  'Database administrator',
  'Engineering manager',
  'Compliance lead',
  'CTO',
  'People operations',
] as const;
export type OwnerRole = (typeof OWNER_ROLES)[number];

export function isOwnerRole(value: unknown): value is OwnerRole {
  return typeof value === 'string' && (OWNER_ROLES as readonly string[]).includes(value);
}

/** Hours to close a gap: base + per affected resource, capped. */
export interface Effort {
  baseHours: number;
  perResourceHours: number;
  maxHours: number;
}

export interface Remediation {
  /** What to do, in a sentence or two. */
  summary: string;
  /** A CLI command or IaC snippet that makes the change; questionnaire gaps may have none. */
  snippet?: { language: 'shell' | 'terraform' | 'bicep' | 'json' | 'yaml'; code: string };
}

/**
 * What the plan needs to turn a failing control into a gap: shared by checks and questionnaire rules.
 */
export interface ControlMeta {
  id: string;
  title: string;
  severity: Severity;
  criteria: CriterionId[];
  /** The risk in plain words, for a non-technical reader. */
  risk: string;
  remediation: Remediation;
  effort: Effort;
  owner: OwnerRole;
  /** What an auditor will ask for to see this control operating over a Type II observation window. */
  evidence: string;
  /** Controls (check or rule ids) whose gaps must be closed first (central logging before retention). */
  dependsOn?: string[];
}

export interface CheckMeta extends ControlMeta {
  service: string;
}

/** What evaluate returns; the pipeline adds the check's id, title, severity, criteria and scope. */
export interface CheckResult {
  status: Status;
  resourceId: string;
  resourceName?: string;
  region?: string;
  reason: string;
  evidencedSince?: string;
}

/**
 * `estate` is every snapshot of the same run and provider, this one included: a check that follows a
 * reference out of its account (logs delivered to a central log-archive account, an Activity Log sent
 * to another subscription's workspace) looks there before saying it cannot see the destination.
 */
export interface AwsCheck extends CheckMeta {
  provider: 'aws';
  evaluate(snapshot: AwsSnapshot, estate?: readonly AwsSnapshot[]): CheckResult[];
}

export interface AzureCheck extends CheckMeta {
  provider: 'azure';
  evaluate(snapshot: AzureSnapshot, estate?: readonly AzureSnapshot[]): CheckResult[];
}

export type Check = AwsCheck | AzureCheck;

export function defineAwsCheck(check: Omit<AwsCheck, 'provider'>): AwsCheck {
  return { provider: 'aws', ...check };
}

export function defineAzureCheck(check: Omit<AzureCheck, 'provider'>): AzureCheck {
  return { provider: 'azure', ...check };
}
