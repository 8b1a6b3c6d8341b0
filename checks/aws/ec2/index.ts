import type { AwsCheck } from '../../../source/model/check.js';
import prodDevSegmentation from './aws-ec2-prod-dev-segmentation.js';
import securityGroupAdminPorts from './aws-ec2-security-group-admin-ports.js';
import vpcFlowLogs from './aws-ec2-vpc-flow-logs.js';

const checks: AwsCheck[] = [vpcFlowLogs, securityGroupAdminPorts, prodDevSegmentation];

export default checks;
