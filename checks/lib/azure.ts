// Helpers shared by the Azure checks: finding the collection error behind missing data, going through
// storage accounts, reading NSG address prefixes and port ranges, what a Conditional Access policy
// enforces, and the Activity Log destinations the monitor checks look at.

import type {
  AzureSnapshot,
  BlobContainer,
  ConditionalAccessPolicy,
  DiagnosticSetting,
  NsgRule,
  ServicePrincipal,
  StorageAccount,
} from '../../source/model/azure-snapshot.js';
import type { CheckResult } from '../../source/model/check.js';
import type { CollectionError } from '../../source/model/snapshot.js';
import type { Where } from './results.js';
import { fail, notCollectedReason, unknown, unreadReason } from './results.js';
import { azureSubscriptionId, azureTenantId } from './scope.js';

// ---- Collection errors ----

export interface AzureErrorQuery {
  /**
   * Service names without the `Microsoft.` prefix, any case: `sql` matches `Microsoft.Sql`. Collectors
   * name Azure services by resource provider and Graph as `graph`; accepting both spellings keeps a
   * check from reporting "not collected" over a naming difference.
   */
  services: readonly string[];
  /** A fragment of the operation name, any case: `conditionalAccess` matches `conditionalAccess.policies.list`. */
  operation?: string;
  /**
   * The resource the missing data is about; an error about its parent or a child explains it too. Several
   * ids when the resource has more than one form (a key's data-plane URL and its vault's ARM id).
   */
  resourceId?: string | readonly string[];
}

function serviceKey(service: string): string {
  return service.toLowerCase().replace(/^microsoft\./, '');
}

/** Azure resource ids are case-insensitive. */
export function sameAzureId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function relatedIds(a: string, b: string): boolean {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x === y || x.startsWith(`${y}/`) || y.startsWith(`${x}/`);
}

/**
 * The recorded error that explains missing data: one about the resource (or its parent or child) first,
 * then one about the whole service. Errors about unrelated resources never explain it.
 */
export function findAzureError(snapshot: AzureSnapshot, query: AzureErrorQuery): CollectionError | undefined {
  const services = query.services.map(serviceKey);
  const operation = query.operation?.toLowerCase();
  const candidates = snapshot.errors.filter(
    (e) =>
      services.includes(serviceKey(e.service)) &&
      (operation === undefined || e.operation.toLowerCase().includes(operation)),
  );
  const about = query.resourceId === undefined ? [] : [query.resourceId].flat();
  const aboutIt = about
    .map((id) => candidates.find((e) => e.resourceId !== undefined && relatedIds(e.resourceId, id)))
    .find((e) => e !== undefined);
  return aboutIt ?? candidates.find((e) => e.resourceId === undefined);
}

export interface UnreadOptions {
  /** The permission that reads the data, added when the recorded error does not name it. */
  needs?: string;
  /** The resource the verdict is about, when the finding alone would not make it plain. */
  subject?: string;
}

/**
 * "Could not assess: Microsoft.Sql serverBlobAuditingPolicies.get failed with AccessDenied ...", or, when
 * no error was recorded, "Could not assess: no data was collected for `what` in this snapshot."
 */
export function azureUnreadReason(
  snapshot: AzureSnapshot,
  query: AzureErrorQuery,
  what: string,
  options: UnreadOptions = {},
): string {
  const error = findAzureError(snapshot, query);
  let reason = error
    ? unreadReason(snapshot, {
        service: error.service,
        operation: error.operation,
        resourceId: error.resourceId,
      })
    : notCollectedReason(what);
  if (options.subject) reason = reason.replace(/^Could not assess:/, `Could not assess ${options.subject}:`);
  if (options.needs && !reason.includes(options.needs))
    reason = `${reason.replace(/\.$/, '')} (needs ${options.needs}).`;
  return reason;
}

