package dev.schemawarden.app.apply;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.apply.RollbackPlan.Kind;
import dev.schemawarden.app.apply.RollbackPlan.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes a {@link RollbackPlan} from the migrations about to be applied: the repository's down/undo migration
 * when it has one, otherwise the inverse of each statement where one exists, and "irreversible" where nothing can
 * restore the data. Pure apart from reading down files from the repository.
 */
public final class RollbackPlanner {
  private static final Pattern FLYWAY_V = Pattern.compile("V([^_]+)__(.*)");

  private RollbackPlanner() {}

  public static RollbackPlan plan(Path repo, List<Migration> migrations) {
    List<Step> steps = new ArrayList<>();
    for (int i = migrations.size() - 1; i >= 0; i--) {
      Migration m = migrations.get(i);
      Optional<Path> down = downFile(repo, m);
      if (down.isPresent()) {
        steps.add(
            new Step(
                m.label(),
                0,
                "(migration " + m.label() + ")",
                Kind.DOWN_MIGRATION,
                read(repo, down.get()),
                "the repository's "
                    + repo.relativize(down.get()).toString().replace('\\', '/')
                    + (m.statements().stream().anyMatch(s -> inverse(s).kind() == Kind.IRREVERSIBLE)
                        ? "; data dropped by the migration is not restored"
                        : "")));
        continue;
      }
      List<SqlStatement> statements = m.statements();
      for (int k = statements.size() - 1; k >= 0; k--) {
        SqlStatement s = statements.get(k);
        Inverse inv = inverse(s);
        steps.add(new Step(m.label(), s.line(), s.sql(), inv.kind(), inv.sql(), inv.note()));
      }
    }
    return new RollbackPlan(steps);
  }

  record Inverse(Kind kind, String sql, String note) {
    static Inverse of(String sql) {
      return new Inverse(Kind.INVERSE, sql, "");
    }

    static Inverse irreversible(String why) {
      return new Inverse(Kind.IRREVERSIBLE, "", why);
    }

    static Inverse manual(String why) {
      return new Inverse(Kind.MANUAL, "", why);
    }

    static Inverse none() {
      return new Inverse(Kind.NOT_NEEDED, "", "");
    }
  }

