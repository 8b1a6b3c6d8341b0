import caCompliantDevice from './azure-entra-ca-compliant-device.js';
import caMfa from './azure-entra-ca-mfa.js';
import spClientSecrets from './azure-entra-sp-client-secrets.js';
import spSecretLifetime from './azure-entra-sp-secret-lifetime.js';

export default [caMfa, caCompliantDevice, spClientSecrets, spSecretLifetime];
