import type { AzureCheck } from '../../../source/model/check.js';

const checks: AzureCheck[] = [];

export default checks;
