// Entra ID, read once per tenant through Microsoft Graph v1.0: Conditional Access policies, and service
// principals with the credentials of their app registrations. No Graph SDK: a core-client pipeline
// brings the token, the retries (429 with Retry-After included) and the TLS options, and plain GETs
// do the rest. Only credential metadata is kept: never a secret, its hint or a certificate's key.

import { ServiceClient } from '@azure/core-client';
import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import type {
  AppCredential,
  AzureEntra,
  ConditionalAccessPolicy,
  ServicePrincipal,
} from '../../model/azure-snapshot.js';
import {
  isoDate,
  listAll,
  nonArmClientOptions,
  type AzureCollectContext,
  type AzureReadCall,
} from './context.js';
import { parseJson, serviceErrorOf } from './errors.js';

/** Graph's own scope, whatever base URL is used (a sovereign cloud's Graph or a test server). */
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

const CONDITIONAL_ACCESS: AzureReadCall = {
  service: 'graph',
  operation: 'conditionalAccess.policies.list',
  permission: 'Policy.Read.All',
};

const SERVICE_PRINCIPALS: AzureReadCall = {
  service: 'graph',
  operation: 'servicePrincipals.list',
  permission: 'Application.Read.All',
};

/**
 * The app registrations behind the service principals, where client secrets usually live. Named under
 * `servicePrincipals` because it fills that section: the checks find the failure by that fragment.
 */
const APPLICATIONS: AzureReadCall = {
  service: 'graph',
  operation: 'servicePrincipals.applications.list',
  permission: 'Application.Read.All',
};

/**
 * The tenant's Entra ID settings; `undefined` when neither list could be read, so the section says
 * "not read" as a whole. Each list is `undefined` on its own when its call failed (error recorded).
 */
export async function collectEntra(ctx: AzureCollectContext): Promise<AzureEntra | undefined> {
  const graph = graphReader(ctx);
  const [policies, principals] = await Promise.all([
    listAll(ctx, CONDITIONAL_ACCESS, (signal) =>
      graph.list<GraphCaPolicy>('/v1.0/identity/conditionalAccess/policies', signal),
    ),
    readServicePrincipals(ctx, graph),
  ]);
  if (policies === undefined && principals === undefined) return undefined;
  return {
    ...(policies ? { conditionalAccessPolicies: policies.map(toConditionalAccessPolicy) } : {}),
    ...(principals ? { servicePrincipals: principals } : {}),
  };
}

// ---- Graph over a core-client pipeline ----

interface GraphReader {
  /** Every item of a Graph collection, following `@odata.nextLink` to the end. */
  list<T>(path: string, abortSignal: AbortSignal | undefined): AsyncIterable<T>;
}

function graphReader(ctx: AzureCollectContext): GraphReader {
  const client = new ServiceClient({
    ...nonArmClientOptions(ctx),
    credential: ctx.credential,
    credentialScopes: [GRAPH_SCOPE],
  });
  const base = ctx.graphEndpoint.replace(/\/+$/, '');
  return {
    async *list<T>(path: string, abortSignal: AbortSignal | undefined) {
      let url: string | undefined = `${base}${path}`;
      while (url) {
        const page = (await graphGet(client, url, abortSignal)) as GraphPage<T>;
        yield* page.value ?? [];
        url = nextPage(page['@odata.nextLink'], base);
      }
    },
  };
}

interface GraphPage<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

/** The next page, on Graph's own origin only: the bearer token is never sent anywhere else. */
function nextPage(link: string | undefined, base: string): string | undefined {
  if (!link) return undefined;
  const origin = new URL(base).origin;
  if (new URL(link).origin !== origin)
    throw new RestError(`the next page is on ${new URL(link).origin}, not ${origin}; not followed`, {
      code: 'UnexpectedNextLink',
    });
  return link;
}

async function graphGet(client: ServiceClient, url: string, abortSignal: AbortSignal | undefined) {
  const request = createPipelineRequest({
    url,
    method: 'GET',
    headers: createHttpHeaders({ accept: 'application/json' }),
    ...(abortSignal ? { abortSignal } : {}),
  });
  const response = await client.sendRequest(request);
  const body = parseJson(response.bodyAsText);
  if (response.status < 200 || response.status >= 300) throw graphError(response.status, body);
  return body;
}

/** Graph's `{ error: { code, message } }` as a RestError, so `read()` classifies it like an SDK error. */
function graphError(status: number, body: unknown): RestError {
  const error = serviceErrorOf(body);
  return new RestError(error.message ?? `Microsoft Graph answered HTTP ${status}`, {
    statusCode: status,
    code: error.code ?? String(status),
  });
}

// ---- Conditional Access ----

interface GraphCaPolicy {
  id: string;
  displayName?: string | null;
  state: ConditionalAccessPolicy['state'];
  conditions?: {
    users?: Partial<Record<keyof ConditionalAccessPolicy['conditions']['users'], string[] | null>> | null;
    applications?: { includeApplications?: string[] | null; excludeApplications?: string[] | null } | null;
    clientAppTypes?: string[] | null;
  } | null;
  grantControls?: {
    operator?: string | null;
    builtInControls?: string[] | null;
    authenticationStrength?: { requirementsSatisfied?: string | null } | null;
  } | null;
}

