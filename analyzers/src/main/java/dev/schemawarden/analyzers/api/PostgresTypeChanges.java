package dev.schemawarden.analyzers.api;

import java.util.Optional;
import java.util.Set;

/**
 * Whether {@code ALTER COLUMN ... TYPE} rewrites a PostgreSQL table. PostgreSQL skips the rewrite when the old
 * type is binary coercible to the new one and the new one does not constrain it further (varchar(n) to a longer
 * varchar or to text, numeric to a numeric with larger precision and the same scale, varbit likewise, cidr to
 * inet). See https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES.
 *
 * <p><b>Assumption when the old type is unknown</b> (the static analyzer does not see the schema): a target of
 * {@code text}, {@code varchar}/{@code varchar(n)}, {@code numeric}/{@code numeric(p[,s])}, {@code varbit} or
 * {@code inet} is assumed to widen a column of the same family and so not to rewrite; every other target is
 * assumed to rewrite. A narrowing change the assumption misses is caught by the lock tracer, which observes the
 * relfilenode on the replica.
 */
public final class PostgresTypeChanges {
  private PostgresTypeChanges() {}

  /** Targets assumed to widen a column of the same family when the old type is unknown. */
  public static final Set<String> ASSUMED_WIDENING_TARGETS =
      Set.of("text", "varchar", "numeric", "varbit", "inet", "citext");

  /**
   * True when changing a column from {@code from} (empty when unknown) to {@code to} rewrites the table.
   * {@code using} (an explicit {@code USING} expression) is assumed to change the contents and so to rewrite.
   */
  public static boolean rewrites(
      Optional<DataType> from, DataType to, boolean using, ServerVersion version) {
    if (using || to.isArray() != from.map(DataType::isArray).orElse(to.isArray())) {
      return true;
    }
    if (from.isEmpty()) {
      return !ASSUMED_WIDENING_TARGETS.contains(to.name());
    }
    DataType old = from.get();
    if (old.equals(to)) {
      return false;
    }
    String o = old.name();
    String n = to.name();
    if ((o.equals("varchar") || o.equals("text"))
        && (n.equals("text") || (n.equals("varchar") && to.modifiers().isEmpty()))) {
      return false;
    }
    if (o.equals("varchar") && n.equals("varchar")) {
      return !notShorter(old, to);
    }
    if (o.equals("varbit") && n.equals("varbit")) {
      return !notShorter(old, to);
    }
    if (o.equals("cidr") && n.equals("inet")) {
      return false;
    }
    if (o.equals("numeric") && n.equals("numeric")) {
      if (to.modifiers().isEmpty()) {
        return false;
      }
      if (old.modifiers().isEmpty()) {
        return true;
      }
      int oldScale = old.modifiers().size() > 1 ? parse(old.modifiers().get(1)) : 0;
      int newScale = to.modifiers().size() > 1 ? parse(to.modifiers().get(1)) : 0;
      return !(oldScale == newScale
          && parse(to.modifiers().get(0)) >= parse(old.modifiers().get(0)));
    }
    return true;
  }

  /** Convenience for an unknown old type. */
  public static boolean rewrites(DataType to, ServerVersion version) {
    return rewrites(Optional.empty(), to, false, version);
  }

  private static boolean notShorter(DataType old, DataType to) {
    if (to.modifiers().isEmpty()) {
      return true;
    }
    if (old.modifiers().isEmpty()) {
      return false;
    }
    return parse(to.modifiers().get(0)) >= parse(old.modifiers().get(0));
  }

  private static int parse(String s) {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
