/** The demo tools' public face: routes registered only in demo mode, the stored clock offset, and its follower. */
export { devRoutes } from './dev.routes.ts';
export { loadDemoClockOffset } from './demo-clock.repository.ts';
export { followDemoClock, type DemoClockFollower } from './demo-clock.follower.ts';
