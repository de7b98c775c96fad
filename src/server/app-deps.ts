import type { Config } from './config.ts';
import type { AccountSecrets } from './modules/accounts/index.ts';
import type { Clock } from './platform/clock.ts';
import type { Database } from './platform/db/database.ts';
import type { Runtime } from './runtime.ts';

/**
 * Everything the HTTP app is built from. Modules never import this type: each declares the
 * part it needs (platform/http.ts RoutesPlugin), and this whole set satisfies all of them.
 */
export interface AppDeps {
  config: Config;
  database: Database;
  /** Product time: deadlines, ship-by, expiry, timelines. Demo mode moves it (platform/clock.ts). */
  productClock: Clock;
  /** Security time: sessions, sign-in throttles, webhook freshness, token expiry. Always real. */
  securityClock: Clock;
  /** Session-signing secret and the keyring of the protected seller fields (accounts/secrets.ts). */
  secrets: AccountSecrets;
  /** Jobs, mail, carrier and the wiring between modules (runtime.ts). */
  runtime: Runtime;
}
