import { describe, expect, it } from 'vitest';
import kmsChecks from '../../checks/aws/kms/index.js';
import { collectKms } from '../../source/collect/aws/kms.js';
import type { KmsKey } from '../../source/model/aws-snapshot.js';
import type { CollectionError } from '../../source/model/snapshot.js';
import { awsSnapshot } from '../fixtures/snapshots.js';
import { awsError, denied, json, type AwsHandler, type AwsRequest } from './aws-wire.js';
import { expectOnlyReads, wirePerTest } from './collect-harness.js';
import {
  EU,
  FIXTURE_ACCOUNT,
  jsonServicesAccount,
  keyArn,
  KEYS,
  US,
} from './fixtures/aws-json-services-account.js';

const wire = wirePerTest();

async function collect(handler: AwsHandler) {
  const { section, ...rest } = await wire.collect(handler, FIXTURE_ACCOUNT, collectKms);
  return { kms: section, ...rest };
}

const evaluate = (kms: { keys: KmsKey[] } | undefined, errors: CollectionError[]) =>
  kmsChecks.flatMap((check) => check.evaluate(awsSnapshot({ regions: [EU, US], kms, errors })));

const byArn = (keys: KmsKey[] | undefined, key: { id: string; region: string }) =>
  keys?.find((k) => k.arn === keyArn(key));

