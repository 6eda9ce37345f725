/** Names of secrets in the SecretStore. SQLite stores these names, never the values. */
export const secretNames = {
  adminToken: 'admin-token',
  accountKey: (accountId: string) => `account:${accountId}:api-key`,
};
