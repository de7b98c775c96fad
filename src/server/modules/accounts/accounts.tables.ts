import type { ColumnType, Generated } from 'kysely';

/** The accounts module's tables, as Kysely sees them (joined into DB in db/schema.ts). */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

// --- better-auth's tables (created by getMigrations; camelCase columns are its convention) ---
// Its organisation plugin's tables (organization, member, invitation) are the refurbishers module's.

export interface AuthUserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  image: string | null;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  role: ColumnType<'seller' | 'refurbisher' | 'operator', 'seller' | 'refurbisher' | 'operator' | undefined, 'seller' | 'refurbisher' | 'operator'>;
}

export interface AuthSessionTable {
  id: string;
  expiresAt: Timestamp;
  token: string;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedAt: Timestamp;
  ipAddress: string | null;
  userAgent: string | null;
  userId: string;
  activeOrganizationId: string | null;
}

export interface AuthAccountTable {
  id: string;
  accountId: string;
  providerId: string;
  userId: string;
  accessToken: string | null;
  refreshToken: string | null;
  idToken: string | null;
  accessTokenExpiresAt: Date | null;
  refreshTokenExpiresAt: Date | null;
  scope: string | null;
  /** The argon2id PHC string (password.ts). */
  password: string | null;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedAt: Timestamp;
}

/** better-auth's one-time tokens (e-mail verification, password reset); only better-auth reads and writes it. */
export interface AuthVerificationTable {
  id: string;
  identifier: string;
  value: string;
  expiresAt: Timestamp;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** better-auth's rate-limit counters (`storage: 'database'`, shared by every process); only better-auth uses it. */
export interface AuthRateLimitTable {
  id: string;
  key: string;
  count: number;
  lastRequest: ColumnType<number, number, number>;
}

// --- ours ---

export interface SellerProfilesTable {
  user_id: string;
  first_name: string;
  last_name: string;
  /** crypto.ts sealed value, AAD (seller_profiles, user_id, date_of_birth). */
  date_of_birth_sealed: string;
  adult_verified_at: Timestamp;
  address_line1: string;
  address_line2: string | null;
  city: string;
  state: string;
  zip: string;
  /** E.164. */
  phone: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SellerIdentitiesTable {
  user_id: string;
  kind: 'drivers_license' | 'ssn_last4';
  licence_number_sealed: string | null;
  licence_state: string | null;
  licence_number_hash: string | null;
  ssn_last4_sealed: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PayoutMethodsTable {
  user_id: string;
  routing_number_sealed: string;
  account_number_sealed: string;
  bank_account_hash: string;
  account_type: 'checking' | 'savings';
  holder_names: Json<string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SignInAttemptsTable {
  key: string;
  window_started_at: Timestamp;
  attempts: number;
  /** Set for (account, address) keys, whose next attempt waits a delay that grows with `attempts`. */
  last_attempt_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** Demo mode on a server database only: generated secrets shared by every process (secrets.ts). */
export interface DemoSecretsTable {
  name: 'auth-secret' | 'master-key';
  value: string;
  created_at: Generated<Date>;
}

export interface AccountsTables {
  user: AuthUserTable;
  session: AuthSessionTable;
  account: AuthAccountTable;
  verification: AuthVerificationTable;
  rateLimit: AuthRateLimitTable;
  seller_profiles: SellerProfilesTable;
  seller_identities: SellerIdentitiesTable;
  payout_methods: PayoutMethodsTable;
  sign_in_attempts: SignInAttemptsTable;
  demo_secrets: DemoSecretsTable;
}
