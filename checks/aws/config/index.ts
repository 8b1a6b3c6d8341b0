import type { AwsCheck } from '../../../source/model/check.js';
import recorderAllRegions from './aws-config-recorder-all-regions.js';

const checks: AwsCheck[] = [recorderAllRegions];

export default checks;
