// The fine-tuning layer's face: launch plans, the idempotent launcher and the poller.
export { type FineTuningMapping, fineTuningMapping, fineTuningTarget, remoteApi } from './endpoint.js';
export { type LaunchedJob, launchJobs, recoverUnrecorded } from './launch.js';
export { fineTuningBody, type LaunchPlan, type LaunchRequest, planLaunch } from './plan.js';
export { isFinished, refreshJob, watchJobs } from './poll.js';
export { cancelJob, findJob } from './cancel.js';
export { listModelGroups, type ModelGroup, type ModelGroupFilter } from './model-groups.js';
