package dev.schemawarden.replica.internal.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Opens a JDBC connection to one database of the replica server. */
@FunctionalInterface
interface Connector {
  /** {@code props} holds user, password and options; the connector adds the server's address. */
  Connection connect(String database, Properties props) throws SQLException;
}
