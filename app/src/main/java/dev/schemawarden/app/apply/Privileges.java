package dev.schemawarden.app.apply;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The least-privilege check of apply credentials. Applying needs to own (or be granted DDL on) the application's
 * objects; it does not need superuser, CREATEROLE, BYPASSRLS or replication, and a role that has them turns any
 * mistake into a cluster-wide one.
 *
 * @param role the role apply connects as
 * @param warnings what is broader than needed, one sentence each
 * @param details everything {@code warden doctor} shows
 */
public record Privileges(String role, List<String> warnings, List<String> details) {
  public Privileges {
    warnings = List.copyOf(warnings);
    details = List.copyOf(details);
  }

  public static Privileges of(Connection c) throws SQLException {
    List<String> warnings = new ArrayList<>();
    List<String> details = new ArrayList<>();
    String role;
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT current_user, rolsuper,"
                    + " rolcreaterole, rolcreatedb, rolbypassrls, rolreplication,"
                    + " has_database_privilege(current_database(), 'CREATE'), current_database(), current_setting('server_version')"
                    + " FROM pg_roles WHERE rolname = current_user")) {
      rs.next();
      role = rs.getString(1);
      details.add(
          "role "
              + role
              + " on database "
              + rs.getString(8)
              + " (PostgreSQL "
              + rs.getString(9)
              + ")");
      if (rs.getBoolean(2)) {
        warnings.add(
            "role "
                + role
                + " is a superuser: apply with a role that owns the application's schema"
                + " instead (see docs/apply-and-audit.md#least-privilege)");
      }
      if (rs.getBoolean(3)) {
        warnings.add("role " + role + " has CREATEROLE, which apply never needs");
      }
      if (rs.getBoolean(5)) {
        warnings.add("role " + role + " has BYPASSRLS, which apply never needs");
      }
      if (rs.getBoolean(6)) {
        warnings.add("role " + role + " has REPLICATION, which apply never needs");
      }
      details.add(
          "superuser="
              + rs.getBoolean(2)
              + " createrole="
              + rs.getBoolean(3)
              + " createdb="
              + rs.getBoolean(4)
              + " bypassrls="
              + rs.getBoolean(5)
              + " replication="
              + rs.getBoolean(6)
              + " create-on-database="
              + rs.getBoolean(7));
    }
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT n.nspname,"
                    + " has_schema_privilege(n.oid, 'USAGE'), has_schema_privilege(n.oid, 'CREATE'),"
                    + " pg_get_userbyid(n.nspowner), (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid"
                    + "   AND c.relkind IN ('r', 'p') AND pg_has_role(c.relowner, 'USAGE'))"
                    + " FROM pg_namespace n WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
                    + "   AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1")) {
      while (rs.next()) {
        details.add(
            "schema "
                + rs.getString(1)
                + " (owner "
                + rs.getString(4)
                + "): usage="
                + rs.getBoolean(2)
                + " create="
                + rs.getBoolean(3)
                + " tables-owned="
                + rs.getLong(5));
      }
    }
    return new Privileges(role, warnings, details);
  }
}
