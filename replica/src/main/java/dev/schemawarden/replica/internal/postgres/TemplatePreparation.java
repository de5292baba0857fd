package dev.schemawarden.replica.internal.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The superuser's part of a template build, done before the unprivileged build role runs anything: production's
 * roles are created as plain NOLOGIN roles (so grants in the schema work) and extensions are installed, both by
 * name only: no text of the schema ever runs as a superuser.
 */
final class TemplatePreparation {
  private static final Logger LOG = LoggerFactory.getLogger(TemplatePreparation.class);

  /**
   * Extensions that are not marked trusted but whose objects give a non-superuser nothing outside the database
   * (their functions are restricted to superusers or monitoring roles): installed by the superuser when a schema
   * names them, since production dumps commonly do.
   */
  static final Set<String> INSTALLED_BY_NAME =
      Set.of("pg_stat_statements", "pg_buffercache", "pgstattuple", "amcheck");

  private TemplatePreparation() {}

  /**
   * Creates the roles {@code statements} name and lets {@code builder} act as each one that is plain (no
   * attribute, no membership): a name that is a superuser or otherwise privileged on this server is never granted.
   * Returns the roles granted: the only ones whose objects are later handed to the owner role.
   */
  static Set<String> roles(
      Connection admin, String database, String builder, List<String> statements)
      throws SQLException {
    Set<String> granted = new LinkedHashSet<>();
    for (String role : SchemaStatements.roles(statements)) {
      // The name is hostile text: bound as a parameter, and only ever quoted as an identifier
      // (never inside $$).
      if (!exists(admin, role)) {
        ReplicaCluster.exec(admin, "CREATE ROLE " + SchemaStatements.quote(role) + " NOLOGIN");
      }
      if (plain(admin, role)) {
        ReplicaCluster.exec(admin, "GRANT " + SchemaStatements.quote(role) + " TO " + builder);
        ReplicaCluster.exec(
            admin, "GRANT CREATE ON DATABASE " + database + " TO " + SchemaStatements.quote(role));
        granted.add(role);
      } else {
        LOG.info(
            "role {} is privileged on the replica server: the template build does not act as it",
            role);
      }
    }
    return granted;
  }

  /**
   * Installs, in the database {@code admin} is connected to, the extensions {@code statements} create that are on
   * {@link #INSTALLED_BY_NAME} and available; returns every extension the build may create (those, plus every
   * trusted extension the server has, which the build role creates itself as the database's owner).
   */
  static Set<String> extensions(Connection admin, List<String> statements) throws SQLException {
    Set<String> available = new LinkedHashSet<>();
    Set<String> trusted = new LinkedHashSet<>();
    boolean hasTrusted = ReplicaCluster.serverVersion(admin).atLeast(13);
    try (Statement st = admin.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT DISTINCT name, "
                    + (hasTrusted ? "trusted" : "false")
                    + " FROM pg_available_extension_versions")) {
      while (rs.next()) {
        available.add(rs.getString(1));
        if (rs.getBoolean(2)) {
          trusted.add(rs.getString(1));
        }
      }
    }
    Set<String> installable = new LinkedHashSet<>(trusted);
    installable.add("plpgsql");
    for (String name : SchemaStatements.extensions(statements)) {
      if (INSTALLED_BY_NAME.contains(name) && available.contains(name)) {
        ReplicaCluster.exec(
            admin,
            "CREATE EXTENSION IF NOT EXISTS "
                + SchemaStatements.quote(name)
                + " WITH SCHEMA public");
        installable.add(name);
      } else if (!installable.contains(name)) {
        LOG.info(
            "extension {} is not installed on the replica (not available, or not safe for the sandbox):"
                + " objects that need it fail",
            name);
      }
    }
    return installable;
  }

  private static boolean plain(Connection admin, String role) throws SQLException {
    try (PreparedStatement ps =
        admin.prepareStatement(
            "SELECT NOT (rolsuper OR rolcreaterole OR rolcreatedb"
                + " OR rolreplication OR rolbypassrls OR rolcanlogin) AND NOT EXISTS (SELECT FROM pg_auth_members m"
                + " WHERE m.member = r.oid) FROM pg_roles r WHERE rolname = ?")) {
      ps.setString(1, role);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private static boolean exists(Connection admin, String role) throws SQLException {
    try (PreparedStatement ps =
        admin.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      ps.setString(1, role);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
