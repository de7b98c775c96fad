/** The package ships no types: one function over ~50,000 common passwords (8+ characters, lower-cased). */
declare module 'fxa-common-password-list' {
  const list: { test(password: string): boolean };
  export = list;
}