  static Inverse inverse(SqlStatement statement) {
    Change c = statement.change();
    if (c instanceof Change.CreateIndex ci) {
      return ci.name()
          .map(
              n ->
                  Inverse.of(
                      "DROP INDEX CONCURRENTLY IF EXISTS " + qualify(ci.table().schema(), n)))
          .orElseGet(
              () -> Inverse.manual("the index has no name: find the generated one and drop it"));
    }
    if (c instanceof Change.CreateTable ct) {
      return Inverse.of("DROP TABLE " + ct.table());
    }
    if (c instanceof Change.CreateView v) {
      return v.orReplace()
          ? Inverse.manual("CREATE OR REPLACE: the previous definition is not recorded")
          : Inverse.of("DROP " + (v.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + v.name());
    }
    if (c instanceof Change.CreateType t) {
      return Inverse.of("DROP TYPE " + t.name());
    }
    if (c instanceof Change.CreateDomain d) {
      return Inverse.of("DROP DOMAIN " + d.name());
    }
    if (c instanceof Change.CreateExtension e) {
      return Inverse.of("DROP EXTENSION " + e.name());
    }
    if (c instanceof Change.Rename r) {
      String kind = r.kind().name().replace('_', ' ');
      return Inverse.of(
          "ALTER "
              + kind
              + " "
              + qualify(r.from().schema(), r.to())
              + " RENAME TO "
              + r.from().name());
    }
    if (c instanceof Change.AlterTable at) {
      return alter(at);
    }
    if (c instanceof Change.Drop d) {
      return switch (d.kind()) {
        case INDEX, VIEW, FUNCTION, TRIGGER ->
            Inverse.manual(
                "the dropped definition is not recorded: recreate it"
                    + " from the previous migration");
        default ->
            Inverse.irreversible(
                "DROP " + d.kind().name() + " destroys data or definitions for good");
      };
    }
    if (c instanceof Change.Truncate) {
      return Inverse.irreversible("TRUNCATE removes every row");
    }
    if (c instanceof Change.DataChange dc) {
      return switch (dc.kind()) {
        case SELECT -> Inverse.none();
        case DELETE -> Inverse.irreversible("deleted rows cannot be restored");
        default ->
            Inverse.irreversible(
                dc.kind().name() + " changes data; the previous values are not recorded");
      };
    }
    if (c instanceof Change.AddEnumValue) {
      return Inverse.irreversible("PostgreSQL cannot remove a value from an enum");
    }
    if (c instanceof Change.Transaction
        || c instanceof Change.SetParameter
        || c instanceof Change.Vacuum
        || c instanceof Change.Reindex
        || c instanceof Change.MetaCommand) {
      return Inverse.none();
    }
    return Inverse.manual("no automatic inverse for this statement");
  }

  private static Inverse alter(Change.AlterTable at) {
    String t = "ALTER TABLE " + at.table() + " ";
    List<String> parts = new ArrayList<>();
    for (int i = at.actions().size() - 1; i >= 0; i--) {
      AlterAction a = at.actions().get(i);
      if (a instanceof AlterAction.AddColumn add) {
        parts.add("DROP COLUMN " + add.column().name());
      } else if (a instanceof AlterAction.AddConstraint ac) {
        if (ac.constraint().name().isEmpty()) {
          return Inverse.manual("the constraint has no name: find the generated one and drop it");
        }
        parts.add("DROP CONSTRAINT " + ac.constraint().name().get());
      } else if (a instanceof AlterAction.SetNotNull s) {
        parts.add("ALTER COLUMN " + s.column() + " DROP NOT NULL");
      } else if (a instanceof AlterAction.DropNotNull s) {
        parts.add("ALTER COLUMN " + s.column() + " SET NOT NULL");
      } else if (a instanceof AlterAction.RenameColumn r) {
        parts.add("RENAME COLUMN " + r.to() + " TO " + r.from());
      } else if (a instanceof AlterAction.RenameConstraint r) {
        parts.add("RENAME CONSTRAINT " + r.to() + " TO " + r.from());
      } else if (a instanceof AlterAction.RenameTable r) {
        return Inverse.of(
            "ALTER TABLE "
                + qualify(at.table().schema(), r.to())
                + " RENAME TO "
                + at.table().name());
      } else if (a instanceof AlterAction.ValidateConstraint) {
        continue;
      } else if (a instanceof AlterAction.DropColumn d) {
        return Inverse.irreversible("DROP COLUMN " + d.column() + " destroys its data");
      } else if (a instanceof AlterAction.DropConstraint d) {
        return Inverse.manual("the definition of constraint " + d.name() + " is not recorded");
      } else if (a instanceof AlterAction.AlterColumnType ct) {
        return Inverse.manual("the previous type of " + ct.column() + " is not recorded");
      } else {
        return Inverse.manual("no automatic inverse for " + a.getClass().getSimpleName());
      }
    }
    return parts.isEmpty() ? Inverse.none() : Inverse.of(t + String.join(", ", parts));
  }

  private static String qualify(Optional<String> schema, String name) {
    return schema.map(s -> s + "." + name).orElse(name);
  }

  /** Flyway {@code U<version>__*.sql} next to {@code V<version>__*.sql}; golang-migrate {@code .down.sql}. */
  static Optional<Path> downFile(Path repo, Migration m) {
    Path file = repo.resolve(m.path());
    String name = file.getFileName().toString();
    if (name.endsWith(".up.sql")) {
      Path down =
          file.resolveSibling(name.substring(0, name.length() - ".up.sql".length()) + ".down.sql");
      return Files.isRegularFile(down) ? Optional.of(down) : Optional.empty();
    }
    Matcher v = FLYWAY_V.matcher(name);
    if (v.matches() && file.getParent() != null) {
      String version = v.group(1);
      try (var files = Files.list(file.getParent())) {
        return files
            .filter(
                p ->
                    p.getFileName()
                        .toString()
                        .toLowerCase(Locale.ROOT)
                        .startsWith("u" + version.toLowerCase(Locale.ROOT) + "__"))
            .findFirst();
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The down script's text, read inside the repository only (a link out, a FIFO or /proc reads as nothing). */
  private static String read(Path repo, Path p) {
    try {
      return RepositoryFiles.readIfExists(
              repo,
              RepositoryFiles.relative(repo, p),
              RepositoryFiles.DEFAULT_MAX_BYTES,
              ErrorCode.INPUT)
          .orElse("")
          .strip();
    } catch (WardenException e) {
      return "";
    }
  }
}