/** One UNKNOWN for the tenant or subscription when a whole section could not be read. */
export function azureUnreadService(
  snapshot: AzureSnapshot,
  scopeResourceId: string,
  query: AzureErrorQuery,
  what: string,
  options: UnreadOptions = {},
): CheckResult[] {
  return [unknown(scopeResourceId, azureUnreadReason(snapshot, query, what, options))];
}

// ---- Snapshot sections ----

interface SectionRead {
  /** Finds the failed call that left the section out. */
  query: AzureErrorQuery;
  /** What the section holds, as the reason names it. */
  what: string;
  /** What the one UNKNOWN is about: the tenant for Entra ID, else the subscription. */
  scope: 'tenant' | 'subscription';
  /** The Microsoft Graph permission that reads it: the Azure Reader role does not reach Entra ID. */
  needs?: string;
}

/** How each section is reported when it was not read, kept here so every check that reads it agrees. */
const SECTIONS = {
  storageAccounts: {
    query: { services: ['storage'], operation: 'storageAccounts' },
    what: 'storage accounts',
    scope: 'subscription',
  },
  sqlServers: {
    query: { services: ['sql'], operation: 'servers' },
    what: 'SQL servers',
    scope: 'subscription',
  },
  keyVaults: {
    query: { services: ['keyvault'], operation: 'vaults' },
    what: 'key vaults',
    scope: 'subscription',
  },
  roleAssignments: {
    query: { services: ['authorization'], operation: 'roleAssignments' },
    what: 'role assignments',
    scope: 'subscription',
  },
  policyAssignments: {
    query: { services: ['authorization', 'policyinsights'], operation: 'policyAssignments' },
    what: 'policy assignments',
    scope: 'subscription',
  },
  diagnosticSettings: {
    query: { services: ['insights', 'monitor'], operation: 'diagnosticSettings' },
    what: 'subscription diagnostic settings',
    scope: 'subscription',
  },
  defenderPlans: {
    query: { services: ['security'], operation: 'pricings' },
    what: 'Defender for Cloud plans',
    scope: 'subscription',
  },
  networkSecurityGroups: {
    query: { services: ['network'], operation: 'networkSecurityGroups' },
    what: 'network security groups',
    scope: 'subscription',
  },
  conditionalAccessPolicies: {
    query: { services: ['graph', 'entra'], operation: 'conditionalAccess' },
    what: 'Conditional Access policies',
    scope: 'tenant',
    needs: 'Policy.Read.All',
  },
  servicePrincipals: {
    query: { services: ['graph', 'entra'], operation: 'servicePrincipals' },
    what: 'service principals',
    scope: 'tenant',
    needs: 'Application.Read.All',
  },
} satisfies Record<string, SectionRead>;

export type AzureSection = keyof typeof SECTIONS;

/** One UNKNOWN for the tenant or subscription when a section of the snapshot was not read. */
export function unreadSection(snapshot: AzureSnapshot, section: AzureSection): CheckResult[] {
  const read: SectionRead = SECTIONS[section];
  const scope = read.scope === 'tenant' ? azureTenantId(snapshot) : azureSubscriptionId(snapshot);
  return azureUnreadService(snapshot, scope, read.query, read.what, { needs: read.needs });
}

/** One finding per storage account from `assess`, or one UNKNOWN when the accounts were not read. */
export function assessStorageAccounts(
  snapshot: AzureSnapshot,
  assess: (account: StorageAccount, where: Where) => CheckResult,
): CheckResult[] {
  if (!snapshot.storage) return unreadSection(snapshot, 'storageAccounts');
  return snapshot.storage.accounts.map((account) =>
    assess(account, { resourceName: account.name, region: account.location }),
  );
}

/** The last segment of a resource id: the resource's own name. */
export function nameFromId(id: string): string {
  return id.split('/').filter(Boolean).pop() ?? id;
}

/** `subscription ledgerline-payments-prod`, or the id when the name is unknown. */
export function subscriptionLabel(snapshot: AzureSnapshot): string {
  return `subscription ${snapshot.subscriptionName ?? snapshot.subscriptionId}`;
}

