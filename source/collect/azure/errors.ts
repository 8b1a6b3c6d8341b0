// What an Azure SDK error means for us: the kind of failure and a message safe to show and store.

import type { CollectionErrorKind } from '../../model/snapshot.js';
import { NETWORK_ERROR_CODES, oneLine } from '../errors.js';

export interface AzureErrorMeaning {
  kind: CollectionErrorKind;
  /** The service's error code (`AuthorizationFailed`, `ResourceNotFound`), or the HTTP status as text. */
  code: string;
  status?: number;
  message: string;
  /** For a denial: the action Azure says was missing, e.g. `Microsoft.Sql/servers/read`. */
  action?: string;
}

export function classifyAzureError(error: unknown): AzureErrorMeaning {
  const e = (error ?? {}) as { statusCode?: unknown; code?: unknown; name?: unknown; message?: unknown };
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const code =
    typeof e.code === 'string' ? e.code : status !== undefined ? String(status) : String(e.name ?? 'Error');
  const text = safeMessage(error);
  // Paged lists lose the service's message ("Pagination failed with unexpected statusCode 403"): keep its code.
  const message = /^[A-Za-z_]+$/.test(code) && !text.includes(code) ? `${code}: ${text}` : text;
  const action = /perform action '([^']+)'/.exec(message)?.[1];
  return {
    kind: kindOf(status, code, String(e.name ?? '')),
    code,
    ...(status !== undefined ? { status } : {}),
    message,
    ...(action ? { action } : {}),
  };
}

function kindOf(status: number | undefined, code: string, name: string): CollectionErrorKind {
  // First: ENOTFOUND is a DNS failure, not a missing resource.
  if (NETWORK_ERROR_CODES.has(code) || name === 'AbortError' || /REQUEST_SEND_ERROR/.test(code))
    return 'Network';
  if (status === 403 || /AuthorizationFailed|Forbidden|Authorization_RequestDenied/i.test(code))
    return 'AccessDenied';
  if (status === 401 || name === 'AuthenticationError' || name === 'CredentialUnavailableError')
    return 'InvalidCredentials';
  if (status === 429 || /TooManyRequests|Throttl/i.test(code)) return 'Throttled';
  if (status === 404 || /NotFound/i.test(code)) return 'NotFound';
  if (/NotRegistered|FeatureNotEnabled|NotEnabled/i.test(code)) return 'NotEnabled';
  return 'Other';
}

/** The first line of the message, bearer tokens masked; ARM's JSON error body read for its own message. */
function safeMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const text = serviceErrorOf(parseJson(raw)).message ?? raw;
  return oneLine(text.replace(/Bearer [A-Za-z0-9._-]+/g, 'Bearer …'));
}

/** JSON text as a value; undefined when it is empty or not JSON. */
export function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The `{ error: { code, message } }` that Resource Manager, Key Vault and Graph send with a failure;
 * each part only when it is a non-empty string.
 */
export function serviceErrorOf(body: unknown): { code?: string; message?: string } {
  const error = (body as { error?: { code?: unknown; message?: unknown } | null } | null | undefined)?.error;
  return {
    ...(typeof error?.code === 'string' && error.code ? { code: error.code } : {}),
    ...(typeof error?.message === 'string' && error.message ? { message: error.message } : {}),
  };
}
