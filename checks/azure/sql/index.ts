import auditing from './azure-sql-auditing.js';
import tde from './azure-sql-tde.js';

export default [auditing, tde];
