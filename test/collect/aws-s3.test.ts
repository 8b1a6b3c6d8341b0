import { describe, expect, it } from 'vitest';
import auditBucketObjectLock from '../../checks/aws/logs/aws-logs-audit-bucket-object-lock.js';
import auditBucketRetention from '../../checks/aws/logs/aws-logs-audit-bucket-retention.js';
import s3Checks from '../../checks/aws/s3/index.js';
import { collectS3, expirationDaysOf, objectLockOf, regionOfLocation } from '../../source/collect/aws/s3.js';
import type { AwsSnapshot, CloudTrailTrail, KmsKey, S3Bucket } from '../../source/model/aws-snapshot.js';
import type { AwsCheck } from '../../source/model/check.js';
import type { CollectionError } from '../../source/model/snapshot.js';
import { awsSnapshot } from '../fixtures/snapshots.js';
import { awsError, denied, xml, type AwsHandler, type AwsRequest } from './aws-wire.js';
import { statusByResource, wirePerTest } from './collect-harness.js';
import {
  AUDIT_BUCKET,
  AUDIT_KEY_ARN,
  LEGACY_BUCKET,
  PAYMENTS_BUCKET,
  bucketXml,
  listBucketsXml,
  s3Account,
} from './fixtures/aws-s3-account.js';

const arn = (name: string) => `arn:aws:s3:::${name}`;
const check = (id: string): AwsCheck => s3Checks.find((c) => c.id === id)!;

const wire = wirePerTest();

async function collect(handler: AwsHandler) {
  const account = { accountId: '111122223333', regions: ['eu-west-1', 'us-east-1'] };
  const { section, ...rest } = await wire.collect(handler, account, collectS3);
  return { s3: section, ...rest };
}

/** The fixture account, except where `override` answers. */
const accountWith =
  (override: (request: AwsRequest) => ReturnType<AwsHandler>): AwsHandler =>
  (request) =>
    override(request) ?? s3Account(request);

/** S3's own AccessDenied, which names no action: the collector must know the permission itself. */
const plainDenied = (request: AwsRequest) => awsError(request, 403, 'AccessDenied', 'Access Denied');

/** S3's "not configured" error code per sub-resource. */
const NOT_CONFIGURED: Record<string, string> = {
  encryption: 'ServerSideEncryptionConfigurationNotFoundError',
  'object-lock': 'ObjectLockConfigurationNotFoundError',
  lifecycle: 'NoSuchLifecycleConfiguration',
  publicAccessBlock: 'NoSuchPublicAccessBlockConfiguration',
  tagging: 'NoSuchTagSet',
};

const EXPECTED_BUCKETS: S3Bucket[] = [
  {
    name: AUDIT_BUCKET,
    arn: arn(AUDIT_BUCKET),
    region: 'us-east-1',
    createdAt: '2021-03-04T10:00:00.000Z',
    tags: { environment: 'production', purpose: 'audit-logs' },
    encryption: { algorithm: 'aws:kms', kmsKeyId: AUDIT_KEY_ARN, bucketKeyEnabled: true },
    objectLock: { enabled: true, mode: 'COMPLIANCE', retentionDays: 365 },
    versioning: 'Enabled',
    lifecycleExpirationDays: 400,
    publicAccessBlock: {
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    },
  },
  {
    name: PAYMENTS_BUCKET,
    arn: arn(PAYMENTS_BUCKET),
    region: 'eu-west-1',
    createdAt: '2022-11-20T08:30:00.000Z',
    encryption: { algorithm: 'AES256', bucketKeyEnabled: false },
    objectLock: null,
    versioning: 'Suspended',
    lifecycleExpirationDays: 30,
    publicAccessBlock: {
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: false,
      restrictPublicBuckets: false,
    },
  },
  {
    name: LEGACY_BUCKET,
    arn: arn(LEGACY_BUCKET),
    region: 'ap-southeast-2',
    createdAt: '2016-07-01T00:00:00.000Z',
    encryption: null,
    objectLock: null,
    versioning: 'Disabled',
    lifecycleExpirationDays: null,
    publicAccessBlock: null,
  },
];

