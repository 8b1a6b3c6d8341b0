import activityLogExport from './azure-monitor-activity-log-export.js';
import activityLogImmutable from './azure-monitor-activity-log-immutable.js';
import activityLogRetention from './azure-monitor-activity-log-retention.js';

export default [activityLogExport, activityLogImmutable, activityLogRetention];
