import keyRotationPolicy from './azure-keyvault-key-rotation-policy.js';
import purgeProtection from './azure-keyvault-purge-protection.js';

export default [keyRotationPolicy, purgeProtection];
