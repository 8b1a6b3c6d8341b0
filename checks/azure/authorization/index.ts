import standingOwner from './azure-authorization-standing-owner.js';

export default [standingOwner];
