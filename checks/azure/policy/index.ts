import securityInitiative from './azure-policy-security-initiative.js';

export default [securityInitiative];
