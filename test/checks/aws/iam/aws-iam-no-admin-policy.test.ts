import { describe, expect, it } from 'vitest';
import check from '../../../../checks/aws/iam/aws-iam-no-admin-policy.js';
import { accessDenied, awsSnapshot } from '../../../fixtures/snapshots.js';
import {
  ADMIN_ACCESS_ARN,
  adminDocument,
  group,
  iam,
  managedPolicy,
  readOnlyDocument,
  role,
  user,
} from './iam-fixtures.js';

describe('aws-iam-no-admin-policy', () => {
  it('passes principals whose policies are scoped', () => {
    const scoped = managedPolicy('uploads');
    const snapshot = awsSnapshot({
      iam: iam({
        users: [user('alice', { attachedPolicyArns: [scoped.arn] })],
        roles: [role('app', { inlinePolicies: [{ name: 'uploads', document: readOnlyDocument }] })],
        policies: [scoped],
      }),
    });
    expect(check.evaluate(snapshot)).toMatchObject([
      { status: 'PASS', resourceId: user('alice').arn, resourceName: 'alice' },
      { status: 'PASS', resourceId: role('app').arn },
    ]);
  });

  it('fails a user with AdministratorAccess attached even when the policy list does not include it', () => {
    const snapshot = awsSnapshot({
      iam: iam({ users: [user('alice', { attachedPolicyArns: [ADMIN_ACCESS_ARN] })] }),
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({ status: 'FAIL', resourceId: user('alice').arn });
    expect(result?.reason).toBe(
      'User alice has full administrator access through managed policy AdministratorAccess.',
    );
  });

  it('fails a user who is admin only through a group, and the group itself', () => {
    const snapshot = awsSnapshot({
      iam: iam({
        users: [user('bob', { groupNames: ['admins'] })],
        groups: [group('admins', { inlinePolicies: [{ name: 'everything', document: adminDocument }] })],
      }),
    });
    const results = check.evaluate(snapshot);
    expect(results).toMatchObject([
      { status: 'FAIL', resourceId: user('bob').arn },
      { status: 'FAIL', resourceId: group('admins').arn },
    ]);
    expect(results[0]?.reason).toContain('inline policy everything (via group admins)');
  });

  it('fails a role with a customer-managed policy that allows *:* on *', () => {
    const custom = managedPolicy('god-mode', {
      document: { Statement: { Effect: 'Allow', Action: ['*:*'], Resource: ['*'] } },
    });
    const snapshot = awsSnapshot({
      iam: iam({ roles: [role('deployer', { attachedPolicyArns: [custom.arn] })], policies: [custom] }),
    });
    const [result] = check.evaluate(snapshot);
    expect(result).toMatchObject({ status: 'FAIL', resourceName: 'deployer' });
    expect(result?.reason).toContain('managed policy god-mode');
  });

  it('gives one finding per principal, naming every source of admin', () => {
    const snapshot = awsSnapshot({
      iam: iam({
        users: [
          user('carol', {
            attachedPolicyArns: [ADMIN_ACCESS_ARN],
            inlinePolicies: [{ name: 'legacy', document: adminDocument }],
          }),
        ],
      }),
    });
    const results = check.evaluate(snapshot);
    expect(results).toHaveLength(1);
    expect(results[0]?.reason).toContain('managed policy AdministratorAccess, inline policy legacy');
  });

  it('skips service-linked and Identity Center roles', () => {
    const snapshot = awsSnapshot({
      iam: iam({
        roles: [
          role('AWSServiceRoleForSupport', {
            path: '/aws-service-role/support.amazonaws.com/',
            attachedPolicyArns: [ADMIN_ACCESS_ARN],
          }),
          role('AWSReservedSSO_Admin_1a2b', {
            path: '/aws-reserved/sso.amazonaws.com/eu-west-1/',
            attachedPolicyArns: [ADMIN_ACCESS_ARN],
          }),
        ],
      }),
    });
    expect(check.evaluate(snapshot)).toEqual([]);
  });

  it('does not treat an admin-looking statement on named resources or a Deny as admin', () => {
    const snapshot = awsSnapshot({
      iam: iam({
        roles: [
          role('scoped', {
            inlinePolicies: [
              {
                name: 'bucket',
                document: { Statement: { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::a/*' } },
              },
              { name: 'guard', document: { Statement: { Effect: 'Deny', Action: '*', Resource: '*' } } },
            ],
          }),
        ],
      }),
    });
    expect(check.evaluate(snapshot)).toMatchObject([{ status: 'PASS' }]);
  });

  it('is UNKNOWN for a principal whose attached policy or group is missing from the snapshot', () => {
    const snapshot = awsSnapshot({
      iam: iam({
        users: [user('dave', { groupNames: ['ghosts'] })],
        roles: [role('app', { attachedPolicyArns: ['arn:aws:iam::111122223333:policy/missing'] })],
      }),
    });
    const [dave, app] = check.evaluate(snapshot);
    expect(dave).toMatchObject({ status: 'UNKNOWN' });
    expect(dave?.reason).toContain('group ghosts');
    expect(app).toMatchObject({ status: 'UNKNOWN' });
    expect(app?.reason).toContain('arn:aws:iam::111122223333:policy/missing');
  });

  it('still fails a principal that is admin even when another of its policies is missing', () => {
    const snapshot = awsSnapshot({
      iam: iam({
        users: [
          user('erin', {
            attachedPolicyArns: ['arn:aws:iam::111122223333:policy/missing', ADMIN_ACCESS_ARN],
          }),
        ],
      }),
    });
    expect(check.evaluate(snapshot)).toMatchObject([{ status: 'FAIL' }]);
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
    expect(results[0]?.reason).toContain('iam:GetAccountAuthorizationDetails');
  });
});
