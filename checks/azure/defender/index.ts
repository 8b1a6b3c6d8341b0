import plans from './azure-defender-plans.js';

export default [plans];
