// AWS: STS GetCallerIdentity with the exact credential a source names. It needs no permission, so a
// failure means the credential itself is missing, expired or revoked, or AWS is out of reach.

import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { IdentityCheck } from '../identity.js';
import { credentialsFor, regionFor, type AwsTarget } from './credentials.js';
import { classifyAwsError } from './errors.js';

export async function awsIdentity(target: AwsTarget, timeoutMs: number): Promise<IdentityCheck> {
  const client = new STSClient({
    // STS answers in every region; the profile's region keeps traffic where the user expects it.
    region: regionFor(target),
    credentials: credentialsFor(target),
    maxAttempts: 2,
    requestHandler: { connectionTimeout: Math.min(3000, timeoutMs), requestTimeout: timeoutMs },
  });
  try {
    const out = await client.send(new GetCallerIdentityCommand({}), {
      abortSignal: AbortSignal.timeout(timeoutMs),
    });
    if (!out.Account || !out.Arn)
      return { ok: false, kind: 'Other', problem: 'AWS STS answered without an account or identity' };
    return { ok: true, identity: out.Arn, account: out.Account };
  } catch (error) {
    const meaning = classifyAwsError(error);
    const nextStep = nextStepFor(target, meaning.name, meaning.message, meaning.kind);
    return { ok: false, kind: meaning.kind, problem: meaning.message, ...(nextStep ? { nextStep } : {}) };
  } finally {
    client.destroy();
  }
}

function nextStepFor(target: AwsTarget, name: string, message: string, kind: string): string | undefined {
  const expired = /expired/i.test(name) || /expired|refresh/i.test(message);
  if (target.from === 'profile' && target.sso && (expired || kind === 'InvalidCredentials'))
    return `sign in again: aws sso login --profile ${target.profile}`;
  if (expired) return 'the temporary credentials have expired: get new ones and try again';
  if (name === 'CredentialsProviderError')
    return target.from === 'profile'
      ? `check the profile "${target.profile}" in ~/.aws/config and ~/.aws/credentials`
      : 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use a profile';
  if (kind === 'InvalidCredentials')
    return 'AWS does not accept this access key (deleted, deactivated or mistyped): use SSO or a new key';
  if (kind === 'Network') return 'check the network or proxy, then try again';
  return undefined;
}
