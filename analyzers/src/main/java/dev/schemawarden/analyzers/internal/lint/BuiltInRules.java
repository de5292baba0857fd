package dev.schemawarden.analyzers.internal.lint;

import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.internal.rules.compat.AddingRequiredField;
import dev.schemawarden.analyzers.internal.rules.compat.BanDropNotNull;
import dev.schemawarden.analyzers.internal.rules.compat.DroppingColumnDefault;
import dev.schemawarden.analyzers.internal.rules.compat.EnumValueOrdering;
import dev.schemawarden.analyzers.internal.rules.compat.EnumValueWithoutPosition;
import dev.schemawarden.analyzers.internal.rules.compat.MovingTableToAnotherSchema;
import dev.schemawarden.analyzers.internal.rules.compat.RenamingColumn;
import dev.schemawarden.analyzers.internal.rules.compat.RenamingEnumValue;
import dev.schemawarden.analyzers.internal.rules.compat.RenamingSchema;
import dev.schemawarden.analyzers.internal.rules.compat.RenamingTable;
import dev.schemawarden.analyzers.internal.rules.destructive.BanDropColumn;
import dev.schemawarden.analyzers.internal.rules.destructive.BanDropDatabase;
import dev.schemawarden.analyzers.internal.rules.destructive.BanDropSchema;
import dev.schemawarden.analyzers.internal.rules.destructive.BanDropTable;
import dev.schemawarden.analyzers.internal.rules.destructive.BanDropType;
import dev.schemawarden.analyzers.internal.rules.destructive.BanTruncate;
import dev.schemawarden.analyzers.internal.rules.destructive.BanTruncateCascade;
import dev.schemawarden.analyzers.internal.rules.destructive.DropCascade;
import dev.schemawarden.analyzers.internal.rules.destructive.UnboundedDataChange;
import dev.schemawarden.analyzers.internal.rules.locking.AddingColumnWithVolatileDefault;
import dev.schemawarden.analyzers.internal.rules.locking.AddingExclusionConstraint;
import dev.schemawarden.analyzers.internal.rules.locking.AddingForeignKeyConstraint;
import dev.schemawarden.analyzers.internal.rules.locking.AddingPrimaryKeyConstraint;
import dev.schemawarden.analyzers.internal.rules.locking.AddingSerialOrIdentityColumn;
import dev.schemawarden.analyzers.internal.rules.locking.AddingStoredGeneratedColumn;
import dev.schemawarden.analyzers.internal.rules.locking.AddingUniqueConstraint;
import dev.schemawarden.analyzers.internal.rules.locking.AttachPartition;
import dev.schemawarden.analyzers.internal.rules.locking.ChangingColumnType;
import dev.schemawarden.analyzers.internal.rules.locking.ConstraintMissingNotValid;
import dev.schemawarden.analyzers.internal.rules.locking.DetachPartitionWithoutConcurrently;
import dev.schemawarden.analyzers.internal.rules.locking.DomainWithConstraint;
import dev.schemawarden.analyzers.internal.rules.locking.MultipleAlterTableSameTable;
import dev.schemawarden.analyzers.internal.rules.locking.PrimaryKeyUsingIndexOnNullable;
import dev.schemawarden.analyzers.internal.rules.locking.RefreshMaterializedViewWithoutConcurrently;
import dev.schemawarden.analyzers.internal.rules.locking.RequireConcurrentIndexCreation;
import dev.schemawarden.analyzers.internal.rules.locking.RequireConcurrentIndexDeletion;
import dev.schemawarden.analyzers.internal.rules.locking.RequireConcurrentReindex;
import dev.schemawarden.analyzers.internal.rules.locking.RequireLockTimeout;
import dev.schemawarden.analyzers.internal.rules.locking.RequireStatementTimeout;
import dev.schemawarden.analyzers.internal.rules.locking.SetLoggedOrUnlogged;
import dev.schemawarden.analyzers.internal.rules.locking.SetTablespace;
import dev.schemawarden.analyzers.internal.rules.locking.SettingNotNull;
import dev.schemawarden.analyzers.internal.rules.locking.StatementsAfterAccessExclusive;
import dev.schemawarden.analyzers.internal.rules.locking.VacuumFullOrCluster;
import dev.schemawarden.analyzers.internal.rules.locking.ValidateConstraintUnderWriteLock;
import dev.schemawarden.analyzers.internal.rules.mysql.AddColumnPositionRebuilds;
import dev.schemawarden.analyzers.internal.rules.mysql.AlgorithmLockRefused;
import dev.schemawarden.analyzers.internal.rules.mysql.AlterBlocksWrites;
import dev.schemawarden.analyzers.internal.rules.mysql.CharsetConversion;
import dev.schemawarden.analyzers.internal.rules.mysql.EnumMemberNotLast;
import dev.schemawarden.analyzers.internal.rules.mysql.RequireLockWaitTimeout;
import dev.schemawarden.analyzers.internal.rules.mysql.SeveralDdlInOneMigration;
import dev.schemawarden.analyzers.internal.rules.mysql.Utf8mb3Charset;
import dev.schemawarden.analyzers.internal.rules.style.DuplicateColumnAssignment;
import dev.schemawarden.analyzers.internal.rules.style.PreferRobustStatements;
import dev.schemawarden.analyzers.internal.rules.style.RequireSchemaQualifiedName;
import dev.schemawarden.analyzers.internal.rules.transaction.ConcurrentlyInTransaction;
import dev.schemawarden.analyzers.internal.rules.transaction.DdlAndDataChangeInSameTransaction;
import dev.schemawarden.analyzers.internal.rules.transaction.EnumAddValueInTransaction;
import dev.schemawarden.analyzers.internal.rules.transaction.TransactionNesting;
import dev.schemawarden.analyzers.internal.rules.transaction.UncommittedTransaction;
import dev.schemawarden.analyzers.internal.rules.types.BanCharField;
import dev.schemawarden.analyzers.internal.rules.types.CreatingEnum;
import dev.schemawarden.analyzers.internal.rules.types.IdentifierTooLong;
import dev.schemawarden.analyzers.internal.rules.types.PreferBigint;
import dev.schemawarden.analyzers.internal.rules.types.PreferIdentity;
import dev.schemawarden.analyzers.internal.rules.types.PreferJsonb;
import dev.schemawarden.analyzers.internal.rules.types.PreferText;
import dev.schemawarden.analyzers.internal.rules.types.PreferTimestamptz;
import java.util.List;

