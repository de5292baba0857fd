package dev.schemawarden.analyzers.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A database server version, compared by major then minor (e.g. PostgreSQL {@code 16.4}). */
public record ServerVersion(int major, int minor) implements Comparable<ServerVersion> {
  private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?");

  /** The PostgreSQL major assumed when the configuration names none. */
  public static final ServerVersion DEFAULT_POSTGRES = new ServerVersion(17, 0);

  public static ServerVersion parse(String text) {
    Matcher m = VERSION.matcher(text.trim());
    if (!m.lookingAt()) {
      throw new WardenException(
          ErrorCode.CONFIG, "cannot read server version '" + text + "': write it as MAJOR or MAJOR.MINOR, e.g. 16");
    }
    int major = Integer.parseInt(m.group(1));
    int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    return new ServerVersion(major, minor);
  }

  /**
   * The version a PostgreSQL {@code server_version_num} encodes: {@code 160004} is 16.4 (since 10 the major is all
   * but the last four digits), {@code 90605} is 9.6 (before 10, two digits each for major, minor and patch).
   */
  public static ServerVersion fromVersionNum(int num) {
    return num >= 100_000
        ? new ServerVersion(num / 10_000, num % 10_000)
        : new ServerVersion(num / 10_000, num / 100 % 100);
  }

  public boolean atLeast(int wantedMajor) {
    return major >= wantedMajor;
  }

  public boolean below(int wantedMajor) {
    return major < wantedMajor;
  }

  @Override
  public int compareTo(ServerVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
