// Resource ids for findings about a whole account, subscription or tenant.

import type { AwsSnapshot } from '../../source/model/aws-snapshot.js';
import type { AzureSnapshot } from '../../source/model/azure-snapshot.js';

export function awsAccountId(snapshot: AwsSnapshot): string {
  return snapshot.accountId;
}

export function azureSubscriptionId(snapshot: AzureSnapshot): string {
  return `/subscriptions/${snapshot.subscriptionId}`;
}

export function azureTenantId(snapshot: AzureSnapshot): string {
  return `/tenants/${snapshot.tenantId}`;
}
