// What an Azure SDK error means for us: the kind of failure and a message safe to show and store.

import type { CollectionErrorKind } from '../../model/snapshot.js';

export interface AzureErrorMeaning {
  kind: CollectionErrorKind;
  /** The service's error code (`AuthorizationFailed`, `ResourceNotFound`), or the HTTP status as text. */
  code: string;
  status?: number;
  message: string;
  /** For a denial: the action Azure says was missing, e.g. `Microsoft.Sql/servers/read`. */
  action?: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

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
  if (NETWORK_CODES.has(code) || name === 'AbortError' || /REQUEST_SEND_ERROR/.test(code)) return 'Network';
  if (status === 403 || /AuthorizationFailed|Forbidden|Authorization_RequestDenied/i.test(code))
    return 'AccessDenied';
  if (status === 401 || name === 'AuthenticationError' || name === 'CredentialUnavailableError')
    return 'InvalidCredentials';
  if (status === 429 || /TooManyRequests|Throttl/i.test(code)) return 'Throttled';
  if (status === 404 || /NotFound/i.test(code)) return 'NotFound';
  if (/NotRegistered|FeatureNotEnabled|NotEnabled/i.test(code)) return 'NotEnabled';
  return 'Other';
}

/** The first line of the message, trimmed, bearer tokens masked. */
function safeMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  let text = raw;
  // ARM puts its JSON error body in the message: keep its own message when there is one.
  try {
    const body = JSON.parse(raw) as { error?: { message?: string } };
    if (body.error?.message) text = body.error.message;
  } catch {
    // Not JSON: the message is already words.
  }
  const first = (text.split('\n')[0] ?? '').trim().replace(/Bearer [A-Za-z0-9._-]+/g, 'Bearer …');
  return first.length > 300 ? `${first.slice(0, 297)}…` : first || 'no message';
}
