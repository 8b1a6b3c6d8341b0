// Who a credential signs in as, asked of the cloud with one read-only call (AWS STS
// GetCallerIdentity, an Azure token for Resource Manager). The SDKs load only when asked.

import type { CollectionErrorKind } from '../model/snapshot.js';

/** How the SDKs would pick a credential up, with what we need to try exactly that one. */
export type VerifyTarget =
  | { provider: 'aws'; from: 'environment' | 'web-identity' | 'default' }
  | { provider: 'aws'; from: 'profile'; profile: string; sso: boolean; region?: string }
  | { provider: 'azure'; via: 'cli' | 'environment' | 'managed-identity' | 'default' };

export type IdentityCheck =
  | { ok: true; identity: string; account?: string }
  | { ok: false; kind: CollectionErrorKind; problem: string; nextStep?: string };

export interface VerifyOptions {
  timeoutMs?: number;
}

export const DEFAULT_VERIFY_TIMEOUT_MS = 10_000;

export async function verifyIdentity(
  target: VerifyTarget,
  options: VerifyOptions = {},
): Promise<IdentityCheck> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS;
  const check =
    target.provider === 'aws'
      ? import('./aws/identity.js').then((m) => m.awsIdentity(target, timeoutMs))
      : import('./azure/identity.js').then((m) => m.azureIdentity(target, timeoutMs));
  // Credential providers can wait on things no abort signal reaches (an SSO refresh, a metadata
  // endpoint), so the whole check has its own deadline.
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<IdentityCheck>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          kind: 'Network',
          problem: `no answer within ${Math.round(timeoutMs / 1000)} s`,
          nextStep: 'check the network or proxy, then try again',
        }),
      timeoutMs + 500,
    );
  });
  try {
    return await Promise.race([check, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** A stable key, so one credential used by several listed sources is asked once. */
export function targetKey(target: VerifyTarget): string {
  return JSON.stringify(target);
}
