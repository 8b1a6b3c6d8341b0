import type { AwsCheck } from '../../../source/model/check.js';
import defaultEncryption from './aws-s3-default-encryption.js';
import kmsEncryption from './aws-s3-kms-encryption.js';
import kmsKeyRotation from './aws-s3-kms-key-rotation.js';
import publicAccessBlock from './aws-s3-public-access-block.js';

const checks: AwsCheck[] = [publicAccessBlock, defaultEncryption, kmsEncryption, kmsKeyRotation];

export default checks;
