package dev.schemawarden.analyzers.internal.mysql;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.PredictedLock;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.List;
import java.util.Locale;

/**
 * MySQL ({@code mysql}) and, through {@link MariadbEngine}, MariaDB ({@code mariadb}): discovered through
 * {@code META-INF/services/dev.schemawarden.analyzers.api.DatabaseEngine}. They share the parser; what an ALTER
 * may do online differs by flavor and version ({@link MysqlOnlineDdl}).
 */
public class MysqlEngine implements DatabaseEngine {
  public static final String ID = "mysql";

  private static final SqlParser PARSER = new MysqlSqlParser();

  private final MysqlFlavor flavor;

  public MysqlEngine() {
    this(MysqlFlavor.MYSQL);
  }

  MysqlEngine(MysqlFlavor flavor) {
    this.flavor = flavor;
  }

  public MysqlFlavor flavor() {
    return flavor;
  }

  @Override
  public String id() {
    return flavor.id();
  }

  @Override
  public boolean supports(String dialectOrJdbcUrl) {
    String s = dialectOrJdbcUrl.strip().toLowerCase(Locale.ROOT);
    String id = flavor.id();
    return s.equals(id)
        || s.startsWith("jdbc:" + id + ":")
        || s.startsWith(id + "://")
        || (flavor == MysqlFlavor.MYSQL && s.startsWith("jdbc:mysql+srv:"));
  }

  @Override
  public SqlParser parser() {
    return PARSER;
  }

  @Override
  public ServerVersion defaultVersion() {
    return flavor.defaultVersion();
  }

  /**
   * Never: MySQL refuses no DDL inside a transaction, it commits the open transaction first (implicit commit),
   * which {@code MY104} reports as a non-atomic migration instead.
   */
  @Override
  public boolean mustRunOutsideTransaction(SqlStatement statement, ServerVersion version) {
    return false;
  }

  @Override
  public List<PredictedLock> predictLocks(Change change, ServerVersion version) {
    return List.of();
  }
}
