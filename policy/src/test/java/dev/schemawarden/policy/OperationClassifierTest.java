package dev.schemawarden.policy;

import static dev.schemawarden.policy.api.OperationClass.ADDITIVE_DDL;
import static dev.schemawarden.policy.api.OperationClass.DATA_CHANGE;
import static dev.schemawarden.policy.api.OperationClass.DESTRUCTIVE;
import static dev.schemawarden.policy.api.OperationClass.EXTENSION;
import static dev.schemawarden.policy.api.OperationClass.OTHER;
import static dev.schemawarden.policy.api.OperationClass.PRIVILEGE_CHANGE;
import static dev.schemawarden.policy.api.OperationClass.REWRITING_DDL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Change.DataChange.DmlKind;
import dev.schemawarden.analyzers.api.Change.ObjectKind;
import dev.schemawarden.analyzers.api.ColumnDef;
import dev.schemawarden.analyzers.api.ConstraintDef;
import dev.schemawarden.analyzers.api.DataType;
import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.PredictedLock;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.policy.api.OperationClass;
import dev.schemawarden.policy.api.OperationClassifier;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OperationClassifierTest {
  private static final QualifiedName T = QualifiedName.of("public", "orders");

  private static Change alter(AlterAction... actions) {
    return new Change.AlterTable(T, false, false, List.of(actions));
  }

  private static Change drop(ObjectKind kind, boolean cascade) {
    return new Change.Drop(kind, List.of(T), false, cascade, false);
  }

  private static ColumnDef col(String type, String dflt, ColumnDef.Generated gen) {
    return new ColumnDef(
        "c", DataType.of(type), false, Optional.ofNullable(dflt), gen, Optional.empty());
  }

  private static ConstraintDef check() {
    return new ConstraintDef(
        Optional.of("ck"),
        ConstraintDef.Kind.CHECK,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.of("x > 0"),
        true);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "create table",
            new Change.CreateTable(
                T, List.of(), List.of(), false, false, false, Optional.empty(), false, false),
            Set.of(ADDITIVE_DDL)),
        Arguments.of(
            "create index",
            new Change.CreateIndex(
                Optional.empty(), T, false, true, false, List.of("a"), Optional.empty(), false),
            Set.of(ADDITIVE_DDL)),
        Arguments.of(
            "add column, constant default",
            alter(new AlterAction.AddColumn(col("integer", "0", ColumnDef.Generated.NONE), false)),
            Set.of(ADDITIVE_DDL)),
        Arguments.of(
            "add column, volatile default",
            alter(
                new AlterAction.AddColumn(
                    col("uuid", "gen_random_uuid()", ColumnDef.Generated.NONE), false)),
            Set.of(REWRITING_DDL)),
        Arguments.of(
            "add column, stored generated",
            alter(
                new AlterAction.AddColumn(col("integer", null, ColumnDef.Generated.STORED), false)),
            Set.of(REWRITING_DDL)),
        Arguments.of(
            "add bigserial column",
            alter(
                new AlterAction.AddColumn(col("bigserial", null, ColumnDef.Generated.NONE), false)),
            Set.of(REWRITING_DDL)),
        Arguments.of(
            "add check constraint",
            alter(new AlterAction.AddConstraint(check())),
            Set.of(ADDITIVE_DDL)),
        Arguments.of("set not null", alter(new AlterAction.SetNotNull("c")), Set.of(ADDITIVE_DDL)),
        Arguments.of(
            "alter column type",
            alter(new AlterAction.AlterColumnType("c", DataType.of("bigint"), Optional.empty())),
            Set.of(REWRITING_DDL)),
        Arguments.of("set logged", alter(new AlterAction.SetLogged(true)), Set.of(REWRITING_DDL)),
        Arguments.of(
            "drop column",
            alter(new AlterAction.DropColumn("c", false, false)),
            Set.of(DESTRUCTIVE)),
        Arguments.of(
            "drop constraint",
            alter(new AlterAction.DropConstraint("ck", false, false)),
            Set.of(DESTRUCTIVE)),
        Arguments.of(
            "add one column and drop another",
            alter(
                new AlterAction.AddColumn(col("text", null, ColumnDef.Generated.NONE), false),
                new AlterAction.DropColumn("old", false, false)),
            Set.of(ADDITIVE_DDL, DESTRUCTIVE)),
        Arguments.of("rename column", alter(new AlterAction.RenameColumn("a", "b")), Set.of(OTHER)),
        Arguments.of("drop not null", alter(new AlterAction.DropNotNull("c")), Set.of(OTHER)),
        Arguments.of("drop table", drop(ObjectKind.TABLE, false), Set.of(DESTRUCTIVE)),
        Arguments.of("drop schema", drop(ObjectKind.SCHEMA, false), Set.of(DESTRUCTIVE)),
        Arguments.of("drop database", drop(ObjectKind.DATABASE, false), Set.of(DESTRUCTIVE)),
        Arguments.of("drop sequence", drop(ObjectKind.SEQUENCE, false), Set.of(DESTRUCTIVE)),
        Arguments.of("drop index", drop(ObjectKind.INDEX, false), Set.of(OTHER)),
        Arguments.of("drop view cascade", drop(ObjectKind.VIEW, true), Set.of(DESTRUCTIVE)),
        Arguments.of("drop type", drop(ObjectKind.TYPE, false), Set.of(OTHER)),
        Arguments.of("drop type cascade", drop(ObjectKind.TYPE, true), Set.of(DESTRUCTIVE)),
        Arguments.of("drop extension", drop(ObjectKind.EXTENSION, false), Set.of(EXTENSION)),
        Arguments.of(
            "drop extension cascade",
            drop(ObjectKind.EXTENSION, true),
            Set.of(EXTENSION, DESTRUCTIVE)),
        Arguments.of("drop role", drop(ObjectKind.ROLE, false), Set.of(PRIVILEGE_CHANGE)),
        Arguments.of(
            "truncate", new Change.Truncate(List.of(T), false, false), Set.of(DESTRUCTIVE)),
        Arguments.of(
            "delete with where",
            new Change.DataChange(DmlKind.DELETE, Optional.of(T), true),
            Set.of(DATA_CHANGE)),
        Arguments.of(
            "delete without where",
            new Change.DataChange(DmlKind.DELETE, Optional.of(T), false),
            Set.of(DATA_CHANGE, DESTRUCTIVE)),
        Arguments.of(
            "update without where",
            new Change.DataChange(DmlKind.UPDATE, Optional.of(T), false),
            Set.of(DATA_CHANGE, DESTRUCTIVE)),
        Arguments.of(
            "insert",
            new Change.DataChange(DmlKind.INSERT, Optional.of(T), false),
            Set.of(DATA_CHANGE)),
        Arguments.of(
            "select",
            new Change.DataChange(DmlKind.SELECT, Optional.empty(), false),
            Set.of(OTHER)),
        Arguments.of(
            "grant",
            new Change.PrivilegeChange("GRANT SELECT ON orders TO app"),
            Set.of(PRIVILEGE_CHANGE)),
        Arguments.of(
            "create extension", new Change.CreateExtension("pg_trgm", true), Set.of(EXTENSION)),
        Arguments.of("vacuum full", new Change.Vacuum(true, List.of(T)), Set.of(REWRITING_DDL)),
        Arguments.of("vacuum", new Change.Vacuum(false, List.of(T)), Set.of(OTHER)),
        Arguments.of(
            "cluster", new Change.Cluster(Optional.of(T), Optional.empty()), Set.of(REWRITING_DDL)),
        Arguments.of(
            "reindex", new Change.Reindex(ObjectKind.TABLE, T, false), Set.of(REWRITING_DDL)),
        Arguments.of(
            "create function",
            new Change.Other("CREATE FUNCTION", ObjectKind.FUNCTION, Optional.of(T)),
            Set.of(ADDITIVE_DDL)),
        Arguments.of(
            "comment on",
            new Change.Other("COMMENT ON", ObjectKind.TABLE, Optional.of(T)),
            Set.of(OTHER)),
        Arguments.of(
            "set lock_timeout",
            new Change.SetParameter("lock_timeout", Optional.of("2s"), false),
            Set.of(OTHER)),
        Arguments.of(
            "begin", new Change.Transaction(Change.Transaction.TxKind.BEGIN), Set.of(OTHER)),
        Arguments.of("unknown", new Change.Unknown("garbled"), Set.of(OTHER)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void classifies_by_change_type(String name, Change change, Set<OperationClass> expected) {
    assertThat(new OperationClassifier().classify(change)).isEqualTo(expected);
  }

  @Test
  void primary_is_the_most_consequential_class() {
    Change both =
        alter(
            new AlterAction.AddColumn(col("text", null, ColumnDef.Generated.NONE), false),
            new AlterAction.DropColumn("old", false, false));
    assertThat(new OperationClassifier().primary(both)).isEqualTo(DESTRUCTIVE);
  }

  @Test
  void an_engine_predicted_rewrite_makes_the_statement_rewriting() {
    // SET DEFAULT alone is metadata-only; an engine that knows better (e.g. a future version) says
    // it rewrites.
    Change setDefault = alter(new AlterAction.SetDefault("c", "0"));
    DatabaseEngine rewriting =
        new DatabaseEngine() {
          @Override
          public String id() {
            return "test";
          }

          @Override
          public boolean supports(String d) {
            return true;
          }

          @Override
          public SqlParser parser() {
            throw new UnsupportedOperationException();
          }

          @Override
          public boolean mustRunOutsideTransaction(
              dev.schemawarden.analyzers.api.SqlStatement s, ServerVersion v) {
            return false;
          }

          @Override
          public List<PredictedLock> predictLocks(Change c, ServerVersion v) {
            return List.of(new PredictedLock(T, LockMode.ACCESS_EXCLUSIVE, true, false));
          }
        };
    assertThat(new OperationClassifier().classify(setDefault)).containsExactly(ADDITIVE_DDL);
    assertThat(
            new OperationClassifier(rewriting, ServerVersion.DEFAULT_POSTGRES).classify(setDefault))
        .as("the engine's rewrite flag adds REWRITING_DDL")
        .containsExactlyInAnyOrder(ADDITIVE_DDL, REWRITING_DDL);
  }
}
