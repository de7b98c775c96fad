export { catalogRoutes } from './catalog.routes.ts';
export { findVariant } from './catalog.repository.ts';
export { syncBuiltInCatalog, modelId, variantId } from './catalog.sync.ts';
export { CATALOG_MODELS, expandVariants } from './data/index.ts';
export { VariantCache, type VariantInfo } from './variant-cache.ts';