function toConditionalAccessPolicy(raw: GraphCaPolicy): ConditionalAccessPolicy {
  // `users` is null on policies for workload identities: they target no user, group or role.
  const users = raw.conditions?.users ?? {};
  const apps = raw.conditions?.applications ?? {};
  const clientAppTypes = raw.conditions?.clientAppTypes;
  return {
    id: raw.id,
    displayName: raw.displayName ?? raw.id,
    state: raw.state,
    conditions: {
      users: {
        includeUsers: users.includeUsers ?? [],
        excludeUsers: users.excludeUsers ?? [],
        includeGroups: users.includeGroups ?? [],
        excludeGroups: users.excludeGroups ?? [],
        includeRoles: users.includeRoles ?? [],
      },
      applications: {
        includeApplications: apps.includeApplications ?? [],
        excludeApplications: apps.excludeApplications ?? [],
      },
      ...(clientAppTypes ? { clientAppTypes } : {}),
    },
    grantControls: toGrantControls(raw.grantControls),
  };
}

/**
 * Grant controls, or `null` when the policy only applies session controls. An authentication strength
 * that satisfies MFA (phishing-resistant MFA, passwordless) counts as `mfa`: Graph lists it apart from
 * the built-in controls, and a policy requiring it asks for more than plain MFA, not less.
 */
function toGrantControls(raw: GraphCaPolicy['grantControls']): ConditionalAccessPolicy['grantControls'] {
  if (!raw) return null;
  const controls = [...(raw.builtInControls ?? [])];
  if (raw.authenticationStrength?.requirementsSatisfied === 'mfa' && !controls.includes('mfa'))
    controls.push('mfa');
  return { operator: raw.operator === 'AND' ? 'AND' : 'OR', builtInControls: controls };
}

// ---- Service principals ----

interface GraphCredential {
  keyId?: string | null;
  displayName?: string | null;
  startDateTime?: string | null;
  endDateTime?: string | null;
}

interface GraphServicePrincipal {
  id: string;
  appId: string;
  displayName?: string | null;
  servicePrincipalType?: string | null;
  passwordCredentials?: GraphCredential[] | null;
  keyCredentials?: GraphCredential[] | null;
}

interface GraphApplication {
  appId: string;
  passwordCredentials?: GraphCredential[] | null;
  keyCredentials?: GraphCredential[] | null;
  federatedIdentityCredentials?: unknown[] | null;
}

/**
 * Service principals with their app registration's credentials merged in. One paged list of the
 * tenant's applications, federated credentials expanded, costs far fewer calls than one per principal
 * (a tenant has hundreds of Microsoft principals with no registration here). When that list fails the
 * section is `undefined`: without the registrations' secrets a principal holding one would pass.
 */
async function readServicePrincipals(
  ctx: AzureCollectContext,
  graph: GraphReader,
): Promise<ServicePrincipal[] | undefined> {
  const principals = await listAll(ctx, SERVICE_PRINCIPALS, (signal) =>
    graph.list<GraphServicePrincipal>(
      '/v1.0/servicePrincipals?$select=id,appId,displayName,servicePrincipalType,passwordCredentials,keyCredentials&$top=999',
      signal,
    ),
  );
  if (!principals) return undefined;
  const applications = await listAll(ctx, APPLICATIONS, (signal) =>
    graph.list<GraphApplication>(
      '/v1.0/applications?$select=id,appId,passwordCredentials,keyCredentials&$expand=federatedIdentityCredentials',
      signal,
    ),
  );
  if (!applications) return undefined;
  const byAppId = new Map(applications.map((app) => [app.appId.toLowerCase(), app]));
  return principals.map((sp) => toServicePrincipal(sp, byAppId.get(sp.appId.toLowerCase())));
}

/**
 * `federatedCredentialCount` is left out for principals with no registration in this tenant (managed
 * identities, other tenants' and Microsoft's apps): their federation is not visible from here.
 */
function toServicePrincipal(sp: GraphServicePrincipal, app: GraphApplication | undefined): ServicePrincipal {
  const federated = app?.federatedIdentityCredentials;
  return {
    id: sp.id,
    appId: sp.appId,
    displayName: sp.displayName ?? sp.appId,
    servicePrincipalType: (sp.servicePrincipalType ??
      'Application') as ServicePrincipal['servicePrincipalType'],
    passwordCredentials: credentials(sp.passwordCredentials, app?.passwordCredentials),
    keyCredentials: credentials(sp.keyCredentials, app?.keyCredentials),
    ...(Array.isArray(federated) ? { federatedCredentialCount: federated.length } : {}),
  };
}

/** Both lists' metadata, one entry per key id: Graph's `hint`, `secretText` and `key` are never copied. */
function credentials(...lists: (GraphCredential[] | null | undefined)[]): AppCredential[] {
  const byKeyId = new Map<string, AppCredential>();
  for (const raw of lists.flatMap((list) => list ?? [])) {
    if (!raw.keyId || byKeyId.has(raw.keyId)) continue;
    const start = isoDate(raw.startDateTime);
    const end = isoDate(raw.endDateTime);
    byKeyId.set(raw.keyId, {
      keyId: raw.keyId,
      ...(raw.displayName ? { displayName: raw.displayName } : {}),
      ...(start ? { startDateTime: start } : {}),
      ...(end ? { endDateTime: end } : {}),
    });
  }
  return [...byKeyId.values()];
}
