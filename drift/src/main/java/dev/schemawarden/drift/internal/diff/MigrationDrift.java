package dev.schemawarden.drift.internal.diff;

import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.drift.api.DriftFinding;
import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.drift.api.SchemaSnapshot.AppliedMigration;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Applied-migration drift: the history rows production recorded (Flyway's {@code flyway_schema_history},
 * Liquibase's {@code databasechangelog}) against the repository's migrations. A tool with no history rows in the
 * snapshot is skipped: production does not use it, or the snapshot role could not read its table (the snapshot
 * lists that under unreadable).
 */
public final class MigrationDrift {
  private MigrationDrift() {}

  /**
   * Production's history rows against the repository's migrations. {@code changed}, a pull request's own
   * migrations, are expected to be unapplied: that is not drift.
   */
  public static List<DriftItem> items(
      Path repoRoot,
      List<Migration> repo,
      List<AppliedMigration> history,
      List<Migration> changed) {
    Set<String> expectedUnapplied = new HashSet<>();
    for (Migration m : changed) {
      historyObject(m).ifPresent(expectedUnapplied::add);
    }
    List<DriftItem> out = new ArrayList<>();
    flyway(repoRoot, repo, history.stream().filter(h -> h.tool().equals("flyway")).toList(), out);
    liquibase(repo, history.stream().filter(h -> h.tool().equals("liquibase")).toList(), out);
    out.removeIf(
        d -> d.kind().equals("migration_not_applied") && expectedUnapplied.contains(d.object()));
    out.sort(Comparator.comparing(DriftItem::object).thenComparing(DriftItem::kind));
    return List.copyOf(out);
  }

  /**
   * DR101 for each migration a pull request adds that production already applied (same Flyway version, same
   * Liquibase changeset): the tool will not run it again, so what it says is not what production gets.
   */
  public static List<DriftFinding> alreadyApplied(
      List<Migration> added, List<AppliedMigration> history) {
    List<DriftFinding> out = new ArrayList<>();
    for (Migration m : added) {
      if (m.id().isEmpty()
          || m.statements().isEmpty()
          || (m.tool() != MigrationTool.FLYWAY && m.tool() != MigrationTool.LIQUIBASE)) {
        continue;
      }
      boolean flyway = m.tool() == MigrationTool.FLYWAY;
      String tool = flyway ? "flyway" : "liquibase";
      String id = flyway ? normalize(m.id().get()) : m.id().get();
      history.stream()
          .filter(h -> h.tool().equals(tool) && h.id().isPresent() && h.success())
          .filter(h -> (flyway ? normalize(h.id().get()) : h.id().get()).equals(id))
          .findFirst()
          .ifPresent(
              h ->
                  out.add(
                      new DriftFinding(
                          DriftFinding.TOUCHES_DRIFTED_OBJECT,
                          Severity.WARNING,
                          Optional.of(SourceSpan.ofLine(m.path(), m.statements().get(0).line())),
                          "production already applied "
                              + m.path()
                              + " ("
                              + h.script()
                              + ", "
                              + tool
                              + " history rank "
                              + h.order()
                              + ") although it is"
                              + " new on this branch: "
                              + tool
                              + " will not run it again, so what it says is not what"
                              + " production gets; compare the two and give the change a new version",
                          historyObject(m).stream().toList())));
    }
    return List.copyOf(out);
  }

  /** How a migration is named in drift items: {@code V3 V3__x.sql}, {@code changeset id::author}. */
  private static Optional<String> historyObject(Migration m) {
    if (m.id().isEmpty()) {
      return Optional.empty();
    }
    if (m.tool() == MigrationTool.FLYWAY) {
      return Optional.of(
          "V" + m.id().get() + " " + m.path().substring(m.path().lastIndexOf('/') + 1));
    }
    return m.tool() == MigrationTool.LIQUIBASE
        ? Optional.of("changeset " + m.id().get())
        : Optional.empty();
  }

  private static void flyway(
      Path root, List<Migration> repo, List<AppliedMigration> rows, List<DriftItem> out) {
    if (rows.isEmpty()) {
      return;
    }
    Map<String, Migration> byVersion = new LinkedHashMap<>();
    for (Migration m : repo) {
      if (m.tool() == MigrationTool.FLYWAY
          && m.kind() == Migration.Kind.VERSIONED
          && m.id().isPresent()) {
        byVersion.put(normalize(m.id().get()), m);
      }
    }
    Map<String, AppliedMigration> applied = new LinkedHashMap<>();
    for (AppliedMigration row : rows) {
      if (row.id().isEmpty()
          || row.type().equals("BASELINE")
          || row.type().equals("SCHEMA")
          || row.type().equals("DELETE")) {
        continue; // repeatables (no version), baselines and markers are not versioned scripts
      }
      String version = normalize(row.id().get());
      applied.put(version, row);
      String object = "V" + row.id().get() + " " + row.script();
      Migration m = byVersion.get(version);
      if (!row.success()) {
        out.add(
            new DriftItem(
                "migration_failed",
                "migration",
                object,
                Optional.empty(),
                Optional.of("failed"),
                "migration "
                    + object
                    + " is recorded as failed in production's flyway_schema_history; repair it"
                    + " before applying more"));
      }
      if (m == null) {
        out.add(
            new DriftItem(
                "migration_unknown",
                "migration",
                object,
                Optional.empty(),
                Optional.of("applied (rank " + row.order() + ")"),
                "migration "
                    + object
                    + " was applied to production"
                    + " (installed_rank "
                    + row.order()
                    + ") but is not in the repository"));
        continue;
      }
      int repoChecksum = flywayChecksum(read(root, m.path()));
      String prod = row.checksum().orElse("none");
      if (!prod.equals(Integer.toString(repoChecksum))) {
        out.add(
            new DriftItem(
                "checksum_mismatch",
                "migration",
                object,
                Optional.of(Integer.toString(repoChecksum)),
                Optional.of(prod),
                "migration "
                    + object
                    + " differs from what production applied: checksum "
                    + repoChecksum
                    + " in the repository ("
                    + m.path()
                    + ") but "
                    + prod
                    + " in flyway_schema_history"));
      }
    }
    byVersion.forEach(
        (version, m) -> {
          if (!applied.containsKey(version)) {
            String object =
                "V" + m.id().get() + " " + m.path().substring(m.path().lastIndexOf('/') + 1);
            out.add(
                new DriftItem(
                    "migration_not_applied",
                    "migration",
                    object,
                    Optional.of("in the repository"),
                    Optional.empty(),
                    "migration "
                        + m.path()
                        + " is in the repository but production has not applied it"));
          }
        });
  }

  private static void liquibase(
      List<Migration> repo, List<AppliedMigration> rows, List<DriftItem> out) {
    if (rows.isEmpty()) {
      return;
    }
    Map<String, Migration> byId = new LinkedHashMap<>();
    for (Migration m : repo) {
      if (m.tool() == MigrationTool.LIQUIBASE && m.id().isPresent()) {
        byId.put(m.id().get(), m);
      }
    }
    Map<String, AppliedMigration> applied = new LinkedHashMap<>();
    for (AppliedMigration row : rows) {
      String id = row.id().orElse("");
      applied.put(id, row);
      if (!byId.containsKey(id)) {
        out.add(
            new DriftItem(
                "migration_unknown",
                "migration",
                "changeset " + id,
                Optional.empty(),
                Optional.of("applied (" + row.script() + ")"),
                "changeset "
                    + id
                    + " from "
                    + row.script()
                    + " was applied to production but is not in the repository's changelog"));
      }
    }
    byId.forEach(
        (id, m) -> {
          if (!applied.containsKey(id)) {
            out.add(
                new DriftItem(
                    "migration_not_applied",
                    "migration",
                    "changeset " + id,
                    Optional.of("in " + m.path()),
                    Optional.empty(),
                    "changeset "
                        + id
                        + " in "
                        + m.path()
                        + " is in the repository but production has not applied it"));
          }
        });
  }

  /** Flyway's version equality: 1.01 == 1.1, 1.0 == 1, '_' as '.'. */
  static String normalize(String version) {
    String[] parts = version.replace('_', '.').split("\\.");
    List<String> out = new ArrayList<>();
    for (String p : parts) {
      out.add(
          p.chars().allMatch(Character::isDigit) && !p.isEmpty()
              ? new BigInteger(p).toString()
              : p);
    }
    while (out.size() > 1 && out.get(out.size() - 1).equals("0")) {
      out.remove(out.size() - 1);
    }
    return String.join(".", out);
  }

  /**
   * Flyway's checksum of a SQL script, as {@code ChecksumCalculator} computes it: a CRC32 over the UTF-8 bytes of
   * each line without its line terminator (so CRLF and LF files agree), a byte order mark dropped, as a signed int.
   */
  public static int flywayChecksum(String script) {
    CRC32 crc = new CRC32();
    try (BufferedReader reader = new BufferedReader(new StringReader(script))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
          line = line.substring(1);
        }
        crc.update(line.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return (int) crc.getValue();
  }

  /** Inside the repository only: a link out, /proc or a FIFO is refused (INPUT), never read or waited on. */
  private static String read(Path root, String path) {
    return RepositoryFiles.read(root, path, RepositoryFiles.DEFAULT_MAX_BYTES);
  }
}