/**
 * The one registry of built-in lint rules. Add a rule with one line, keeping the lines sorted (the catalog test
 * checks the order, the ids, the docs and the fixtures). An array initializer, so every line ends with a comma and
 * adding one never touches its neighbour.
 */
public final class BuiltInRules {

  private BuiltInRules() {}

  public static final List<LintRule> ALL =
      List.of(
          new LintRule[] {
            // keep-sorted start
            new AddColumnPositionRebuilds(),
            new AddingColumnWithVolatileDefault(),
            new AddingExclusionConstraint(),
            new AddingForeignKeyConstraint(),
            new AddingPrimaryKeyConstraint(),
            new AddingRequiredField(),
            new AddingSerialOrIdentityColumn(),
            new AddingStoredGeneratedColumn(),
            new AddingUniqueConstraint(),
            new AlgorithmLockRefused(),
            new AlterBlocksWrites(),
            new AttachPartition(),
            new BanCharField(),
            new BanDropColumn(),
            new BanDropDatabase(),
            new BanDropNotNull(),
            new BanDropSchema(),
            new BanDropTable(),
            new BanDropType(),
            new BanTruncate(),
            new BanTruncateCascade(),
            new ChangingColumnType(),
            new CharsetConversion(),
            new ConcurrentlyInTransaction(),
            new ConstraintMissingNotValid(),
            new CreatingEnum(),
            new DdlAndDataChangeInSameTransaction(),
            new DetachPartitionWithoutConcurrently(),
            new DomainWithConstraint(),
            new DropCascade(),
            new DroppingColumnDefault(),
            new DuplicateColumnAssignment(),
            new EnumAddValueInTransaction(),
            new EnumMemberNotLast(),
            new EnumValueOrdering(),
            new EnumValueWithoutPosition(),
            new IdentifierTooLong(),
            new MovingTableToAnotherSchema(),
            new MultipleAlterTableSameTable(),
            new PreferBigint(),
            new PreferIdentity(),
            new PreferJsonb(),
            new PreferRobustStatements(),
            new PreferText(),
            new PreferTimestamptz(),
            new PrimaryKeyUsingIndexOnNullable(),
            new PsqlMetaCommand(),
            new RefreshMaterializedViewWithoutConcurrently(),
            new RenamingColumn(),
            new RenamingEnumValue(),
            new RenamingSchema(),
            new RenamingTable(),
            new RequireConcurrentIndexCreation(),
            new RequireConcurrentIndexDeletion(),
            new RequireConcurrentReindex(),
            new RequireLockTimeout(),
            new RequireLockWaitTimeout(),
            new RequireSchemaQualifiedName(),
            new RequireStatementTimeout(),
            new SetLoggedOrUnlogged(),
            new SetTablespace(),
            new SettingNotNull(),
            new SeveralDdlInOneMigration(),
            new StatementsAfterAccessExclusive(),
            new TransactionNesting(),
            new UnboundedDataChange(),
            new UnclassifiedStatement(),
            new UncommittedTransaction(),
            new Utf8mb3Charset(),
            new VacuumFullOrCluster(),
            new ValidateConstraintUnderWriteLock(),
            // keep-sorted end
          });
}
