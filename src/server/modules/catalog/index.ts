export { catalogRoutes } from './catalog.routes.ts';
export { describeVariants, findVariant, findVariants, type VariantInfo } from './catalog.repository.ts';
export { syncBuiltInCatalog, variantId } from './catalog.sync.ts';
export { CATALOG_MODELS, expandVariants } from './data/index.ts';
export { VariantCache } from './variant-cache.ts';
