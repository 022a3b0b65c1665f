// PACKTRAIL_ACCOUNTS: which AWS accounts Packtrail reads, each by a name people know it by, and how
// it gets in (a read-only role assumed from the default credential chain, or the chain itself).

export interface AccountConfig {
  /** How the account is shown everywhere; also the key of its sync state, locks and limiter. */
  name: string;
  /** null: the default credential chain itself (`name=default`). */
  roleArn: string | null;
  /** From the role ARN; for `default`, learnt from the first events read (null until then). */
  accountId: string | null;
}

/** The account Packtrail reads when PACKTRAIL_ACCOUNTS is unset: the credential chain's own. */
export const DEFAULT_ACCOUNT: AccountConfig = { name: 'default', roleArn: null, accountId: null };

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
// arn:<partition>:iam::<12 digits>:role/<optional path/>name — the shape AssumeRole takes.
const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
// What STS accepts as an ExternalId: 2–1224 characters of [\w+=,.@:/-].
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

const SHAPE = 'PACKTRAIL_ACCOUNTS takes comma-separated name=role-arn pairs, e.g. prod=arn:aws:iam::111122223333:role/PacktrailReader, or name=default for the default credential chain';

export class AccountsConfigError extends Error {}

export function parseAccounts(value: string | undefined): AccountConfig[] | null {
  const entries = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!entries.length) return null;
  const accounts: AccountConfig[] = [];
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq < 0) throw new AccountsConfigError(`PACKTRAIL_ACCOUNTS: "${entry}" has no "=". ${SHAPE}.`);
    const name = entry.slice(0, eq).trim();
    const target = entry.slice(eq + 1).trim();
    if (!name) throw new AccountsConfigError(`PACKTRAIL_ACCOUNTS: "${entry}" has an empty name. ${SHAPE}.`);
    if (!NAME.test(name)) throw new AccountsConfigError(`PACKTRAIL_ACCOUNTS: the name "${name}" may hold letters, digits, ".", "_" and "-" (up to 63, starting with a letter or digit). ${SHAPE}.`);
    if (accounts.some((a) => a.name === name)) throw new AccountsConfigError(`PACKTRAIL_ACCOUNTS: the name "${name}" is given twice; each account needs its own name.`);
    if (target === 'default') {
      if (accounts.some((a) => a.roleArn === null)) throw new AccountsConfigError(`PACKTRAIL_ACCOUNTS: "${entry}": only one account can be the default credential chain.`);
      accounts.push({ name, roleArn: null, accountId: null });
      continue;
    }
    const arn = ROLE_ARN.exec(target);
    if (!arn) throw new AccountsConfigError(`PACKTRAIL_ACCOUNTS: "${entry}": "${target}" is not an IAM role ARN such as arn:aws:iam::111122223333:role/PacktrailReader. ${SHAPE}.`);
    if (accounts.some((a) => a.roleArn === target)) throw new AccountsConfigError(`PACKTRAIL_ACCOUNTS: the role ${target} is given twice.`);
    accounts.push({ name, roleArn: target, accountId: arn[1] });
  }
  return accounts;
}

export function parseExternalId(value: string | undefined): string | null {
  const id = value?.trim();
  if (!id) return null;
  if (!EXTERNAL_ID.test(id)) throw new AccountsConfigError('PACKTRAIL_ROLE_EXTERNAL_ID must be 2–1224 characters of letters, digits and + = , . @ : / - _ (as STS accepts)');
  return id;
}
