// What an AWS SDK error means for us: the kind of failure (so a check can say UNKNOWN and why) and a
// message safe to show and store. Shared by identity checks and collectors.

import type { CollectionErrorKind } from '../../model/snapshot.js';
import { NETWORK_ERROR_CODES, oneLine } from '../errors.js';

const KIND_BY_NAME: Record<string, CollectionErrorKind> = {
  AccessDenied: 'AccessDenied',
  AccessDeniedException: 'AccessDenied',
  UnauthorizedOperation: 'AccessDenied',
  AuthorizationError: 'AccessDenied',
  Forbidden: 'AccessDenied',
  Throttling: 'Throttled',
  ThrottlingException: 'Throttled',
  TooManyRequestsException: 'Throttled',
  RequestLimitExceeded: 'Throttled',
  SlowDown: 'Throttled',
  InvalidClientTokenId: 'InvalidCredentials',
  UnrecognizedClientException: 'InvalidCredentials',
  SignatureDoesNotMatch: 'InvalidCredentials',
  InvalidAccessKeyId: 'InvalidCredentials',
  AuthFailure: 'InvalidCredentials',
  ExpiredToken: 'InvalidCredentials',
  ExpiredTokenException: 'InvalidCredentials',
  RequestExpired: 'InvalidCredentials',
  CredentialsProviderError: 'InvalidCredentials',
  TokenProviderError: 'InvalidCredentials',
  NoSuchEntity: 'NotFound',
  NoSuchBucket: 'NotFound',
  ResourceNotFoundException: 'NotFound',
  OptInRequired: 'NotEnabled',
  SubscriptionRequiredException: 'NotEnabled',
  TimeoutError: 'Network',
  AbortError: 'Network',
};

export interface AwsErrorMeaning {
  kind: CollectionErrorKind;
  /** The error's name as AWS gave it (`ExpiredToken`), for next steps that depend on it. */
  name: string;
  message: string;
}

export function classifyAwsError(error: unknown): AwsErrorMeaning {
  const name = errorName(error);
  const code = (error as { code?: unknown } | null)?.code;
  const kind =
    KIND_BY_NAME[name] ?? (typeof code === 'string' && NETWORK_ERROR_CODES.has(code) ? 'Network' : 'Other');
  return { kind, name, message: safeMessage(error) };
}

function errorName(error: unknown): string {
  if (error && typeof error === 'object') {
    const { name, Code } = error as { name?: unknown; Code?: unknown };
    if (typeof Code === 'string') return Code;
    if (typeof name === 'string') return name;
  }
  return 'Error';
}

/** The first line, trimmed, with anything shaped like an access key id masked. */
export function safeMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  return oneLine(raw.replace(/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, '$1…'));
}
