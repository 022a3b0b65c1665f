/** `account region`: how /sync keys an account-region (lock holders, rows); no imports, so pages' client code can use it. */
export function targetKey(s: { account: string; region: string }): string {
  return `${s.account} ${s.region}`;
}
