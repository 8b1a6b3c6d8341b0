import cmkEncryption from './azure-storage-cmk-encryption.js';
import infrastructureEncryption from './azure-storage-infrastructure-encryption.js';
import publicBlobAccess from './azure-storage-public-blob-access.js';
import secureTransfer from './azure-storage-secure-transfer.js';
import sharedKeyAccess from './azure-storage-shared-key-access.js';

export default [cmkEncryption, infrastructureEncryption, secureTransfer, sharedKeyAccess, publicBlobAccess];
