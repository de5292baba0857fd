package dev.schemawarden.analyzers.api;

/**
 * What is true just before a statement runs, derived once by the runner from the migration's transaction
 * structure and earlier statements, so rules do not each re-derive it.
 *
 * @param inTransaction the statement runs inside a transaction (the tool's wrapper or an explicit BEGIN)
 * @param explicitTransaction an explicit {@code BEGIN} in the file is open
 * @param lockTimeoutSet a {@code SET lock_timeout} to a non-zero value ran earlier in the same session
 * @param statementTimeoutSet a {@code SET statement_timeout} to a non-zero value ran earlier
 * @param accessExclusiveHeldOn a table an earlier statement of the same transaction took ACCESS EXCLUSIVE on,
 *     or empty
 */
public record StatementFacts(
    boolean inTransaction,
    boolean explicitTransaction,
    boolean lockTimeoutSet,
    boolean statementTimeoutSet,
    java.util.Optional<QualifiedName> accessExclusiveHeldOn) {}
