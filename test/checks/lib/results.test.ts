import { describe, expect, it } from 'vitest';
import { findError, unknownResource, unreadReason } from '../../../checks/lib/results.js';
import { accessDenied, awsSnapshot } from '../../fixtures/snapshots.js';

const BUCKET = 'arn:aws:s3:::data';

describe('findError', () => {
  it('prefers an error recorded for the query’s region over one recorded without a region', () => {
    const snapshot = awsSnapshot({
      errors: [
        accessDenied('s3', 'GetBucketEncryption', { message: 'no region' }),
        accessDenied('s3', 'GetBucketEncryption', { region: 'eu-west-1', message: 'other region' }),
        accessDenied('s3', 'GetBucketEncryption', { region: 'us-east-1', message: 'this region' }),
      ],
    });
    const query = { service: 's3', operation: 'GetBucketEncryption', region: 'us-east-1' };
    expect(findError(snapshot, query)?.message).toBe('this region');
    expect(findError(snapshot, { ...query, region: 'ap-south-1' })?.message).toBe('no region');
  });

  it('ranks an error about the resource first, then one about no resource, whatever their regions', () => {
    const snapshot = awsSnapshot({
      errors: [
        accessDenied('s3', 'GetBucketEncryption', { region: 'us-east-1', resourceId: 'arn:aws:s3:::other' }),
        accessDenied('s3', 'GetBucketEncryption', { message: 'any bucket' }),
        accessDenied('s3', 'GetBucketEncryption', { resourceId: BUCKET, message: 'this bucket' }),
      ],
    });
    const query = { service: 's3', operation: 'GetBucketEncryption', region: 'us-east-1' };
    expect(findError(snapshot, { ...query, resourceId: BUCKET })?.message).toBe('this bucket');
    expect(findError(snapshot, { ...query, resourceId: 'arn:aws:s3:::third' })?.message).toBe('any bucket');
  });

  it('matches any of a list of operations, naming the one listed first when several failed', () => {
    const snapshot = awsSnapshot({
      errors: [
        accessDenied('iam', 'ListUsers'),
        accessDenied('iam', 'GetCredentialReport'),
        accessDenied('iam', 'GenerateCredentialReport'),
      ],
    });
    const operation = ['GenerateCredentialReport', 'GetCredentialReport'];
    expect(findError(snapshot, { service: 'iam', operation })?.operation).toBe('GenerateCredentialReport');
    expect(findError(snapshot, { service: 'iam', operation: ['GetAccountSummary'] })).toBeUndefined();
  });
});

describe('unreadReason and unknownResource', () => {
  it('names the failed call, its region and the missing permission', () => {
    const snapshot = awsSnapshot({
      errors: [
        accessDenied('s3', 'GetBucketEncryption', {
          region: 'us-east-1',
          resourceId: BUCKET,
          permission: 's3:GetEncryptionConfiguration',
        }),
      ],
    });
    const query = { service: 's3', operation: 'GetBucketEncryption', resourceId: BUCKET };
    expect(unknownResource(snapshot, query, { resourceName: 'data' })).toEqual({
      status: 'UNKNOWN',
      resourceId: BUCKET,
      resourceName: 'data',
      reason:
        'Could not assess: s3 GetBucketEncryption in us-east-1 failed with AccessDenied ' +
        '(missing s3:GetEncryptionConfiguration): User is not authorized to perform this action',
    });
  });

  it('reads right for one subject or many when no error explains the gap', () => {
    expect(unreadReason(awsSnapshot(), { service: 'iam' }, 'the IAM credential report')).toBe(
      'Could not assess: no data was collected for the IAM credential report in this snapshot.',
    );
    expect(unreadReason(awsSnapshot(), { service: 'kms' })).toBe(
      'Could not assess: no data was collected for kms in this snapshot.',
    );
  });
});