/** `1 client secret`, `2 client secrets` */
export function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `'a', 'b' and 'c'` */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

// ---- Network security groups ----

/** Address prefixes and service tags that let in anyone on the internet. */
const ANY_SOURCE = new Set(['*', 'internet', 'any', '0.0.0.0', '0.0.0.0/0', '::/0']);

export function isAnySource(prefix: string): boolean {
  return ANY_SOURCE.has(prefix.trim().toLowerCase());
}

/** `[from, to]` for `22`, `20-25` and `*`; `undefined` for anything unparseable. */
export function parsePortRange(range: string): [number, number] | undefined {
  const text = range.trim();
  if (text === '*') return [0, 65535];
  const match = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(text);
  if (!match) return undefined;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  return from <= to ? [from, to] : undefined;
}

export function portRangeCovers(range: string, port: number): boolean {
  const parsed = parsePortRange(range);
  return parsed !== undefined && parsed[0] <= port && port <= parsed[1];
}

/** `*`, or a range spanning every port (`0-65535`, `1-65535`). */
export function isAllPorts(range: string): boolean {
  const parsed = parsePortRange(range);
  return parsed !== undefined && parsed[0] <= 1 && parsed[1] >= 65535;
}

/** SSH and RDP both run over TCP; a rule for UDP or ICMP only does not open them. */
export function carriesTcp(rule: NsgRule): boolean {
  return rule.protocol === '*' || rule.protocol.toLowerCase() === 'tcp';
}

export function isInboundFromAnyone(rule: NsgRule): boolean {
  return rule.direction === 'Inbound' && rule.sourceAddressPrefixes.some(isAnySource);
}

// ---- Entra ID ----

/** Built-in role template id of Global Administrator, the role every admin-scoped policy must cover. */
export const GLOBAL_ADMINISTRATOR_ROLE = '62e90394-69f5-4237-9190-012177145e10';

/** Break-glass accounts are kept out of Conditional Access on purpose; more exclusions than this is a hole. */
export const MAX_CA_EXCLUSIONS = 2;

/** Who a Conditional Access policy applies to, as far as these checks care. */
export function caAudience(policy: ConditionalAccessPolicy): 'all users' | 'admin roles' | undefined {
  const users = policy.conditions.users;
  if (users.includeUsers.includes('All')) return 'all users';
  if (users.includeRoles.includes(GLOBAL_ADMINISTRATOR_ROLE)) return 'admin roles';
  return undefined;
}

/**
 * Why a policy's scope falls short of "everyone (or every admin), every app, every client", as phrases
 * to join into a reason; empty when it does not.
 */
function caScopeGaps(policy: ConditionalAccessPolicy, audiences: readonly string[]): string[] {
  const { users, applications } = policy.conditions;
  const gaps: string[] = [];
  const audience = caAudience(policy);
  if (audience === undefined || !audiences.includes(audience))
    gaps.push(audiences.length > 1 ? 'covers neither all users nor admin roles' : 'does not cover all users');
  const excluded = users.excludeUsers.length + users.excludeGroups.length;
  if (excluded > MAX_CA_EXCLUSIONS)
    gaps.push(`excludes ${excluded} users or groups (more than ${MAX_CA_EXCLUSIONS} break-glass accounts)`);
  if (!applications.includeApplications.includes('All')) gaps.push('does not cover all cloud apps');
  const clients = policy.conditions.clientAppTypes;
  if (clients && clients.length > 0 && !clients.includes('all'))
    gaps.push(`applies only to ${clients.join(', ')} clients`);
  return gaps;
}

/** Report-only and disabled policies enforce nothing, however well they are scoped. */
function caStateGap(policy: ConditionalAccessPolicy): string | undefined {
  if (policy.state === 'enabledForReportingButNotEnforced') return 'is report-only (enforces nothing)';
  if (policy.state === 'disabled') return 'is disabled';
  return undefined;
}

