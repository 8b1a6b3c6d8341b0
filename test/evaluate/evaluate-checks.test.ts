import { describe, expect, it } from 'vitest';
import { evaluateChecks } from '../../source/evaluate/evaluate-checks.js';
import { defineAwsCheck, defineAzureCheck, type CheckMeta } from '../../source/model/check.js';
import { awsSnapshot, azureSnapshot } from '../fixtures/snapshots.js';

const meta: Omit<CheckMeta, 'id' | 'service'> = {
  title: 'Test control',
  severity: 'high',
  criteria: ['CC7.2'],
  risk: 'risk',
  remediation: { summary: 'fix' },
  effort: { baseHours: 1, perResourceHours: 0, maxHours: 1 },
  owner: 'Security engineer',
  evidence: 'evidence',
};

describe('evaluateChecks', () => {
  it('runs each check on the snapshots of its provider and fills in the metadata and scope', () => {
    const aws = defineAwsCheck({
      ...meta,
      id: 'aws-x',
      service: 'ec2',
      evaluate: () => [{ status: 'FAIL', resourceId: 'vpc-1', reason: 'r' }],
    });
    const azure = defineAzureCheck({
      ...meta,
      id: 'azure-x',
      service: 'sql',
      evaluate: () => [{ status: 'PASS', resourceId: '/s/1', reason: 'r' }],
    });
    const findings = evaluateChecks([awsSnapshot(), azureSnapshot()], [aws, azure]);
    expect(findings).toMatchObject([
      {
        checkId: 'aws-x',
        provider: 'aws',
        scopeId: '111122223333',
        severity: 'high',
        criteria: ['CC7.2'],
        status: 'FAIL',
      },
      {
        checkId: 'azure-x',
        provider: 'azure',
        scopeId: '00000000-0000-0000-0000-00000000bbbb',
        status: 'PASS',
      },
    ]);
  });

  it('reports a tenant-wide finding seen from two subscriptions once, keeping the worse status', () => {
    let call = 0;
    const check = defineAzureCheck({
      ...meta,
      id: 'azure-tenant',
      service: 'entra',
      evaluate: () => [{ status: call++ === 0 ? 'PASS' : 'FAIL', resourceId: '/tenants/t', reason: 'r' }],
    });
    const findings = evaluateChecks([azureSnapshot(), azureSnapshot({ subscriptionId: 'other' })], [check]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.status).toBe('FAIL');
  });

  it('turns a check that throws into UNKNOWN with the reason instead of stopping the run', () => {
    const broken = defineAwsCheck({
      ...meta,
      id: 'aws-broken',
      service: 'iam',
      evaluate: () => {
        throw new Error('boom');
      },
    });
    const [finding] = evaluateChecks([awsSnapshot()], [broken]);
    expect(finding).toMatchObject({ status: 'UNKNOWN', resourceId: '111122223333' });
    expect(finding!.reason).toContain('boom');
  });

  it('evidences a passing configuration back to when AWS Config began recording its region', () => {
    const check = defineAwsCheck({
      ...meta,
      id: 'aws-s3-x',
      service: 's3',
      evaluate: () => [
        { status: 'PASS', resourceId: 'b1', region: 'us-east-1', reason: 'r' },
        { status: 'PASS', resourceId: 'b2', region: 'eu-west-1', reason: 'r' },
      ],
    });
    const recorder = {
      name: 'default',
      region: 'us-east-1',
      allSupported: true,
      includeGlobalResourceTypes: true,
      recording: true,
      lastStartTime: '2026-01-01T00:00:00Z',
    };
    const findings = evaluateChecks([awsSnapshot({ config: { recorders: [recorder] } })], [check]);
    expect(findings[0]!.evidencedSince).toBe('2026-01-01T00:00:00Z');
    expect(findings[1]!.evidencedSince).toBeUndefined();
  });

  it('gives every check the run’s other snapshots of its provider, so a reference out of an account resolves', () => {
    const seen: string[][] = [];
    const check = defineAwsCheck({
      ...meta,
      id: 'estate-probe',
      service: 'iam',
      evaluate: (snapshot, estate = []) => {
        seen.push(estate.map((s) => s.accountId));
        return [{ status: 'PASS', resourceId: snapshot.accountId, reason: 'seen' }];
      },
    });
    const a = awsSnapshot({ accountId: '111111111111' });
    const b = awsSnapshot({ accountId: '222222222222' });
    evaluateChecks([a, azureSnapshot(), b], [check]);
    expect(seen).toEqual([
      ['111111111111', '222222222222'],
      ['111111111111', '222222222222'],
    ]);
  });
});
