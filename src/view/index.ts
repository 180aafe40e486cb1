// The viewer layer's face: `weirdgen view`'s server over a workspace, and what its API answers.
export { startViewer, isLoopback, CONTENT_SECURITY_POLICY, type RunningViewer, type ViewerOptions } from './server.js';
export type { ViewContext } from './context.js';
export { ensureSampleIndex, type IndexedRun } from './sample-index.js';
