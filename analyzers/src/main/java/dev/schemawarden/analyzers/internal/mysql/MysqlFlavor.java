package dev.schemawarden.analyzers.internal.mysql;

import dev.schemawarden.analyzers.api.ServerVersion;

/** Which server of the MySQL family: their online DDL differs by version. */
public enum MysqlFlavor {
  MYSQL("mysql", new ServerVersion(8, 4, 0)),
  MARIADB("mariadb", new ServerVersion(11, 4, 0));

  private final String id;
  private final ServerVersion defaultVersion;

  MysqlFlavor(String id, ServerVersion defaultVersion) {
    this.id = id;
    this.defaultVersion = defaultVersion;
  }

  public String id() {
    return id;
  }

  /** The newest long-term release: what rules judge for when {@code engine-version} is not set. */
  public ServerVersion defaultVersion() {
    return defaultVersion;
  }

  /** The flavor of an engine id, {@code mysql} for anything but {@code mariadb}. */
  public static MysqlFlavor of(String engineId) {
    return engineId.equals(MARIADB.id) ? MARIADB : MYSQL;
  }
}
