/** The wishlist module's public face: other modules import only from here. */
export { wishlistRoutes } from './wishlist.routes.ts';
export { refreshCatalogueCopy } from './wishlist-catalogue.ts';
export { registerPriceWindows } from './price-windows.wiring.ts';
export { releaseUnit, reserveBestAtLeast, reserveUnit, type ReservedUnit } from './reservation.repository.ts';
export { countEntriesByRefurbisher } from './wishlist.repository.ts';
export { marketBestPrice, ownLivePricesByGrade } from './live-prices.ts';