// ---- a snapshot the related checks can run on ----

const trail = (name: string, bucket: string): CloudTrailTrail => ({
  name,
  arn: `arn:aws:cloudtrail:us-east-1:111122223333:trail/${name}`,
  homeRegion: 'us-east-1',
  isMultiRegionTrail: true,
  isOrganizationTrail: false,
  logFileValidationEnabled: true,
  s3BucketName: bucket,
});

const auditKey: KmsKey = {
  keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
  arn: AUDIT_KEY_ARN,
  region: 'us-east-1',
  keyManager: 'CUSTOMER',
  keyState: 'Enabled',
  keySpec: 'SYMMETRIC_DEFAULT',
  origin: 'AWS_KMS',
  aliases: ['alias/audit-logs'],
  rotationEnabled: true,
};

function snapshotWith(s3: AwsSnapshot['s3'], errors: CollectionError[]): AwsSnapshot {
  return awsSnapshot({
    regions: ['eu-west-1', 'us-east-1'],
    s3,
    errors,
    kms: { keys: [auditKey] },
    // The payments bucket also receives a trail, so the log checks judge both.
    cloudtrail: { trails: [trail('org-audit', AUDIT_BUCKET), trail('exports-audit', PAYMENTS_BUCKET)] },
  });
}

/** Status per bucket for one check. */
function statuses(c: AwsCheck, snapshot: AwsSnapshot): Record<string, string> {
  return statusByResource(c.evaluate(snapshot));
}

