import { describe, expect, it } from 'vitest';
import check from '../../../../checks/azure/storage/azure-storage-secure-transfer.js';
import type { StorageAccount } from '../../../../source/model/azure-snapshot.js';
import { accessDenied, azureSnapshot } from '../../../fixtures/snapshots.js';

const account = (parts: Partial<StorageAccount>): StorageAccount => ({
  id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/ledger',
  name: 'ledger',
  location: 'westeurope',
  keySource: 'Microsoft.Storage',
  requireInfrastructureEncryption: false,
  enableHttpsTrafficOnly: true,
  minimumTlsVersion: 'TLS1_2',
  allowBlobPublicAccess: false,
  ...parts,
});

const evaluate = (parts: Partial<StorageAccount>) =>
  check.evaluate(azureSnapshot({ storage: { accounts: [account(parts)] } }))[0];

describe('azure-storage-secure-transfer', () => {
  it('passes HTTPS only with TLS 1.2 or 1.3', () => {
    expect(evaluate({})?.status).toBe('PASS');
    expect(evaluate({ minimumTlsVersion: 'TLS1_3' })?.status).toBe('PASS');
  });

  it('fails plain HTTP and old TLS, naming both problems', () => {
    const result = evaluate({ enableHttpsTrafficOnly: false, minimumTlsVersion: 'TLS1_0' });
    expect(result).toMatchObject({
      status: 'FAIL',
      reason: 'Storage account ledger accepts plain HTTP and accepts TLS 1.0.',
    });
    expect(evaluate({ minimumTlsVersion: 'TLS1_1' })?.status).toBe('FAIL');
  });

  it('fails an account with no minimum TLS version set, since Azure then accepts TLS 1.0', () => {
    const result = evaluate({ minimumTlsVersion: undefined });
    expect(result?.status).toBe('FAIL');
    expect(result?.reason).toContain('no minimum TLS version');
  });

  it('is UNKNOWN for the subscription when storage accounts could not be listed', () => {
    const snapshot = azureSnapshot({ errors: [accessDenied('Microsoft.Storage', 'storageAccounts.list')] });
    const [result] = check.evaluate(snapshot);
    expect(result?.status).toBe('UNKNOWN');
    expect(result?.reason).toContain('storageAccounts.list');
  });
});
