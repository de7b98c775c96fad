/** The wishlist module's public face: other modules import only from here. */
export { wishlistRoutes } from './wishlist.routes.ts';
export { refreshCatalogueCopy } from './wishlist-catalogue.ts';
export { JOB_PRICE_WINDOWS, PRICE_WINDOWS_INTERVAL_MS, priceWindowsRunKey, recordWindowBoundaries } from './price-windows.job.ts';
