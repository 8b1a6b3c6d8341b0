// The credential provider for exactly the source a user picked: a profile (SSO, role or keys), the
// environment, a web identity token file, or the SDK's default chain.

import { fromEnv, fromIni, fromNodeProviderChain, fromTokenFile } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { VerifyTarget } from '../identity.js';

export type AwsTarget = Extract<VerifyTarget, { provider: 'aws' }>;

export function credentialsFor(target: AwsTarget): AwsCredentialIdentityProvider {
  switch (target.from) {
    case 'profile':
      return fromIni({ profile: target.profile, ignoreCache: true });
    case 'environment':
      return fromEnv();
    case 'web-identity':
      return fromTokenFile();
    case 'default':
      return fromNodeProviderChain();
  }
}

/** The region a target's STS and global calls go to: its profile's region, the environment's, or us-east-1. */
export function regionFor(target: AwsTarget, env: NodeJS.ProcessEnv = process.env): string {
  return (
    (target.from === 'profile' ? target.region : undefined) ??
    env.AWS_REGION ??
    env.AWS_DEFAULT_REGION ??
    'us-east-1'
  );
}