describe('S3 collector, on the wire', () => {
  it('reads every bucket and its settings from the bucket’s own region', async () => {
    const { s3, errors, calls } = await collect(s3Account);
    expect(s3).toEqual({ buckets: EXPECTED_BUCKETS });
    expect(errors).toEqual([]);
    // Each setting is asked of the bucket's region, the one outside ctx.regions included.
    for (const call of calls.filter((c) => c.bucket && c.operation !== 'location'))
      expect(call.region).toBe(EXPECTED_BUCKETS.find((b) => b.name === call.bucket)!.region);
    const legacyReads = calls.filter((c) => c.bucket === LEGACY_BUCKET).map((c) => c.operation);
    expect(legacyReads.sort()).toEqual(
      [
        'encryption',
        'lifecycle',
        'location',
        'object-lock',
        'publicAccessBlock',
        'tagging',
        'versioning',
      ].sort(),
    );
    // The location is only asked for when ListBuckets did not give the region.
    expect(calls.filter((c) => c.operation === 'location').map((c) => c.bucket)).toEqual([LEGACY_BUCKET]);
  });

  it('gives null, and records no error, for settings AWS says are not configured', async () => {
    const { s3, errors } = await collect(s3Account);
    const legacy = s3?.buckets.find((b) => b.name === LEGACY_BUCKET);
    expect(legacy).toMatchObject({
      encryption: null,
      objectLock: null,
      lifecycleExpirationDays: null,
      publicAccessBlock: null,
    });
    expect(legacy).not.toHaveProperty('tags');
    expect(errors).toEqual([]);
  });

  it('gives the related checks what they need to pass and fail each bucket', async () => {
    const { s3, errors } = await collect(s3Account);
    const snapshot = snapshotWith(s3, errors);
    const [audit, payments, legacy] = [arn(AUDIT_BUCKET), arn(PAYMENTS_BUCKET), arn(LEGACY_BUCKET)];
    expect(statuses(check('aws-s3-public-access-block'), snapshot)).toEqual({
      [audit]: 'PASS',
      [payments]: 'FAIL',
      [legacy]: 'FAIL',
    });
    expect(statuses(check('aws-s3-default-encryption'), snapshot)).toEqual({
      [audit]: 'PASS',
      [payments]: 'PASS',
      [legacy]: 'FAIL',
    });
    expect(statuses(check('aws-s3-kms-encryption'), snapshot)).toEqual({
      [audit]: 'PASS',
      [payments]: 'FAIL',
      [legacy]: 'FAIL',
    });
    // Only the bucket on a customer-managed key is this check's concern.
    expect(statuses(check('aws-s3-kms-key-rotation'), snapshot)).toEqual({ [audit]: 'PASS' });
    expect(statuses(auditBucketRetention, snapshot)).toEqual({ [audit]: 'PASS', [payments]: 'FAIL' });
    expect(statuses(auditBucketObjectLock, snapshot)).toEqual({ [audit]: 'PASS', [payments]: 'FAIL' });
  });

  it('leaves S3 unread when ListBuckets is denied, and the checks say which permission is missing', async () => {
    const { s3, errors, calls } = await collect(
      accountWith((r) => (r.operation === 'ListBuckets' ? denied(r, 's3:ListAllMyBuckets') : undefined)),
    );
    expect(s3).toBeUndefined();
    expect(errors).toEqual([
      expect.objectContaining({
        service: 's3',
        operation: 'ListBuckets',
        kind: 'AccessDenied',
        permission: 's3:ListAllMyBuckets',
        region: 'us-east-1',
      }),
    ]);
    expect(calls.map((c) => c.operation)).toEqual(['ListBuckets']);
    const snapshot = snapshotWith(s3, errors);
    for (const c of s3Checks) {
      const results = c.evaluate(snapshot);
      expect(results).toEqual([expect.objectContaining({ status: 'UNKNOWN', resourceId: '111122223333' })]);
      expect(results[0]?.reason).toContain('s3:ListAllMyBuckets');
    }
    for (const result of auditBucketRetention.evaluate(snapshot)) expect(result.status).toBe('UNKNOWN');
  });

  it('knows the permission of ListBuckets even when S3 does not name it', async () => {
    const { s3, errors } = await collect(
      accountWith((r) => (r.operation === 'ListBuckets' ? plainDenied(r) : undefined)),
    );
    expect(s3).toBeUndefined();
    expect(errors[0]).toMatchObject({ operation: 'ListBuckets', permission: 's3:ListAllMyBuckets' });
  });

  it('marks one denied setting unreadable for that bucket only, and its check UNKNOWN for it alone', async () => {
    const { s3, errors } = await collect(
      accountWith((r) =>
        r.bucket === PAYMENTS_BUCKET && r.operation === 'encryption'
          ? denied(r, 's3:GetEncryptionConfiguration')
          : undefined,
      ),
    );
    const payments = s3?.buckets.find((b) => b.name === PAYMENTS_BUCKET);
    expect(payments).toBeDefined();
    expect(payments).not.toHaveProperty('encryption');
    expect(payments?.publicAccessBlock).toEqual(EXPECTED_BUCKETS[1]!.publicAccessBlock);
    expect(errors).toEqual([
      {
        service: 's3',
        operation: 'GetBucketEncryption',
        kind: 'AccessDenied',
        message: expect.stringContaining('s3:GetEncryptionConfiguration'),
        region: 'eu-west-1',
        resourceId: arn(PAYMENTS_BUCKET),
        permission: 's3:GetEncryptionConfiguration',
      },
    ]);
    const results = check('aws-s3-default-encryption').evaluate(snapshotWith(s3, errors));
    expect(results.map((r) => [r.resourceId, r.status])).toEqual([
      [arn(AUDIT_BUCKET), 'PASS'],
      [arn(PAYMENTS_BUCKET), 'UNKNOWN'],
      [arn(LEGACY_BUCKET), 'FAIL'],
    ]);
    const unknown = results.find((r) => r.status === 'UNKNOWN');
    expect(unknown?.reason).toContain('GetBucketEncryption in eu-west-1 failed with AccessDenied');
    expect(unknown?.reason).toContain('s3:GetEncryptionConfiguration');
  });

  it.each([
    ['encryption', 'GetBucketEncryption', 's3:GetEncryptionConfiguration', 'encryption'],
    ['object-lock', 'GetObjectLockConfiguration', 's3:GetBucketObjectLockConfiguration', 'objectLock'],
    ['versioning', 'GetBucketVersioning', 's3:GetBucketVersioning', 'versioning'],
    [
      'lifecycle',
      'GetBucketLifecycleConfiguration',
      's3:GetLifecycleConfiguration',
      'lifecycleExpirationDays',
    ],
    ['publicAccessBlock', 'GetPublicAccessBlock', 's3:GetBucketPublicAccessBlock', 'publicAccessBlock'],
    ['tagging', 'GetBucketTagging', 's3:GetBucketTagging', 'tags'],
  ])(
    'records a denied %s read as %s needing %s, leaving %s unread',
    async (subResource, operation, permission, field) => {
      const { s3, errors } = await collect(
        accountWith((r) =>
          r.bucket === AUDIT_BUCKET && r.operation === subResource ? plainDenied(r) : undefined,
        ),
      );
      expect(s3?.buckets[0]).not.toHaveProperty(field);
      expect(errors).toEqual([
        {
          service: 's3',
          operation,
          kind: 'AccessDenied',
          message: 'Access Denied',
          region: 'us-east-1',
          resourceId: arn(AUDIT_BUCKET),
          permission,
        },
      ]);
    },
  );

  it('makes the audit log checks UNKNOWN, naming the permission, when lifecycle or Object Lock is denied', async () => {
    const { s3, errors } = await collect(
      accountWith((r) =>
        r.bucket === AUDIT_BUCKET && (r.operation === 'lifecycle' || r.operation === 'object-lock')
          ? plainDenied(r)
          : undefined,
      ),
    );
    const snapshot = snapshotWith(s3, errors);
    const retention = auditBucketRetention.evaluate(snapshot);
    expect(statuses(auditBucketRetention, snapshot)).toEqual({
      [arn(AUDIT_BUCKET)]: 'UNKNOWN',
      [arn(PAYMENTS_BUCKET)]: 'FAIL',
    });
    expect(retention[0]?.reason).toContain('s3:GetLifecycleConfiguration');
    const lock = auditBucketObjectLock.evaluate(snapshot);
    expect(lock[0]).toMatchObject({ status: 'UNKNOWN', resourceId: arn(AUDIT_BUCKET) });
    expect(lock[0]?.reason).toContain('s3:GetBucketObjectLockConfiguration');
  });

  it('follows ListBuckets continuation tokens across pages', async () => {
    const pages: Record<string, ReturnType<typeof listBucketsXml>> = {
      '': listBucketsXml(bucketXml(AUDIT_BUCKET, '2021-03-04T10:00:00.000Z', 'us-east-1'), 'page-2'),
      'page-2': listBucketsXml(bucketXml(PAYMENTS_BUCKET, '2022-11-20T08:30:00.000Z', 'eu-west-1'), 'page-3'),
      'page-3': listBucketsXml(bucketXml(LEGACY_BUCKET, '2016-07-01T00:00:00.000Z')),
    };
    const { s3, errors, calls } = await collect(
      accountWith((r) =>
        r.operation === 'ListBuckets' ? pages[String(r.params['continuation-token'] ?? '')] : undefined,
      ),
    );
    expect(errors).toEqual([]);
    expect(s3).toEqual({ buckets: EXPECTED_BUCKETS });
    const listCalls = calls.filter((c) => c.operation === 'ListBuckets');
    expect(listCalls.map((c) => c.params['continuation-token'])).toEqual([undefined, 'page-2', 'page-3']);
  });

  it('leaves S3 unread when a later page of ListBuckets fails, rather than return a partial list', async () => {
    const { s3, errors, calls } = await collect(
      accountWith((r) => {
        if (r.operation !== 'ListBuckets') return undefined;
        return r.params['continuation-token']
          ? denied(r, 's3:ListAllMyBuckets')
          : listBucketsXml(bucketXml(AUDIT_BUCKET, '2021-03-04T10:00:00.000Z', 'us-east-1'), 'page-2');
      }),
    );
    expect(s3).toBeUndefined();
    expect(errors).toMatchObject([{ operation: 'ListBuckets', kind: 'AccessDenied' }]);
    expect(calls.filter((c) => c.bucket)).toEqual([]);
  });

  it('retries a throttled ListBuckets (SlowDown) transparently', async () => {
    // Adaptive retries slow a client to half a request a second after a throttle, so the home region
    // holds no bucket here: the throttled client makes no further calls.
    let throttled = 0;
    const listed = listBucketsXml(
      bucketXml(PAYMENTS_BUCKET, '2022-11-20T08:30:00.000Z', 'eu-west-1') +
        bucketXml(LEGACY_BUCKET, '2016-07-01T00:00:00.000Z', 'ap-southeast-2'),
    );
    const { s3, errors, calls } = await collect(
      accountWith((r) => {
        if (r.operation !== 'ListBuckets') return undefined;
        return throttled++ < 2 ? awsError(r, 503, 'SlowDown', 'Please reduce your request rate.') : listed;
      }),
    );
    expect(errors).toEqual([]);
    expect(s3).toEqual({ buckets: EXPECTED_BUCKETS.slice(1) });
    expect(calls.filter((c) => c.operation === 'ListBuckets')).toHaveLength(3);
  });

  it('maps bucket locations: none means us-east-1 and the legacy EU means eu-west-1', async () => {
    const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
    const { s3, errors, calls } = await collect((r) => {
      if (r.operation === 'ListBuckets')
        return listBucketsXml(
          bucketXml('old-virginia', '2012-01-01T00:00:00.000Z') +
            bucketXml('old-eu', '2012-01-01T00:00:00.000Z'),
        );
      if (r.operation === 'location')
        return xml(
          r.bucket === 'old-eu'
            ? `<LocationConstraint xmlns="${S3_NS}">EU</LocationConstraint>`
            : `<LocationConstraint xmlns="${S3_NS}"/>`,
        );
      // Whatever else is asked, the bucket has nothing configured.
      return r.operation === 'versioning'
        ? xml('<VersioningConfiguration/>')
        : awsError(r, 404, NOT_CONFIGURED[r.operation] ?? 'NotStubbed', 'not configured');
    });
    expect(s3?.buckets.map((b) => [b.name, b.region])).toEqual([
      ['old-virginia', 'us-east-1'],
      ['old-eu', 'eu-west-1'],
    ]);
    const regionOf = (bucket: string) =>
      new Set(calls.filter((c) => c.bucket === bucket && c.operation !== 'location').map((c) => c.region));
    expect(regionOf('old-eu')).toEqual(new Set(['eu-west-1']));
    expect(regionOf('old-virginia')).toEqual(new Set(['us-east-1']));
    expect(errors).toEqual([]);
  });

  it('records a denied GetBucketLocation and still reads the bucket through the home region', async () => {
    const { s3, errors } = await collect(
      accountWith((r) =>
        r.operation === 'location'
          ? plainDenied(r)
          : r.bucket === LEGACY_BUCKET && r.region === 'us-east-1'
            ? s3Account({ ...r, region: 'ap-southeast-2' })
            : undefined,
      ),
    );
    expect(errors).toEqual([
      {
        service: 's3',
        operation: 'GetBucketLocation',
        kind: 'AccessDenied',
        message: 'Access Denied',
        resourceId: arn(LEGACY_BUCKET),
        permission: 's3:GetBucketLocation',
      },
    ]);
    expect(s3?.buckets.find((b) => b.name === LEGACY_BUCKET)).toMatchObject({
      region: 'us-east-1',
      encryption: null,
      versioning: 'Disabled',
    });
  });

  it('records a default encryption it cannot name instead of guessing', async () => {
    const { s3, errors } = await collect(
      accountWith((r) =>
        r.bucket === AUDIT_BUCKET && r.operation === 'encryption'
          ? xml(
              '<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>' +
                '<SSEAlgorithm>aws:fsx</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule>' +
                '</ServerSideEncryptionConfiguration>',
            )
          : undefined,
      ),
    );
    expect(s3?.buckets[0]).not.toHaveProperty('encryption');
    expect(errors).toEqual([
      expect.objectContaining({
        operation: 'GetBucketEncryption',
        kind: 'Other',
        region: 'us-east-1',
        resourceId: arn(AUDIT_BUCKET),
      }),
    ]);
  });

  it('only reads: every request is a GET or HEAD of a known read operation', async () => {
    const { calls } = await collect(s3Account);
    expect(calls.length).toBeGreaterThan(0);
    const readOps = ['ListBuckets', 'location', 'encryption', 'object-lock', 'versioning', 'lifecycle'];
    for (const call of calls) {
      expect(['GET', 'HEAD']).toContain(call.raw.method);
      expect([...readOps, 'publicAccessBlock', 'tagging']).toContain(call.operation);
      expect(call.raw.body).toBe('');
    }
  });
});

