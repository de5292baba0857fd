package dev.schemawarden.analyzers.internal.postgres;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Change.ObjectKind;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.internal.sql.Token;
import dev.schemawarden.analyzers.internal.sql.TokenCursor;
import java.util.Optional;

/** Every {@code ALTER ...} form other than the table actions themselves. */
final class PostgresAlterClassifier {
  private PostgresAlterClassifier() {}

  /** At the cursor just after {@code ALTER}. */
  static Change alter(TokenCursor c) {
    if (c.isWords("table", "all")) {
      return PostgresClassifier.other("ALTER TABLE ALL", ObjectKind.TABLE, Optional.empty());
    }
    if (c.acceptWords("table")) {
      return PostgresTableClassifier.alterTable(c);
    }
    if (c.isWords("role")
        || c.isWords("user")
        || c.isWords("group")
        || c.isWords("default", "privileges")) {
      return new Change.PrivilegeChange(c.text());
    }
    if (c.isWords("system")) {
      return PostgresClassifier.other("ALTER SYSTEM", ObjectKind.OTHER, Optional.empty());
    }
    PostgresDropClassifier.KindWords kw = PostgresDropClassifier.kindWords(c);
    boolean ifExists = c.acceptWords("if", "exists");
    Optional<QualifiedName> name = PostgresSyntax.qualifiedName(c);
    if (name.isEmpty()) {
      return PostgresClassifier.unknown(c);
    }
    if (kw.kind() == ObjectKind.TYPE) {
      Optional<Change> enumChange = enumChange(c, name.get());
      if (enumChange.isPresent()) {
        return enumChange.get();
      }
    }
    if (kw.kind() == ObjectKind.DOMAIN) {
      String action = c.remainingText();
      boolean adds = c.acceptWords("add");
      int valid = c.findTopLevelWord("valid");
      boolean notValid = valid > 0 && c.token(valid - 1).isWord("not");
      return new Change.AlterDomain(name.get(), adds, notValid, action);
    }
    if (kw.kind() == ObjectKind.FUNCTION || kw.kind() == ObjectKind.PROCEDURE) {
      c.acceptParenthesised();
    }
    if ((kw.kind() == ObjectKind.TRIGGER || kw.kind() == ObjectKind.POLICY)
        && c.acceptWords("on")) {
      // ALTER TRIGGER t ON table ... / ALTER POLICY p ON table ...: the lock is on the table, as
      // for CREATE.
      return PostgresClassifier.other(
          "ALTER " + kw.words(), kw.kind(), PostgresSyntax.qualifiedName(c));
    }
    if (c.acceptWords("rename", "to")) {
      Optional<String> to = c.acceptIdentifier();
      if (to.isPresent()) {
        return new Change.Rename(kw.kind(), name.get(), to.get());
      }
    }
    return PostgresClassifier.other("ALTER " + kw.words(), kw.kind(), name);
  }

  private static Optional<Change> enumChange(TokenCursor c, QualifiedName type) {
    if (c.acceptWords("add", "value")) {
      boolean ifNotExists = c.acceptWords("if", "not", "exists");
      String value = c.next().value();
      Optional<String> before = Optional.empty();
      Optional<String> after = Optional.empty();
      if (c.acceptWords("before")) {
        before = Optional.of(c.next().value());
      } else if (c.acceptWords("after")) {
        after = Optional.of(c.next().value());
      }
      return Optional.of(new Change.AddEnumValue(type, value, ifNotExists, before, after));
    }
    if (c.acceptWords("rename", "value")) {
      Token from = c.next();
      c.acceptWords("to");
      return Optional.of(new Change.RenameEnumValue(type, from.value(), c.next().value()));
    }
    return Optional.empty();
  }
}
