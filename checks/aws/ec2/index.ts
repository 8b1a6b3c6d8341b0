import type { AwsCheck } from '../../../source/model/check.js';

const checks: AwsCheck[] = [];

export default checks;
