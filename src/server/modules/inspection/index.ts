/** The inspection module's public face (incoming devices, the inspection, counteroffers, lock holds): other modules import only from here. */
export { inspectionRoutes } from './inspection.routes.ts';
export { createInspection, type Inspection } from './inspection.wiring.ts';
export { aftercareOf } from './aftercare.service.ts';
export type { RequestReturn } from './ports.ts';
export { photosRoutes } from './photos.routes.ts';
export { claimPhotos, photosByInspection } from './photos.service.ts';
export { registerInspectionDeadlines } from './inspection-deadline.wiring.ts';
