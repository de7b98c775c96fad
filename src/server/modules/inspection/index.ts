/** The inspection module's public face: other modules import only from here. */
export { registerInspectionDeadlines } from './inspection-deadline.wiring.ts';
