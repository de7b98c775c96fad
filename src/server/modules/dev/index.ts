/** The demo tools' public face: routes registered only in demo mode, and the stored clock offset. */
export { devRoutes } from './dev.routes.ts';
export { loadDemoClockOffset } from './demo-clock.repository.ts';