const CONTROL_NAMES: Record<string, string> = {
  mfa: 'MFA',
  compliantDevice: 'a compliant device',
  domainJoinedDevice: 'a domain-joined device',
  approvedApplication: 'an approved client app',
  compliantApplication: 'an app protection policy',
  passwordChange: 'a password change',
};

/** Grant controls in words: `compliantDevice` reads "a compliant device". */
function grantControlName(control: string): string {
  return CONTROL_NAMES[control] ?? control;
}

/** What a Conditional Access check wants every sign-in to go through, and whom it must cover. */
export interface CaRequirement {
  /** Built-in grant controls that meet it; any one of them will do. */
  controls: readonly string[];
  /** How reasons name it: `MFA`, `a managed device`. */
  name: string;
  /** Who a policy may target and still count (`all users`, `admin roles`). */
  audiences: readonly string[];
  /** What it costs when another control can stand in, added to that gap. */
  bypassed?: string;
}

/**
 * The requirement must be required, not offered as one way in: with OR, any other control in the policy
 * satisfies it instead ("MFA or a compliant device" lets an unmanaged laptop in with MFA alone).
 */
function grantGap(policy: ConditionalAccessPolicy, requirement: CaRequirement): string | undefined {
  const { controls, name, bypassed } = requirement;
  const granted = policy.grantControls?.builtInControls ?? [];
  if (!granted.some((c) => controls.includes(c))) return `does not require ${name}`;
  const others = granted.filter((c) => !controls.includes(c));
  if (policy.grantControls?.operator === 'OR' && others.length > 0)
    return `accepts ${others.map(grantControlName).join(' or ')} instead of ${name}${bypassed ? `, ${bypassed}` : ''}`;
  return undefined;
}

/** Why a policy does not enforce the requirement, as phrases to join into a reason; empty when it does. */
export function caShortfalls(policy: ConditionalAccessPolicy, requirement: CaRequirement): string[] {
  return [
    caStateGap(policy),
    ...caScopeGaps(policy, requirement.audiences),
    grantGap(policy, requirement),
  ].filter((gap): gap is string => gap !== undefined);
}

/**
 * Policies that ask for the requirement yet fall short, each as "'name' gap, gap and gap", so a failing
 * reason shows why the policies that look right do not count.
 */
export function caNearMisses(
  policies: readonly ConditionalAccessPolicy[],
  requirement: CaRequirement,
): string[] {
  return policies
    .filter((p) => p.grantControls?.builtInControls.some((c) => requirement.controls.includes(c)))
    .map((p) => `'${p.displayName}' ${listOf(caShortfalls(p, requirement))}`);
}

export function servicePrincipalResourceId(snapshot: AzureSnapshot, sp: ServicePrincipal): string {
  return `${azureTenantId(snapshot)}/servicePrincipals/${sp.id}`;
}

// ---- Activity Log destinations (monitor checks) ----

/** Diagnostic settings that send at least one Activity Log category to storage or a workspace. */
export function activityLogExports(snapshot: AzureSnapshot): DiagnosticSetting[] {
  return (snapshot.monitor?.activityLogDiagnosticSettings ?? []).filter(
    (s) => (s.storageAccountId || s.workspaceId) && s.logs.some((l) => l.enabled),
  );
}

export function storageAccountById(snapshot: AzureSnapshot, id: string): StorageAccount | undefined {
  return snapshot.storage?.accounts.find((a) => sameAzureId(a.id, id));
}

/** Azure Monitor writes the exported Activity Log into this container of the destination account. */
export const ACTIVITY_LOG_CONTAINER = 'insights-activity-logs';

/** What evaluating one destination gave; the monitor checks combine them into one finding. */
export interface Verdict {
  status: CheckResult['status'];
  reason: string;
}

