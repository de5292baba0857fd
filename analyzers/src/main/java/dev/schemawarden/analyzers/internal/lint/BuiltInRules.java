package dev.schemawarden.analyzers.internal.lint;

import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.internal.rules.compat.AddingRequiredField;
import dev.schemawarden.analyzers.internal.rules.compat.BanDropNotNull;
import dev.schemawarden.analyzers.internal.rules.compat.DroppingColumnDefault;
import dev.schemawarden.analyzers.internal.rules.compat.EnumValueOrdering;
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
import dev.schemawarden.analyzers.internal.rules.style.PreferRobustStatements;
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
            new AddingRequiredField(),
            new BanCharField(),
            new BanDropColumn(),
            new BanDropDatabase(),
            new BanDropNotNull(),
            new BanDropSchema(),
            new BanDropTable(),
            new BanDropType(),
            new BanTruncate(),
            new BanTruncateCascade(),
            new CreatingEnum(),
            new DropCascade(),
            new DroppingColumnDefault(),
            new EnumValueOrdering(),
            new IdentifierTooLong(),
            new PreferBigint(),
            new PreferIdentity(),
            new PreferJsonb(),
            new PreferRobustStatements(),
            new PreferText(),
            new PreferTimestamptz(),
            new PsqlMetaCommand(),
            new RenamingColumn(),
            new RenamingEnumValue(),
            new RenamingSchema(),
            new RenamingTable(),
            new UnboundedDataChange(),
            new UnclassifiedStatement(),
            // keep-sorted end
          });
}
