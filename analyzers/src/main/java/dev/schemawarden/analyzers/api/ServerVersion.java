package dev.schemawarden.analyzers.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database server version, compared by major, minor then patch (PostgreSQL {@code 16.4}; MySQL {@code 8.0.29},
 * where the patch decides what an ALTER may do). {@code patch} is 0 when not written.
 */
public record ServerVersion(int major, int minor, int patch) implements Comparable<ServerVersion> {
  private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+)(?:\\.(\\d+))?)?");

  public ServerVersion(int major, int minor) {
    this(major, minor, 0);
  }

  /** The PostgreSQL major assumed when the configuration names none. */
  public static final ServerVersion DEFAULT_POSTGRES = new ServerVersion(17, 0);

  public static ServerVersion parse(String text) {
    Matcher m = VERSION.matcher(text.trim());
    if (!m.lookingAt()) {
      throw new WardenException(
          ErrorCode.CONFIG,
          "cannot read server version '"
              + text
              + "': write it as MAJOR, MAJOR.MINOR or MAJOR.MINOR.PATCH, e.g. 16 or 8.0.29");
    }
    int major = Integer.parseInt(m.group(1));
    int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    return new ServerVersion(major, minor, patch);
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

  /** True from {@code major.minor.patch} on, e.g. {@code atLeast(8, 0, 29)} for MySQL's instant DROP COLUMN. */
  public boolean atLeast(int wantedMajor, int wantedMinor, int wantedPatch) {
    return compareTo(new ServerVersion(wantedMajor, wantedMinor, wantedPatch)) >= 0;
  }

  @Override
  public int compareTo(ServerVersion o) {
    if (major != o.major) {
      return Integer.compare(major, o.major);
    }
    return minor != o.minor ? Integer.compare(minor, o.minor) : Integer.compare(patch, o.patch);
  }

  /** {@code 16.4}, or {@code 8.0.29} when a patch was given. */
  @Override
  public String toString() {
    return major + "." + minor + (patch == 0 ? "" : "." + patch);
  }
}