describe('collectKms on the wire', () => {
  it('reads every key of every region with its kind, aliases and rotation', async () => {
    const { kms, errors } = await collect(jsonServicesAccount);
    expect(errors).toEqual([]);
    expect(kms?.keys.map((k) => k.arn).sort()).toEqual(Object.values(KEYS).map(keyArn).sort());
    expect(byArn(kms?.keys, KEYS.payments)).toEqual({
      keyId: KEYS.payments.id,
      arn: `arn:aws:kms:us-east-1:111122223333:key/${KEYS.payments.id}`,
      region: 'us-east-1',
      keyManager: 'CUSTOMER',
      keyState: 'Enabled',
      keySpec: 'SYMMETRIC_DEFAULT',
      origin: 'AWS_KMS',
      creationDate: '2024-01-10T09:15:00.000Z',
      description: 'Payments data at rest',
      aliases: ['alias/payments-data'],
      rotationEnabled: true,
      rotationPeriodInDays: 365,
    });
    const statements = byArn(kms?.keys, KEYS.statements);
    expect(statements).toMatchObject({ rotationEnabled: false, aliases: ['alias/customer-statements'] });
    // An empty description is no description; a key that does not rotate has no period.
    expect(statements).not.toHaveProperty('description');
    expect(statements).not.toHaveProperty('rotationPeriodInDays');
    expect(byArn(kms?.keys, KEYS.cloudtrail)).toMatchObject({
      region: EU,
      aliases: ['alias/cloudtrail-logs', 'alias/audit-logs'],
      rotationEnabled: true,
      rotationPeriodInDays: 180,
    });
    // Read, and it has no alias: an empty list, not an unknown one.
    expect(byArn(kms?.keys, KEYS.retired)).toMatchObject({ keyState: 'PendingDeletion', aliases: [] });
  });

  it('asks for rotation only of enabled symmetric customer keys, leaving it undefined for the rest', async () => {
    const { kms, calls } = await collect(jsonServicesAccount);
    const asked = calls.filter((c) => c.operation === 'GetKeyRotationStatus').map((c) => c.params.KeyId);
    expect(asked.sort()).toEqual([KEYS.payments, KEYS.statements, KEYS.cloudtrail].map(keyArn).sort());
    for (const key of [KEYS.awsS3, KEYS.webhookSigning, KEYS.retired])
      expect(byArn(kms?.keys, key)).not.toHaveProperty('rotationEnabled');
    expect(byArn(kms?.keys, KEYS.awsS3)).toMatchObject({ keyManager: 'AWS', aliases: ['alias/aws/s3'] });
    expect(byArn(kms?.keys, KEYS.webhookSigning)?.keySpec).toBe('RSA_2048');
  });

  it('gives the rotation check one PASS or FAIL per rotatable key', async () => {
    const { kms, errors } = await collect(jsonServicesAccount);
    const results = evaluate(kms, errors);
    expect(results.map((r) => [r.resourceId, r.status]).sort()).toEqual(
      [
        [keyArn(KEYS.cloudtrail), 'PASS'],
        [keyArn(KEYS.payments), 'PASS'],
        [keyArn(KEYS.statements), 'FAIL'],
      ].sort(),
    );
    expect(results.find((r) => r.status === 'FAIL')?.resourceName).toBe('alias/customer-statements');
  });

  it('follows ListKeys and ListAliases markers across pages', async () => {
    const { kms, calls } = await collect(jsonServicesAccount);
    const usListKeys = calls.filter((c) => c.operation === 'ListKeys' && c.region === US);
    expect(usListKeys.map((c) => c.params.Marker)).toEqual([undefined, 'page-2', 'page-4']);
    expect(kms?.keys.filter((k) => k.region === US)).toHaveLength(5);
    expect(calls.filter((c) => c.operation === 'ListAliases' && c.region === US).length).toBeGreaterThan(1);
  });

  it('leaves KMS unread when ListKeys is denied everywhere, and the check names the permission', async () => {
    const { kms, errors } = await collect((request) =>
      request.operation === 'ListKeys' ? denied(request, 'kms:ListKeys') : jsonServicesAccount(request),
    );
    expect(kms).toBeUndefined();
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({
      service: 'kms',
      operation: 'ListKeys',
      kind: 'AccessDenied',
      permission: 'kms:ListKeys',
    });
    expect(errors.map((e) => e.region).sort()).toEqual([EU, US]);
    const [result] = evaluate(kms, errors);
    expect(result).toMatchObject({ status: 'UNKNOWN', resourceId: '111122223333' });
    expect(result?.reason).toContain('kms:ListKeys');
  });

  it('keeps the regions it could read when one region denies ListKeys', async () => {
    const { kms, errors } = await collect((request) =>
      request.operation === 'ListKeys' && request.region === EU
        ? denied(request, 'kms:ListKeys')
        : jsonServicesAccount(request),
    );
    expect(kms?.keys.every((k) => k.region === US)).toBe(true);
    expect(kms?.keys).toHaveLength(5);
    expect(errors).toMatchObject([{ operation: 'ListKeys', region: EU, permission: 'kms:ListKeys' }]);
  });

  it('treats a failed later ListKeys page as an unread region, not a shorter list', async () => {
    const { kms, errors } = await collect((request) =>
      request.operation === 'ListKeys' && request.region === US && request.params.Marker === 'page-4'
        ? awsError(
            request,
            400,
            'InvalidMarkerException',
            'The request was rejected because the marker is not valid',
          )
        : jsonServicesAccount(request),
    );
    expect(kms?.keys.map((k) => k.region)).toEqual([EU]);
    expect(errors).toMatchObject([{ service: 'kms', operation: 'ListKeys', region: US, kind: 'Other' }]);
  });

  it('makes only the key whose rotation status is denied UNKNOWN', async () => {
    const denyStatements = (request: AwsRequest) =>
      request.operation === 'GetKeyRotationStatus' && request.params.KeyId === keyArn(KEYS.statements)
        ? denied(request, 'kms:GetKeyRotationStatus')
        : jsonServicesAccount(request);
    const { kms, errors } = await collect(denyStatements);
    const statements = byArn(kms?.keys, KEYS.statements);
    expect(statements).toBeDefined();
    expect(statements).not.toHaveProperty('rotationEnabled');
    expect(errors).toEqual([
      expect.objectContaining({
        service: 'kms',
        operation: 'GetKeyRotationStatus',
        kind: 'AccessDenied',
        region: US,
        resourceId: keyArn(KEYS.statements),
        permission: 'kms:GetKeyRotationStatus',
      }),
    ]);
    const results = evaluate(kms, errors);
    const status = (key: { id: string; region: string }) =>
      results.find((r) => r.resourceId === keyArn(key))?.status;
    expect(status(KEYS.statements)).toBe('UNKNOWN');
    expect(results.find((r) => r.status === 'UNKNOWN')?.reason).toContain('kms:GetKeyRotationStatus');
    expect(status(KEYS.payments)).toBe('PASS');
    expect(status(KEYS.cloudtrail)).toBe('PASS');
  });

  it('drops a key deleted between ListKeys and DescribeKey without recording an error', async () => {
    const { kms, errors } = await collect((request) =>
      request.operation === 'DescribeKey' && request.params.KeyId === KEYS.statements.id
        ? awsError(request, 400, 'NotFoundException', `Key '${KEYS.statements.id}' does not exist`)
        : jsonServicesAccount(request),
    );
    expect(errors).toEqual([]);
    expect(byArn(kms?.keys, KEYS.statements)).toBeUndefined();
    expect(kms?.keys).toHaveLength(5);
  });

  it('records a denied DescribeKey against the key, and leaves aliases unknown when ListAliases is denied', async () => {
    const { kms, errors } = await collect((request) => {
      if (request.operation === 'DescribeKey' && request.params.KeyId === KEYS.webhookSigning.id)
        return denied(request, 'kms:DescribeKey');
      if (request.operation === 'ListAliases' && request.region === EU)
        return denied(request, 'kms:ListAliases');
      return jsonServicesAccount(request);
    });
    expect(errors).toHaveLength(2);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          operation: 'DescribeKey',
          region: US,
          resourceId: keyArn(KEYS.webhookSigning),
          permission: 'kms:DescribeKey',
        }),
        expect.objectContaining({ operation: 'ListAliases', region: EU, permission: 'kms:ListAliases' }),
      ]),
    );
    expect(byArn(kms?.keys, KEYS.cloudtrail)).not.toHaveProperty('aliases');
    expect(byArn(kms?.keys, KEYS.cloudtrail)?.rotationEnabled).toBe(true);
    expect(byArn(kms?.keys, KEYS.payments)?.aliases).toEqual(['alias/payments-data']);
  });

  it('retries throttled calls and still reads the data', async () => {
    let throttled = 0;
    const { kms, errors } = await collect((request) => {
      if (request.operation === 'GetKeyRotationStatus' && request.region === EU && throttled < 2) {
        throttled++;
        return awsError(request, 400, 'ThrottlingException', 'Rate exceeded');
      }
      return jsonServicesAccount(request);
    });
    expect(throttled).toBe(2);
    expect(errors).toEqual([]);
    expect(byArn(kms?.keys, KEYS.cloudtrail)?.rotationEnabled).toBe(true);
    // Adaptive retries slow the client to AWS's minimum rate after a throttle: seconds, not a hang.
  }, 20_000);

  it('maps the SDK-deprecated CustomerMasterKeySpec when KeySpec is missing', async () => {
    const { kms, calls } = await collect((request) => {
      if (request.operation === 'ListKeys')
        return json({
          Keys:
            request.region === US
              ? [{ KeyId: 'only', KeyArn: `arn:aws:kms:${US}:111122223333:key/only` }]
              : [],
          Truncated: false,
        });
      if (request.operation === 'DescribeKey')
        return json({
          KeyMetadata: {
            KeyId: 'only',
            Arn: `arn:aws:kms:${US}:111122223333:key/only`,
            KeyState: 'Enabled',
            KeyManager: 'CUSTOMER',
            Origin: 'EXTERNAL',
            CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
          },
        });
      return jsonServicesAccount(request);
    });
    expect(kms?.keys).toEqual([
      expect.objectContaining({
        keyId: 'only',
        keySpec: 'SYMMETRIC_DEFAULT',
        origin: 'EXTERNAL',
        aliases: [],
      }),
    ]);
    // Imported key material cannot rotate automatically: not asked.
    expect(calls.some((c) => c.operation === 'GetKeyRotationStatus')).toBe(false);
  });

  it('issues only read operations', async () => {
    const { calls } = await collect(jsonServicesAccount);
    expectOnlyReads(calls, 'kms');
  });
});
