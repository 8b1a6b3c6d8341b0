import { describe, expect, it } from 'vitest';
import {
  actionMatches,
  allowsOnAllResources,
  allowsAllExcept,
  coversAllResources,
  grantsFullAdmin,
  isAdministratorAccessArn,
  sensitiveWildcards,
  statementsOf,
  toArray,
} from '../../../checks/lib/aws-policy.js';
import type { PolicyStatement } from '../../../source/model/aws-snapshot.js';

const allow = (parts: Partial<PolicyStatement>): PolicyStatement => ({
  Effect: 'Allow',
  Resource: '*',
  ...parts,
});

describe('normalising policy documents', () => {
  it('turns one value, a list or nothing into a list', () => {
    expect(toArray('s3:GetObject')).toEqual(['s3:GetObject']);
    expect(toArray(['a', 'b'])).toEqual(['a', 'b']);
    expect(toArray(undefined)).toEqual([]);
  });

  it('reads a single statement object as a list of one', () => {
    const statement = allow({ Action: '*' });
    expect(statementsOf({ Statement: statement })).toEqual([statement]);
    expect(statementsOf({ Statement: [statement, statement] })).toHaveLength(2);
  });
});

describe('actionMatches', () => {
  it('matches * across any characters and ? as exactly one, ignoring case', () => {
    expect(actionMatches('s3:Get*', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:get*', 'S3:GETOBJECT')).toBe(true);
    expect(actionMatches('s3:Get*', 's3:PutObject')).toBe(false);
    expect(actionMatches('iam:*Policy', 'iam:AttachRolePolicy')).toBe(true);
    expect(actionMatches('ec2:?unInstances', 'ec2:RunInstances')).toBe(true);
    expect(actionMatches('ec2:?Instances', 'ec2:RunInstances')).toBe(false);
  });

  it('treats every other character literally and matches the whole action', () => {
    expect(actionMatches('iam:*', 'iamx:Foo')).toBe(false);
    expect(actionMatches('s3:Get', 's3:GetObject')).toBe(false);
    expect(actionMatches('s3.Get*', 's3:GetObject')).toBe(false);
  });
});

describe('statement scope', () => {
  it('covers all resources with Resource * (alone or in a list) or with NotResource', () => {
    expect(coversAllResources(allow({}))).toBe(true);
    expect(coversAllResources(allow({ Resource: ['arn:aws:s3:::a', '*'] }))).toBe(true);
    expect(coversAllResources(allow({ Resource: undefined, NotResource: 'arn:aws:s3:::secret' }))).toBe(true);
    expect(coversAllResources(allow({ Resource: 'arn:aws:s3:::a/*' }))).toBe(false);
  });

  it('answers whether a statement allows one action on every resource, NotAction included', () => {
    expect(allowsOnAllResources(allow({ Action: 'iam:*' }), 'iam:PassRole')).toBe(true);
    expect(allowsOnAllResources(allow({ Action: 'iam:Get*' }), 'iam:PassRole')).toBe(false);
    expect(allowsOnAllResources(allow({ NotAction: 'iam:*' }), 's3:GetObject')).toBe(true);
    expect(allowsOnAllResources(allow({ NotAction: 'iam:*' }), 'iam:PassRole')).toBe(false);
    expect(allowsOnAllResources({ Effect: 'Deny', Action: '*', Resource: '*' }, 'iam:PassRole')).toBe(false);
    expect(allowsOnAllResources(allow({ Action: '*', Resource: 'arn:aws:s3:::a' }), 's3:GetObject')).toBe(
      false,
    );
  });
});

describe('grantsFullAdmin', () => {
  it('finds * or *:* on every resource in any statement', () => {
    expect(grantsFullAdmin({ Statement: allow({ Action: '*' }) })).toBe(true);
    expect(
      grantsFullAdmin({ Statement: [allow({ Action: 's3:GetObject' }), allow({ Action: ['*:*'] })] }),
    ).toBe(true);
  });

  it('does not count scoped, denied or service-wide grants as admin', () => {
    expect(grantsFullAdmin({ Statement: allow({ Action: '*', Resource: 'arn:aws:s3:::a' }) })).toBe(false);
    expect(grantsFullAdmin({ Statement: { Effect: 'Deny', Action: '*', Resource: '*' } })).toBe(false);
    expect(grantsFullAdmin({ Statement: allow({ Action: 'iam:*' }) })).toBe(false);
  });

  it('recognises the AWS-managed AdministratorAccess ARN in every partition', () => {
    expect(isAdministratorAccessArn('arn:aws:iam::aws:policy/AdministratorAccess')).toBe(true);
    expect(isAdministratorAccessArn('arn:aws-us-gov:iam::aws:policy/AdministratorAccess')).toBe(true);
    expect(isAdministratorAccessArn('arn:aws:iam::aws:policy/AdministratorAccess-Amplify')).toBe(false);
    expect(isAdministratorAccessArn('arn:aws:iam::111122223333:policy/AdministratorAccess')).toBe(false);
  });
});

describe('sensitiveWildcards and allowsAllExcept', () => {
  it('lists wildcards that reach sensitive services and skips metadata reads and exact actions', () => {
    const statement = allow({
      Action: ['iam:*', 's3:*Object', 'ec2:Describe*', 's3:List*', 'kms:Decrypt', 'sqs:*'],
    });
    expect(sensitiveWildcards(statement)).toEqual(['iam:*', 's3:*Object']);
  });

  it('catches a wildcard service prefix such as *:Get*', () => {
    expect(sensitiveWildcards(allow({ Action: '*:Get*' }))).toEqual(['*:Get*']);
  });

  it('leaves full admin to the admin check', () => {
    expect(sensitiveWildcards(allow({ Action: ['*', '*:*'] }))).toEqual([]);
  });

  it('returns the NotAction list of an Allow on every resource, and nothing otherwise', () => {
    expect(allowsAllExcept(allow({ NotAction: ['iam:*', 'organizations:*'] }))).toEqual([
      'iam:*',
      'organizations:*',
    ]);
    expect(sensitiveWildcards(allow({ NotAction: 'iam:*' }))).toEqual([]);
    expect(allowsAllExcept(allow({ Action: 'iam:*' }))).toBeUndefined();
    expect(allowsAllExcept(allow({ NotAction: 'iam:*', Resource: 'arn:aws:s3:::a' }))).toBeUndefined();
    expect(allowsAllExcept({ Effect: 'Deny', NotAction: 'iam:*', Resource: '*' })).toBeUndefined();
  });

  it('ignores Deny statements and statements scoped to named resources', () => {
    expect(sensitiveWildcards({ Effect: 'Deny', Action: 'iam:*', Resource: '*' })).toEqual([]);
    expect(sensitiveWildcards(allow({ Action: 's3:*', Resource: 'arn:aws:s3:::uploads/*' }))).toEqual([]);
  });
});
