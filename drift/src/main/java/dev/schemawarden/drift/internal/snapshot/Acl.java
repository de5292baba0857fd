package dev.schemawarden.drift.internal.snapshot;

import dev.schemawarden.analyzers.api.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code aclitem} as PostgreSQL prints it, {@code grantee=privileges/grantor} (an empty grantee is PUBLIC, a
 * {@code *} after a letter is WITH GRANT OPTION), turned back into GRANT statements.
 */
record Acl(String grantee, List<String> privileges, List<String> withGrantOption) {
  private static final Map<Character, String> LETTERS =
      Map.ofEntries(
          Map.entry('r', "SELECT"),
          Map.entry('w', "UPDATE"),
          Map.entry('a', "INSERT"),
          Map.entry('d', "DELETE"),
          Map.entry('D', "TRUNCATE"),
          Map.entry('x', "REFERENCES"),
          Map.entry('t', "TRIGGER"),
          Map.entry('X', "EXECUTE"),
          Map.entry('U', "USAGE"),
          Map.entry('C', "CREATE"),
          Map.entry('c', "CONNECT"),
          Map.entry('T', "TEMPORARY"),
          Map.entry('m', "MAINTAIN"));

  static Optional<Acl> parse(String item) {
    int eq = Identifiers.indexOutsideQuotes(item, '=');
    int slash = item.lastIndexOf('/');
    if (eq < 0 || slash < eq) {
      return Optional.empty();
    }
    String grantee = Identifiers.unquote(item.substring(0, eq));
    if (grantee.equals("pg_database_owner")) {
      return Optional.empty(); // the default of schema public on 15+; cannot be granted to
    }
    List<String> plain = new ArrayList<>();
    List<String> option = new ArrayList<>();
    String letters = item.substring(eq + 1, slash);
    for (int i = 0; i < letters.length(); i++) {
      String privilege = LETTERS.get(letters.charAt(i));
      boolean grantOption = i + 1 < letters.length() && letters.charAt(i + 1) == '*';
      if (privilege != null) {
        (grantOption ? option : plain).add(privilege);
      }
      if (grantOption) {
        i++;
      }
    }
    return Optional.of(new Acl(grantee, plain, option));
  }

  List<String> grants(String target) {
    String to = grantee.isEmpty() ? "PUBLIC" : Sql.ident(grantee);
    List<String> out = new ArrayList<>();
    if (!plain().isEmpty()) {
      out.add("GRANT " + String.join(", ", plain()) + " ON " + target + " TO " + to);
    }
    if (!withGrantOption.isEmpty()) {
      out.add(
          "GRANT "
              + String.join(", ", withGrantOption)
              + " ON "
              + target
              + " TO "
              + to
              + " WITH GRANT OPTION");
    }
    return out;
  }

  private List<String> plain() {
    return privileges;
  }
}
