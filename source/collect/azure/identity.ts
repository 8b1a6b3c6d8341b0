// Azure: ask the credential for a Resource Manager token and read who it names from its claims. The
// token itself is dropped at once: never shown, logged or stored.

import { AzureCliCredential, type TokenCredential } from '@azure/identity';
import { oneLine } from '../errors.js';
import type { IdentityCheck } from '../identity.js';
import { azureCredentialFor, type AzureTarget } from './credentials.js';

const ARM_SCOPE = 'https://management.azure.com/.default';

export async function azureIdentity(target: AzureTarget, timeoutMs: number): Promise<IdentityCheck> {
  const credential: TokenCredential =
    target.via === 'cli'
      ? new AzureCliCredential({ processTimeoutInMs: timeoutMs })
      : azureCredentialFor(target);
  try {
    const token = await credential.getToken(ARM_SCOPE, { abortSignal: AbortSignal.timeout(timeoutMs) });
    if (!token) return { ok: false, kind: 'InvalidCredentials', problem: 'no token was issued' };
    const claims = tokenClaims(token.token);
    const who =
      claims.upn ??
      claims.unique_name ??
      claims.preferred_username ??
      (claims.appid ? `application ${claims.appid}` : undefined);
    return {
      ok: true,
      identity: who ?? claims.oid ?? 'signed in (the token names no user)',
      ...(claims.tid ? { account: `tenant ${claims.tid}` } : {}),
    };
  } catch (error) {
    return describeFailure(target, error);
  }
}

interface Claims {
  upn?: string;
  unique_name?: string;
  preferred_username?: string;
  appid?: string;
  oid?: string;
  tid?: string;
}

/** The identity claims of a JWT's payload; the signature is Azure's business, not ours. */
export function tokenClaims(jwt: string): Claims {
  const payload = jwt.split('.')[1];
  if (!payload) return {};
  try {
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const claims: Claims = {};
    for (const key of ['upn', 'unique_name', 'preferred_username', 'appid', 'oid', 'tid'] as const) {
      const value = parsed[key];
      if (typeof value === 'string' && value) claims[key] = value;
    }
    return claims;
  } catch {
    return {};
  }
}

function describeFailure(target: AzureTarget, error: unknown): IdentityCheck {
  const name = error instanceof Error ? error.name : 'Error';
  const problem = oneLine(error instanceof Error ? error.message : String(error));
  if (/could not be found|not recognized/i.test(problem))
    return {
      ok: false,
      kind: 'InvalidCredentials',
      problem: 'the Azure CLI is not installed',
      nextStep: 'install the Azure CLI, then az login',
    };
  if (target.via === 'cli' && /az login|expired|AADSTS700082|AADSTS50173/i.test(problem))
    return { ok: false, kind: 'InvalidCredentials', problem, nextStep: 'sign in again: az login' };
  if (name === 'AbortError' || /timed? ?out|ETIMEDOUT|ENOTFOUND|ECONNREFUSED/i.test(problem))
    return { ok: false, kind: 'Network', problem, nextStep: 'check the network or proxy, then try again' };
  if (target.via === 'environment' && /AADSTS7000215|AADSTS7000222|invalid_client/i.test(problem))
    return {
      ok: false,
      kind: 'InvalidCredentials',
      problem,
      nextStep: 'the client secret is wrong or expired: issue a new one, or better, use a managed identity',
    };
  if (target.via === 'managed-identity')
    return {
      ok: false,
      kind: 'InvalidCredentials',
      problem,
      nextStep: 'managed identities work only on Azure machines',
    };
  return { ok: false, kind: name === 'AuthenticationError' ? 'InvalidCredentials' : 'Other', problem };
}
