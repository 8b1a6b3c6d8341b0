// A local stand-in for Azure Resource Manager, Key Vault and Microsoft Graph over HTTPS (the SDKs'
// bearer-token policy refuses plain HTTP), so the SDKs' own request building, paging and response
// parsing run. The certificate is self-signed for 127.0.0.1 and handed to the clients as their CA.
// Also what the fixtures and tests answer with: replies as Azure sends them (lists in pages, errors,
// throttling), handlers that answer some requests in a fixture's stead, and resources' ids and shapes.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { AzureCollectContext } from '../../source/collect/azure/context.js';
import type { CollectionError } from '../../source/model/snapshot.js';

export const SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';
export const TENANT_ID = '72f988bf-0000-4000-8000-000000000001';
/** The fixture subscription's id, which is also its scope. */
export const SUBSCRIPTION = `/subscriptions/${SUBSCRIPTION_ID}`;

export interface AzureRequest {
  method: string;
  /** The path without the query string, e.g. `/subscriptions/s1/providers/Microsoft.Sql/servers`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface AzureReply {
  status?: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless it is already a string. */
  body?: unknown;
}

export type AzureHandler = (request: AzureRequest) => AzureReply | undefined;

export interface AzureWire {
  url: string;
  /** The certificate to trust: pass as `tlsOptions: { ca }` or NODE_EXTRA_CA_CERTS (its file). */
  ca: string;
  caFile: string;
  calls: AzureRequest[];
  close: () => Promise<void>;
}

let certificate: { key: string; cert: string; certFile: string } | undefined;

