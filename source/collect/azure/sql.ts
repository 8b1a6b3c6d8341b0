// Azure SQL: every logical server of the subscription, its server-level auditing policy, and the
// transparent data encryption state of each user database. Read calls only.

import { SqlManagementClient, type Server, type ServerBlobAuditingPolicy } from '@azure/arm-sql';
import type { SqlDatabase, SqlServer } from '../../model/azure-snapshot.js';
import {
  armClient,
  listAll,
  named,
  perResource,
  read,
  resourceGroupOf,
  tagsOf,
  type AzureCollectContext,
  type Named,
} from './context.js';

const SERVICE = 'Microsoft.Sql';

/** The only TDE configuration a database has. */
const TDE_NAME = 'current';

export async function collectSql(ctx: AzureCollectContext): Promise<{ servers: SqlServer[] } | undefined> {
  const client = armClient(ctx, SqlManagementClient);
  const servers = await listAll(
    ctx,
    { service: SERVICE, operation: 'servers.list', permission: 'Microsoft.Sql/servers/read' },
    (abortSignal) => client.servers.list({ abortSignal }),
  );
  if (!servers) return undefined;
  return { servers: await perResource(named(servers), (s) => collectServer(ctx, client, s)) };
}

async function collectServer(
  ctx: AzureCollectContext,
  client: SqlManagementClient,
  server: Named<Server>,
): Promise<SqlServer> {
  const [auditing, databases] = await Promise.all([
    readAuditing(ctx, client, server),
    collectDatabases(ctx, client, server),
  ]);
  return {
    id: server.id,
    name: server.name,
    location: server.location,
    ...tagsOf(server.tags),
    ...(auditing ? { auditing } : {}),
    ...(databases ? { databases } : {}),
  };
}

/** Every server has a policy: one never configured reads as `Disabled`, so there is no "absent" case. */
async function readAuditing(
  ctx: AzureCollectContext,
  client: SqlManagementClient,
  server: { id: string; name: string },
): Promise<SqlServer['auditing']> {
  const policy = await read(
    ctx,
    {
      service: SERVICE,
      operation: 'serverBlobAuditingPolicies.get',
      permission: 'Microsoft.Sql/servers/auditingSettings/read',
      resourceId: server.id,
    },
    (abortSignal) =>
      client.serverBlobAuditingPolicies.get(resourceGroupOf(server.id), server.name, { abortSignal }),
  );
  return policy ? auditingOf(policy) : undefined;
}

function auditingOf(policy: ServerBlobAuditingPolicy): NonNullable<SqlServer['auditing']> {
  return {
    // A policy that does not say it is on is not auditing.
    state: policy.state === 'Enabled' ? 'Enabled' : 'Disabled',
    // Azure's own default: 0 keeps records in storage forever.
    retentionDays: policy.retentionDays ?? 0,
    // Azure answers an empty string when no storage target is set.
    ...(policy.storageEndpoint ? { storageEndpoint: policy.storageEndpoint } : {}),
    ...(policy.isAzureMonitorTargetEnabled !== undefined
      ? { isAzureMonitorTargetEnabled: policy.isAzureMonitorTargetEnabled }
      : {}),
  };
}

/**
 * User databases with their TDE state; `undefined` when the list itself failed (the error names the
 * server), so the TDE check says it could not assess that server's databases.
 */
async function collectDatabases(
  ctx: AzureCollectContext,
  client: SqlManagementClient,
  server: { id: string; name: string },
): Promise<SqlDatabase[] | undefined> {
  const group = resourceGroupOf(server.id);
  const databases = await listAll(
    ctx,
    {
      service: SERVICE,
      operation: 'databases.listByServer',
      permission: 'Microsoft.Sql/servers/databases/read',
      resourceId: server.id,
    },
    (abortSignal) => client.databases.listByServer(group, server.name, { abortSignal }),
  );
  if (!databases) return undefined;
  // master holds no customer data and its encryption cannot be configured.
  const user = named(databases).filter((db) => db.name.toLowerCase() !== 'master');
  return perResource(user, async (db) => {
    const tde = await read(
      ctx,
      {
        service: SERVICE,
        operation: 'transparentDataEncryptions.get',
        permission: 'Microsoft.Sql/servers/databases/transparentDataEncryption/read',
        resourceId: db.id,
      },
      (abortSignal) =>
        client.transparentDataEncryptions.get(group, server.name, db.name, TDE_NAME, { abortSignal }),
    );
    return { id: db.id, name: db.name, ...(tde?.state ? { transparentDataEncryption: tde.state } : {}) };
  });
}
