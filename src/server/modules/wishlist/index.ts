/** The wishlist module's public face: other modules import only from here. */
export { wishlistRoutes } from './wishlist.routes.ts';
export { upsertWishlist, listWishlist, bulkChange, priceHistory, type UpsertItem, type WishlistDeps } from './wishlist.service.ts';
export { parseWishlistCsv, wishlistToCsv } from './wishlist-csv.ts';