/** One self-signed certificate per test process (openssl, which .ci/run makes sure is there). */
function selfSigned(): { key: string; cert: string; certFile: string } {
  if (certificate) return certificate;
  const dir = mkdtempSync(join(tmpdir(), 'soc2-azure-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  certificate = {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    certFile: join(dir, 'cert.pem'),
  };
  return certificate;
}

/** Starts the server; `handler` returning undefined answers 404 with an ARM error naming the request. */
export async function azureWire(handler: AzureHandler): Promise<AzureWire> {
  const { key, cert, certFile } = selfSigned();
  const calls: AzureRequest[] = [];
  const server = createServer({ key, cert }, (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'https://127.0.0.1');
      const request: AzureRequest = {
        method: req.method ?? 'GET',
        path: decodeURIComponent(url.pathname),
        query: url.searchParams,
        headers: req.headers,
        body,
      };
      calls.push(request);
      send(
        res,
        handler(request) ??
          armError(404, 'NotStubbed', `the test server has no answer for ${request.method} ${request.path}`),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    ca: cert,
    caFile: certFile,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, reply: AzureReply): void {
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
  res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  res.end(text);
}

// ---- Replies ----

/** A page of an ARM or Graph list: `{ value, nextLink }` (Graph spells it `@odata.nextLink`). */
export function armList(value: readonly unknown[], nextLink?: string): AzureReply {
  return { body: { value, ...(nextLink ? { nextLink } : {}) } };
}

export function graphList(value: readonly unknown[], nextLink?: string): AzureReply {
  return { body: { value, ...(nextLink ? { '@odata.nextLink': nextLink } : {}) } };
}

/**
 * The page of `items` a request asks for when they come in two: the first `firstPage` of them, with a
 * next link (absolute, on the host that was asked) to the rest behind `$skiptoken=page-2`. All of them,
 * with no link, when they fit on the first page.
 */
export function twoPages(
  request: AzureRequest,
  items: readonly unknown[],
  firstPage: number,
  list: typeof armList = armList,
): AzureReply {
  if (request.query.get('$skiptoken') === 'page-2') return list(items.slice(firstPage));
  if (firstPage >= items.length) return list(items);
  const next = new URLSearchParams(request.query);
  next.set('$skiptoken', 'page-2');
  return list(items.slice(0, firstPage), `https://${String(request.headers.host)}${request.path}?${next}`);
}

/** An ARM error reply, as Resource Manager sends it. */
export function armError(status: number, code: string, message: string): AzureReply {
  return { status, headers: { 'x-ms-error-code': code }, body: { error: { code, message } } };
}

/** AuthorizationFailed, naming the action the way Azure does. */
export function authorizationFailed(action: string, scope = SUBSCRIPTION): AzureReply {
  return armError(
    403,
    'AuthorizationFailed',
    `The client 'reader@ledgerline.example' with object id '11111111-1111-1111-1111-111111111111' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid.`,
  );
}

/** Graph's 403, as Graph sends it. */
export function graphDenied(): AzureReply {
  return {
    status: 403,
    body: {
      error: {
        code: 'Authorization_RequestDenied',
        message: 'Insufficient privileges to complete the operation.',
      },
    },
  };
}

/** Too many requests: come back at once (`Retry-After: 0`), so the SDK's retry runs without waiting. */
export function throttled(): AzureReply {
  return {
    ...armError(429, 'TooManyRequests', 'Too many requests, retry after 0 seconds.'),
    headers: { 'retry-after': '0', 'x-ms-error-code': 'TooManyRequests' },
  };
}

// ---- Handlers that override a fixture where they answer ----

/** A request's path ending with this (in any case: ARM paths are case-insensitive), or a test on the request. */
export type RequestMatch = string | ((request: AzureRequest) => boolean);

function matches(request: AzureRequest, match: RequestMatch): boolean {
  return typeof match === 'string'
    ? request.path.toLowerCase().endsWith(match.toLowerCase())
    : match(request);
}

/** Answers the requests `match` picks with `reply`, and nothing else. */
export function answering(
  match: RequestMatch,
  reply: AzureReply | ((request: AzureRequest) => AzureReply),
): AzureHandler {
  return (request) =>
    matches(request, match) ? (typeof reply === 'function' ? reply(request) : reply) : undefined;
}

/**
 * Throttles the first request each of `targets` picks, and answers nothing else; `throttled` holds the
 * requests it turned away.
 */
export function throttledOnce(...targets: RequestMatch[]): AzureHandler & { throttled: AzureRequest[] } {
  const done = new Set<RequestMatch>();
  const turnedAway: AzureRequest[] = [];
  const handler = (request: AzureRequest): AzureReply | undefined => {
    const target = targets.find((t) => !done.has(t) && matches(request, t));
    if (target === undefined) return undefined;
    done.add(target);
    turnedAway.push(request);
    return throttled();
  };
  return Object.assign(handler, { throttled: turnedAway });
}

// ---- Resources as Resource Manager lists them ----

/** The id of a resource of the fixture subscription, e.g. `armResourceId('rg', 'Microsoft.Sql/servers', 'sql-1')`. */
export const armResourceId = (group: string, type: string, name: string): string =>
  `${SUBSCRIPTION}/resourceGroups/${group}/providers/${type}/${name}`;

/** The last segment of an id: the resource's name. */
export const nameOf = (id: string): string => id.split('/').pop() ?? id;

/** What every tracked resource lists first: its id, name (the id's last segment), type, location and tags. */
export function armResource(
  type: string,
  resource: { id: string; location: string; tags?: Record<string, string> | undefined },
): object {
  const { id, location, tags } = resource;
  return { id, name: nameOf(id), type, location, ...(tags ? { tags } : {}) };
}

// ---- The collection context ----

/** A credential that hands out a fixed token and remembers the scopes it was asked for. */
export function fakeCredential(): TokenCredential & { scopes: string[] } {
  const scopes: string[] = [];
  return {
    scopes,
    getToken: async (scope: string | string[]): Promise<AccessToken> => {
      scopes.push(...(Array.isArray(scope) ? scope : [scope]));
      return { token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

/** A collection context pointed at the wire: its endpoint and certificate, quick retries. */
export function azureContext(
  wire: AzureWire,
  errors: CollectionError[] = [],
  credential: TokenCredential = fakeCredential(),
): AzureCollectContext {
  return {
    tenantId: TENANT_ID,
    subscriptionId: SUBSCRIPTION_ID,
    credential,
    clientOptions: {
      endpoint: wire.url,
      tlsOptions: { ca: wire.ca },
      retryOptions: { maxRetries: 2, retryDelayInMs: 5, maxRetryDelayInMs: 20 },
    },
    graphEndpoint: wire.url,
    errors,
  };
}
