/** The inspection module's public face: other modules import only from here. */
export { photosRoutes } from './photos.routes.ts';
export { claimPhotos, photosByInspection } from './photos.service.ts';
export { erasureRoutes } from './erasure.routes.ts';
export { erasureCertificateOf, erasureCertificatePdf, verifyUrl } from './erasure.service.ts';
