// Where the account stands in AWS Organizations, and its alias as a readable name.

import { IAMClient, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import type { AwsOrganization } from '../../model/aws-snapshot.js';
import { read, type AwsCollectContext } from './context.js';

export async function collectOrganization(ctx: AwsCollectContext): Promise<AwsOrganization | undefined> {
  const client = new OrganizationsClient(ctx.clientConfig(ctx.homeRegion));
  try {
    const out = await read(
      ctx,
      {
        service: 'organizations',
        operation: 'DescribeOrganization',
        permission: 'organizations:DescribeOrganization',
        absentWhen: ['AWSOrganizationsNotInUseException'],
      },
      (abortSignal) => client.send(new DescribeOrganizationCommand({}), { abortSignal }),
    );
    if (out === undefined) return undefined;
    const org = out?.Organization;
    if (!org) return { role: 'standalone' };
    return {
      role: org.MasterAccountId === ctx.accountId ? 'management' : 'member',
      ...(org.Id ? { organizationId: org.Id } : {}),
      ...(org.MasterAccountId ? { managementAccountId: org.MasterAccountId } : {}),
    };
  } finally {
    client.destroy();
  }
}

/** The account alias (what people call the account in the console), when it has one. */
export async function accountAlias(ctx: AwsCollectContext): Promise<string | undefined> {
  const client = new IAMClient(ctx.clientConfig(ctx.homeRegion));
  try {
    const out = await read(
      ctx,
      { service: 'iam', operation: 'ListAccountAliases', permission: 'iam:ListAccountAliases' },
      (abortSignal) => client.send(new ListAccountAliasesCommand({}), { abortSignal }),
    );
    return out?.AccountAliases?.[0];
  } finally {
    client.destroy();
  }
}
