/**
 * Internal: no compatibility guarantees. The MySQL/MariaDB replica: a throwaway database and sandbox user per
 * review on a scratch server, with per-statement time and size budgets enforced from an admin connection.
 */
package dev.schemawarden.replica.internal.mysql;
