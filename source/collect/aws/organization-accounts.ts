// An AWS organization, account by account: list its active accounts with the management (or delegated
// administrator) account's credential, and reach each member through a read-only role it trusts,
// as AWS's own multi-account tools do. STS AssumeRole hands out temporary keys; nothing is changed.

import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { CollectError } from '../../util/errors.js';
import { credentialsFor, regionFor, type AwsTarget } from './credentials.js';
import { classifyAwsError } from './errors.js';

export interface OrganizationAccount {
  id: string;
  name?: string;
  /** The account the credential itself belongs to: read directly, without assuming a role. */
  own: boolean;
}

/** The organization's ACTIVE accounts; a CollectError saying why when they cannot be listed. */
export async function organizationAccounts(
  target: AwsTarget,
  signal?: AbortSignal,
): Promise<OrganizationAccount[]> {
  const config = { region: regionFor(target), credentials: credentialsFor(target), maxAttempts: 5 };
  const sts = new STSClient(config);
  const orgs = new OrganizationsClient({ ...config, region: 'us-east-1' });
  try {
    const own = (await sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal })).Account;
    const accounts: OrganizationAccount[] = [];
    let NextToken: string | undefined;
    do {
      const page = await orgs.send(new ListAccountsCommand({ NextToken }), { abortSignal: signal });
      for (const account of page.Accounts ?? []) {
        // Suspended or closing accounts cannot be signed in to, and hold nothing the audit covers.
        if (!account.Id || (account.State ?? account.Status) !== 'ACTIVE') continue;
        accounts.push({
          id: account.Id,
          ...(account.Name ? { name: account.Name } : {}),
          own: account.Id === own,
        });
      }
      NextToken = page.NextToken;
    } while (NextToken);
    return accounts;
  } catch (error) {
    const meaning = classifyAwsError(error);
    throw new CollectError(
      meaning.kind === 'AccessDenied'
        ? `AWS Organizations would not list the accounts (${meaning.message}). Use the management account's credential, or a delegated administrator's, with organizations:ListAccounts.`
        : `AWS Organizations could not list the accounts: ${meaning.message}`,
    );
  } finally {
    sts.destroy();
    orgs.destroy();
  }
}

/** Temporary credentials in a member account, through the role `roleName` there (refreshed as they expire). */
export function memberCredentials(
  target: AwsTarget,
  accountId: string,
  roleName: string,
): AwsCredentialIdentityProvider {
  return fromTemporaryCredentials({
    masterCredentials: credentialsFor(target),
    params: {
      RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
      RoleSessionName: 'soc2-ready-read-only',
    },
    clientConfig: { region: regionFor(target) },
  });
}
