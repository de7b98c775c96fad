/** The shipping module's tables, as Kysely sees them (joined into DB in db/schema.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ShippingTables {}