/** Any PASS wins; otherwise UNKNOWN beats FAIL, because the unread destination might pass. */
export function bestVerdict(verdicts: Verdict[]): Verdict['status'] {
  if (verdicts.some((v) => v.status === 'PASS')) return 'PASS';
  if (verdicts.some((v) => v.status === 'UNKNOWN')) return 'UNKNOWN';
  return 'FAIL';
}

/**
 * The snapshot of the subscription a resource id belongs to, when the run read it; else `from` (whose
 * reason then says the resource is not in it). Activity Logs are often sent to a central subscription.
 */
export function holderOf(
  from: AzureSnapshot,
  estate: readonly AzureSnapshot[],
  resourceId: string,
): AzureSnapshot {
  const subscription = /^\/subscriptions\/([^/]+)/i.exec(resourceId)?.[1];
  if (!subscription || sameAzureId(subscription, from.subscriptionId)) return from;
  return estate.find((s) => sameAzureId(s.subscriptionId, subscription)) ?? from;
}

/**
 * The `insights-activity-logs` container of an Activity Log destination account, or the verdict that
 * explains why it cannot be judged: the account lives in another subscription, its containers could
 * not be listed, or the container does not exist.
 */
export function activityLogContainer(
  from: AzureSnapshot,
  accountId: string,
  estate: readonly AzureSnapshot[] = [from],
): BlobContainer | Verdict {
  const snapshot = holderOf(from, estate, accountId);
  const name = nameFromId(accountId);
  if (!snapshot.storage) {
    const { query, what } = SECTIONS.storageAccounts;
    const reason = azureUnreadReason(snapshot, query, what, { subject: `storage account ${name}` });
    return { status: 'UNKNOWN', reason };
  }
  const account = storageAccountById(snapshot, accountId);
  if (!account)
    return {
      status: 'UNKNOWN',
      reason: `Storage account ${name} receives the Activity Log but is not in this snapshot; scan the subscription that holds it.`,
    };
  if (!account.containers) {
    const query = { services: ['storage'], operation: 'container', resourceId: account.id };
    const reason = azureUnreadReason(snapshot, query, 'blob containers', {
      subject: `containers of ${name}`,
    });
    return { status: 'UNKNOWN', reason };
  }
  const container = account.containers.find((c) => c.name === ACTIVITY_LOG_CONTAINER);
  if (!container)
    return {
      status: 'FAIL',
      reason: `Storage account ${name} has no ${ACTIVITY_LOG_CONTAINER} container, so no policy protects the exported logs.`,
    };
  return container;
}

export function isVerdict(value: BlobContainer | Verdict): value is Verdict {
  return 'status' in value;
}

/** The verdicts that decided a combined status, as one reason. */
export function combineVerdicts(verdicts: Verdict[]): Verdict {
  const status = bestVerdict(verdicts);
  const reasons = verdicts.filter((v) => v.status === status).map((v) => v.reason.replace(/\.$/, ''));
  return { status, reason: `${reasons.join('; ')}.` };
}

/**
 * The one finding on how the subscription keeps its Activity Log: FAIL when it is not exported at all
 * (`notExported` says what that costs), else the verdicts `judge` gives its exports, combined.
 */
export function assessActivityLogExports(
  snapshot: AzureSnapshot,
  notExported: string,
  judge: (exports: DiagnosticSetting[]) => Verdict[],
): CheckResult[] {
  if (!snapshot.monitor) return unreadSection(snapshot, 'diagnosticSettings');
  const subscription = azureSubscriptionId(snapshot);
  const where = { resourceName: snapshot.subscriptionName ?? snapshot.subscriptionId };
  const exports = activityLogExports(snapshot);
  if (exports.length === 0)
    return [
      fail(
        subscription,
        `The Activity Log of ${subscriptionLabel(snapshot)} is not exported, ${notExported}.`,
        where,
      ),
    ];
  const { status, reason } = combineVerdicts(judge(exports));
  return [{ status, resourceId: subscription, reason, ...where }];
}