describe('S3 lifecycle and Object Lock mapping', () => {
  it('counts only enabled whole-bucket rules that expire current objects', () => {
    expect(
      expirationDaysOf([
        { Status: 'Enabled', Filter: {}, Expiration: { Days: 365 } },
        { Status: 'Enabled', Prefix: 'old/', Expiration: { Days: 1 } },
        { Status: 'Enabled', Filter: { ObjectSizeGreaterThan: 1024 }, Expiration: { Days: 2 } },
        {
          Status: 'Enabled',
          Filter: { And: { Prefix: '', Tags: [{ Key: 'tmp', Value: '1' }] } },
          Expiration: { Days: 3 },
        },
        { Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 5 } },
        { Status: 'Enabled', Expiration: { ExpiredObjectDeleteMarker: true } },
        { Status: 'Disabled', Expiration: { Days: 4 } },
        { Status: 'Enabled', Prefix: '', Expiration: { Days: 180 } },
      ]),
    ).toBe(180);
  });

  it('has no expiration when no rule expires every object', () => {
    expect(expirationDaysOf([])).toBeNull();
    expect(
      expirationDaysOf([{ Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 7 } }]),
    ).toBeNull();
  });

  it('treats expiration on a fixed date as keeping nothing guaranteed (0 days)', () => {
    expect(
      expirationDaysOf([
        { Status: 'Enabled', Filter: {}, Expiration: { Date: new Date('2030-01-01T00:00:00Z') } },
        { Status: 'Enabled', Filter: {}, Expiration: { Days: 400 } },
      ]),
    ).toBe(0);
  });

  it('maps Object Lock default retention in days or years', () => {
    expect(
      objectLockOf({
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 30 } },
      }),
    ).toEqual({ enabled: true, mode: 'GOVERNANCE', retentionDays: 30 });
    expect(
      objectLockOf({
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 7 } },
      }),
    ).toEqual({ enabled: true, mode: 'COMPLIANCE', retentionDays: 2555 });
    expect(objectLockOf({ ObjectLockEnabled: 'Enabled' })).toEqual({ enabled: true });
  });

  it('maps location constraints to regions', () => {
    expect(regionOfLocation(undefined)).toBe('us-east-1');
    expect(regionOfLocation('')).toBe('us-east-1');
    expect(regionOfLocation('EU')).toBe('eu-west-1');
    expect(regionOfLocation('ap-southeast-2')).toBe('ap-southeast-2');
  });
});
