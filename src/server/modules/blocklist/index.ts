/** The blocklist module's public face: other modules import only from here. */
export { blocklistRoutes } from './blocklist.routes.ts';
export { isBlocklisted } from './blocklist.service.ts';
