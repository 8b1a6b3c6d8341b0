// The Azure credential for exactly the source a user picked, and where the clouds' endpoints are.

import {
  AzureCliCredential,
  DefaultAzureCredential,
  EnvironmentCredential,
  ManagedIdentityCredential,
} from '@azure/identity';
import type { TokenCredential } from '@azure/core-auth';
import type { VerifyTarget } from '../identity.js';
import { ARM_ENDPOINT, GRAPH_ENDPOINT } from './context.js';

export type AzureTarget = Extract<VerifyTarget, { provider: 'azure' }>;

export function azureCredentialFor(target: AzureTarget): TokenCredential {
  switch (target.via) {
    case 'cli':
      return new AzureCliCredential();
    case 'environment':
      return new EnvironmentCredential();
    case 'managed-identity':
      return new ManagedIdentityCredential();
    case 'default':
      return new DefaultAzureCredential();
  }
}

/**
 * Resource Manager and Graph base URLs. Sovereign clouds (Azure Government, China) and test servers
 * set them with SOC2_READY_ARM_ENDPOINT and SOC2_READY_GRAPH_ENDPOINT.
 */
export function azureEndpoints(env: NodeJS.ProcessEnv = process.env): { arm: string; graph: string } {
  return {
    arm: env.SOC2_READY_ARM_ENDPOINT || ARM_ENDPOINT,
    graph: env.SOC2_READY_GRAPH_ENDPOINT || GRAPH_ENDPOINT,
  };
}
