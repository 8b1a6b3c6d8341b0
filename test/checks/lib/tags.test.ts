import { describe, expect, it } from 'vitest';
import { environmentFromTags, environmentOf } from '../../../checks/lib/tags.js';
import { awsSnapshot } from '../../fixtures/snapshots.js';

describe('environment tags', () => {
  it('reads the usual keys and values, whatever their case', () => {
    expect(environmentFromTags({ Environment: 'Production' })).toBe('production');
    expect(environmentFromTags({ env: 'prd' })).toBe('production');
    expect(environmentFromTags({ Env: 'staging' })).toBe('non-production');
    expect(environmentFromTags({ environment: 'sandbox' })).toBe('non-production');
    expect(environmentFromTags({ environment: 'shared' })).toBeUndefined();
    expect(environmentFromTags({ Name: 'prod' })).toBeUndefined();
    expect(environmentFromTags(undefined)).toBeUndefined();
  });

  it('falls back to the account tag for untagged resources', () => {
    const snapshot = awsSnapshot({ tags: { environment: 'production' } });
    expect(environmentOf(snapshot, undefined)).toBe('production');
    expect(environmentOf(snapshot, { env: 'dev' })).toBe('non-production');
    expect(environmentOf(awsSnapshot(), undefined)).toBeUndefined();
  });
});
