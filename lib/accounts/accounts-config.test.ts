import { describe, expect, it } from 'vitest';
import { AccountsConfigError, parseAccounts, parseExternalId } from './accounts-config';

describe('PACKTRAIL_ACCOUNTS', () => {
  it('reads name=role-arn pairs and name=default, with the account id from the ARN', () => {
    expect(parseAccounts(' media-prod=arn:aws:iam::111122223333:role/PacktrailReader, media-staging=arn:aws:iam::444455556666:role/teams/media/Reader ,home=default')).toEqual([
      { name: 'media-prod', roleArn: 'arn:aws:iam::111122223333:role/PacktrailReader', accountId: '111122223333' },
      { name: 'media-staging', roleArn: 'arn:aws:iam::444455556666:role/teams/media/Reader', accountId: '444455556666' },
      { name: 'home', roleArn: null, accountId: null },
    ]);
    expect(parseAccounts('cn=arn:aws-cn:iam::111122223333:role/R')?.[0].accountId).toBe('111122223333');
  });

  it('is unset when empty', () => {
    expect(parseAccounts(undefined)).toBeNull();
    expect(parseAccounts(' , ')).toBeNull();
  });

  it.each([
    ['prod', 'prod', 'has no "="'],
    ['=arn:aws:iam::111122223333:role/R', '=arn', 'empty name'],
    ['prod=arn:aws:iam::111122223333:user/alice', 'user/alice', 'is not an IAM role ARN'],
    ['prod=arn:aws:iam::1111:role/R', 'arn:aws:iam::1111:role/R', 'is not an IAM role ARN'],
    ['prod=arn:aws:iam::111122223333:role/A,prod=arn:aws:iam::444455556666:role/B', '"prod" is given twice', 'twice'],
    ['a=arn:aws:iam::111122223333:role/A,b=arn:aws:iam::111122223333:role/A', 'arn:aws:iam::111122223333:role/A is given twice', 'twice'],
    ['a=default,b=default', 'b=default', 'only one account'],
    ['pr od=default', '"pr od"', 'may hold letters'],
  ])('refuses %s, naming the entry and the accepted shape', (value, named, why) => {
    let message = '';
    try {
      parseAccounts(value);
    } catch (err) {
      expect(err).toBeInstanceOf(AccountsConfigError);
      message = (err as Error).message;
    }
    expect(message).toContain(named);
    expect(message).toContain(why);
    expect(message).toMatch(/^PACKTRAIL_ACCOUNTS/);
  });

  it('takes an ExternalId STS would accept and refuses one it would not', () => {
    expect(parseExternalId(' packtrail-7f3a ')).toBe('packtrail-7f3a');
    expect(parseExternalId('')).toBeNull();
    expect(() => parseExternalId('has space')).toThrow(/PACKTRAIL_ROLE_EXTERNAL_ID/);
    expect(() => parseExternalId('x')).toThrow(/2–1224/);
  });
});
