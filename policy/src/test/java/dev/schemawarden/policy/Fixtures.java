package dev.schemawarden.policy;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.ColumnDef;
import dev.schemawarden.analyzers.api.DataType;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.policy.api.Approval;
import dev.schemawarden.policy.api.OperationClassifier;
import dev.schemawarden.policy.api.PrFacts;
import dev.schemawarden.policy.api.PrStatement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Facts for tests, built from {@link Change} records directly (the parser arrives later). */
public final class Fixtures {
  public static final String HEAD = "a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0";
  public static final String OLD = "0000000000000000000000000000000000000001";
  public static final Instant AT = Instant.parse("2025-06-04T10:00:00Z"); // a Wednesday
  public static final String PATH = "db/migration/V3__change.sql";
  private static final OperationClassifier CLASSIFIER = new OperationClassifier();

  private Fixtures() {}

  public static PrStatement stmt(Change change, int line) {
    SqlStatement s =
        new SqlStatement(
            line - 1,
            "-- sql",
            new SourceSpan(PATH, line, 1, line, 10),
            change,
            SqlStatement.ParsedBy.JSQLPARSER,
            Optional.empty());
    return PrStatement.of(s, CLASSIFIER);
  }

  public static Change dropTable(String table) {
    return new Change.Drop(Change.ObjectKind.TABLE, List.of(name(table)), false, false, false);
  }

  public static Change dropColumn(String table, String column) {
    return new Change.AlterTable(
        name(table), false, false, List.of(new AlterAction.DropColumn(column, false, false)));
  }

  public static Change addColumn(String table, String column) {
    return new Change.AlterTable(
        name(table),
        false,
        false,
        List.of(
            new AlterAction.AddColumn(
                new ColumnDef(
                    column,
                    DataType.of("text"),
                    false,
                    Optional.empty(),
                    ColumnDef.Generated.NONE,
                    Optional.empty()),
                false)));
  }

  public static Change alterType(String table, String column) {
    return new Change.AlterTable(
        name(table),
        false,
        false,
        List.of(new AlterAction.AlterColumnType(column, DataType.of("bigint"), Optional.empty())));
  }

  /** {@code billing.invoices} -> schema billing, table invoices; {@code users} -> no schema. */
  public static QualifiedName name(String dotted) {
    int dot = dotted.indexOf('.');
    return dot < 0
        ? QualifiedName.of(dotted)
        : QualifiedName.of(dotted.substring(0, dot), dotted.substring(dot + 1));
  }

  public static Finding finding(String rule, Severity severity, int line) {
    return new Finding(
        rule,
        severity,
        SourceSpan.ofLine(PATH, line),
        rule + " fired",
        Optional.empty(),
        List.of(),
        "sql");
  }

  public static Approval approved(String user) {
    return Approval.approved(user, HEAD, AT.minusSeconds(60));
  }

  /** alice opened the PR; bob committed to it; nothing else. */
  public static PrFacts.Builder facts() {
    return PrFacts.builder("acme/shop", 42, HEAD, "alice", AT)
        .committers(java.util.Set.of("alice", "bob"));
  }
}
