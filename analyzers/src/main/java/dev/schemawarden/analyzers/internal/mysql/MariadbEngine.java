package dev.schemawarden.analyzers.internal.mysql;

/** MariaDB: MySQL's parser with MariaDB's online DDL ({@code NOCOPY}, instant changes since 10.3 and 10.4). */
public final class MariadbEngine extends MysqlEngine {
  public static final String ID = "mariadb";

  public MariadbEngine() {
    super(MysqlFlavor.MARIADB);
  }
}
