import nsgOpenAdminPorts from './azure-network-nsg-open-admin-ports.js';

export default [nsgOpenAdminPorts];
