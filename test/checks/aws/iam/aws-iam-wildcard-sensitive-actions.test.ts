import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/iam/aws-iam-wildcard-sensitive-actions.js';
import type { PolicyDocument } from '../../../../source/model/aws-snapshot.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';
import { group, iam, managedPolicy, readOnlyDocument, role, user } from './iam-fixtures.js';

const onEverything = (actions: string[]): PolicyDocument => ({
  Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
});

describe('aws-iam-wildcard-sensitive-actions', () => {
  it('passes an attached customer-managed policy with scoped actions', () => {
    const policy = managedPolicy('uploads');
    expect(check.evaluate(awsSnapshot({ iam: iam({ policies: [policy] }) }))).toMatchObject([
      { status: 'PASS', resourceId: policy.arn, resourceName: 'uploads' },
    ]);
  });

  it('fails a customer-managed policy with iam:* and s3:* on every resource, listing the actions', () => {
    const policy = managedPolicy('deploy-all', {
      document: onEverything(['iam:*', 's3:*', 'ec2:Describe*', 'sqs:SendMessage']),
    });
    const [result] = check.evaluate(awsSnapshot({ iam: iam({ policies: [policy] }) }));
    expect(result).toMatchObject({ status: 'FAIL', resourceId: policy.arn });
    expect(result?.reason).toBe('Policy deploy-all allows iam:*, s3:* on every resource.');
  });

  it('fails an Allow with NotAction on every resource', () => {
    const policy = managedPolicy('power-user', {
      document: {
        Statement: [
          { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' },
          { Effect: 'Allow', Action: 'logs:*', Resource: '*' },
        ],
      },
    });
    const [result] = check.evaluate(awsSnapshot({ iam: iam({ policies: [policy] }) }));
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toBe(
      'Policy power-user allows logs:*; every action except iam:*, organizations:* on every resource.',
    );
  });

  it('reports inline policies of users, groups and roles by principal ARN and policy name', () => {
    const broad = { name: 'ops', document: onEverything(['kms:*']) };
    const snapshot = awsSnapshot({
      iam: iam({
        users: [user('alice', { inlinePolicies: [broad] })],
        groups: [group('ops', { inlinePolicies: [broad] })],
        roles: [role('worker', { inlinePolicies: [broad] })],
      }),
    });
    const results = check.evaluate(snapshot);
    expect(results.map((r) => r.resourceId)).toEqual([
      `${user('alice').arn}#ops`,
      `${group('ops').arn}#ops`,
      `${role('worker').arn}#ops`,
    ]);
    expect(results.every((r) => r.status === 'FAIL')).toBe(true);
    expect(results[2]?.reason).toBe('Inline policy ops of role worker allows kms:* on every resource.');
  });

  it('ignores unattached customer policies, AWS-managed policies and service-linked roles', () => {
    const snapshot = awsSnapshot({
      iam: iam({
        policies: [
          managedPolicy('unused', { attachmentCount: 0, document: onEverything(['iam:*']) }),
          managedPolicy('PowerUserAccess', {
            arn: 'arn:aws:iam::aws:policy/PowerUserAccess',
            awsManaged: true,
            document: { Statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' } },
          }),
        ],
        roles: [
          role('AWSServiceRoleForConfig', {
            path: '/aws-service-role/config.amazonaws.com/',
            inlinePolicies: [{ name: 'aws', document: onEverything(['config:*']) }],
          }),
        ],
      }),
    });
    expect(check.evaluate(snapshot)).toEqual([]);
  });

  it('reviews the inline policy of an Identity Center role and says where it comes from', () => {
    const sso = role('AWSReservedSSO_Developer_1a2b', {
      path: '/aws-reserved/sso.amazonaws.com/eu-west-1/',
      inlinePolicies: [{ name: 'AwsSSOInlinePolicy', document: onEverything(['secretsmanager:*']) }],
    });
    const [result] = check.evaluate(awsSnapshot({ iam: iam({ roles: [sso] }) }));
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain('Identity Center role AWSReservedSSO_Developer_1a2b');
  });

  it('leaves full-admin policies to the admin check instead of reporting them twice', () => {
    const policy = managedPolicy('admin', {
      document: {
        Statement: [
          { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
          { Effect: 'Allow', Action: '*', Resource: '*' },
        ],
      },
    });
    expect(check.evaluate(awsSnapshot({ iam: iam({ policies: [policy] }) }))).toEqual([]);
  });

  it('does not report wildcards scoped to named resources', () => {
    const policy = managedPolicy('bucket-admin', {
      document: {
        Statement: {
          Effect: 'Allow',
          Action: 's3:*',
          Resource: ['arn:aws:s3:::uploads', 'arn:aws:s3:::uploads/*'],
        },
      },
    });
    expect(check.evaluate(awsSnapshot({ iam: iam({ policies: [policy] }) }))).toMatchObject([
      { status: 'PASS' },
    ]);
  });

  it('passes an inline policy with no broad grant', () => {
    const snapshot = awsSnapshot({
      iam: iam({ roles: [role('app', { inlinePolicies: [{ name: 'read', document: readOnlyDocument }] })] }),
    });
    expect(check.evaluate(snapshot)).toMatchObject([{ status: 'PASS', resourceName: 'app/read' }]);
  });

  it('is UNKNOWN for the account, naming the failed call, when IAM could not be read', () => {
    const snapshot = awsSnapshot({
      errors: [
        accessDenied('iam', 'GetAccountAuthorizationDetails', {
          permission: 'iam:GetAccountAuthorizationDetails',
        }),
      ],
    });
    const results = check.evaluate(snapshot);
    expect(results).toMatchObject([{ status: 'UNKNOWN', resourceId: '111122223333' }]);
    expect(results[0]?.reason).toContain('GetAccountAuthorizationDetails');
  });
});
