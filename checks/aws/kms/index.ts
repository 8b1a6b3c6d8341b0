import keyRotation from './aws-kms-key-rotation.js';

export default [keyRotation];
