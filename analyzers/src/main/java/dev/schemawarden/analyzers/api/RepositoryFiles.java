package dev.schemawarden.analyzers.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The one way to read a file of a repository checkout. A pull request controls every byte of the checkout, symbolic
 * links included, so a path is followed only as far as it stays inside the repository: a link whose target (after
 * every component is resolved, the root's own real path included) lies outside is refused, as is anything that is
 * not a regular file (FIFOs, devices, sockets, directories) and anything under {@code /proc}, {@code /sys} or
 * {@code /dev}. A link from inside the repository to another file inside it is followed. The file type is checked
 * without following links before the file is opened, so a FIFO is never opened and cannot hang the review; the
 * read stops at a size cap.
 *
 * <p>A refusal is a {@link RefusedFileException} naming the path and what it leads to, never the target's text.
 */
public final class RepositoryFiles {
  /** The default cap on one file: far above any real migration or configuration file. */
  public static final long DEFAULT_MAX_BYTES = 16L << 20;

  private static final List<Path> SYSTEM =
      List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

  private RepositoryFiles() {}

  /** What {@code relative} under {@code root} is: a readable regular file, nothing, or refused (with why). */
  public sealed interface Lookup {
    /** The repository-relative path as asked for. */
    String path();
  }

  /** A regular file inside the repository; {@code real} is its resolved location. */
  public record Found(String path, Path real, long size) implements Lookup {}

  /** A directory inside the repository (reached directly or through links that stay inside). */
  public record Directory(String path, Path real) implements Lookup {}

  /** Nothing at that path. */
  public record Missing(String path) implements Lookup {}

  /**
   * Something that must not be read; {@code reason} completes "{@code <path>} ...", e.g. "is a FIFO (named pipe),
   * not a regular file: not read". {@code directoryOutside}: a link to a directory outside the repository.
   */
  public record Refused(String path, String reason, boolean directoryOutside) implements Lookup {
    public RefusedFileException exception(ErrorCode code) {
      return new RefusedFileException(code, path, reason);
    }
  }

  /** {@code C:\\} or {@code C:/}: compiled once, as {@link #lookup} runs for every file read. */
  private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:[\\\\/].*");

  /** Resolves {@code relative} (forward or back slashes; an absolute path is refused) under {@code root}. */
  public static Lookup lookup(Path root, String relative) {
    String rel = clean(relative);
    if (relative.startsWith("/")
        || relative.startsWith("\\")
        || DRIVE_LETTER.matcher(relative).matches()) {
      return new Refused(
          relative,
          "is an absolute path; paths name files inside the repository, relative to its root:"
              + " not read",
          false);
    }
    Optional<Path> realRootOrEmpty = realRoot(root);
    if (realRootOrEmpty.isEmpty()) {
      return new Missing(rel); // no repository there: nothing in it
    }
    Path rootReal = realRootOrEmpty.get();
    Path lexical = rel.isEmpty() ? rootReal : rootReal.resolve(rel);
    Optional<BasicFileAttributes> own = attributes(lexical);
    Path real;
    try {
      real = lexical.toRealPath();
    } catch (NoSuchFileException e) {
      return own.isPresent() && own.get().isSymbolicLink()
          ? new Refused(rel, "is a symbolic link to a file that does not exist: not read", false)
          : new Missing(rel);
    } catch (FileSystemException e) {
      if ("Not a directory".equals(e.getReason())) {
        return new Missing(rel); // a file where the path needs a directory: nothing at that path
      }
      // ELOOP, permission denied: unreadable by construction.
      return new Refused(rel, "cannot be resolved (" + reasonOf(e) + "): not read", false);
    } catch (IOException e) {
      return new Refused(
          rel, "cannot be resolved (" + e.getClass().getSimpleName() + "): not read", false);
    }
    boolean viaLink = !real.equals(lexical.normalize());
    String how =
        own.isPresent() && own.get().isSymbolicLink()
            ? "is a symbolic link to "
            : viaLink ? "leads through a symbolic link to " : "is ";
    if (isSystem(real)) {
      return new Refused(rel, how + "a system file (/" + real.getName(0) + "): not read", false);
    }
    if (!real.startsWith(rootReal)) {
      String kind = kind(real);
      return new Refused(
          rel, how + kind + " outside the repository: not read", kind.equals("a directory"));
    }
    Optional<BasicFileAttributes> attrs = attributes(real);
    if (attrs.isEmpty()) {
      return new Missing(rel);
    }
    if (attrs.get().isDirectory()) {
      return new Directory(rel, real);
    }
    if (!attrs.get().isRegularFile()) {
      return new Refused(rel, how + kind(real) + ", not a regular file: not read", false);
    }
    return new Found(rel, real, attrs.get().size());
  }

  /** The text of {@code relative}, or a {@link WardenException} naming it when it is missing or refused. */
  public static String read(Path root, String relative, long maxBytes) {
    return readIfExists(root, relative, maxBytes, ErrorCode.INPUT)
        .orElseThrow(
            () ->
                new WardenException(
                    ErrorCode.INPUT, clean(relative) + ": no such file: check the path"));
  }

  /**
   * The UTF-8 text of {@code relative} (a byte order mark dropped), or empty when nothing is there.
   *
   * @throws RefusedFileException with {@code code} when the path is refused or larger than {@code maxBytes}
   * @throws WardenException with {@code code} when it is not UTF-8 or cannot be read
   */
  public static Optional<String> readIfExists(
      Path root, String relative, long maxBytes, ErrorCode code) {
    Lookup found = lookup(root, relative);
    if (found instanceof Missing) {
      return Optional.empty();
    }
    if (found instanceof Refused r) {
      throw r.exception(code);
    }
    if (found instanceof Directory) {
      throw new RefusedFileException(code, found.path(), "is a directory, not a file: not read");
    }
    byte[] bytes = bytes((Found) found, maxBytes, code);
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (CharacterCodingException e) {
      throw new WardenException(
          code,
          found.path() + ":" + invalidUtf8At(bytes) + ": not valid UTF-8; save the file as UTF-8",
          e);
    }
  }

  /** {@code LINE:COLUMN} (1-based, the column in bytes) of the first byte that is not valid UTF-8. */
  static String invalidUtf8At(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(Math.max(16, Math.min(bytes.length, 1 << 16)));
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    CoderResult r;
    do {
      out.clear();
      r = decoder.decode(in, out, true);
    } while (r.isOverflow());
    // On a malformed or truncated sequence, the buffer stops at its first byte.
    int at = r.isError() ? in.position() : bytes.length;
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return line + ":" + (at - lineStart + 1);
  }

  /** The bytes of a file {@link #lookup} found, at most {@code maxBytes} of them. */
  public static byte[] bytes(Found file, long maxBytes, ErrorCode code) {
    if (file.size() > maxBytes) {
      throw tooLarge(file.path(), maxBytes, code);
    }
    // NOFOLLOW_LINKS: a link swapped in after the lookup is not followed (O_NOFOLLOW).
    try (InputStream in = Files.newInputStream(file.real(), LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw tooLarge(file.path(), maxBytes, code);
      }
      return bytes;
    } catch (IOException e) {
      throw new WardenException(code, file.path() + ": cannot read: " + reasonOf(e), e);
    }
  }

  private static RefusedFileException tooLarge(String path, long maxBytes, ErrorCode code) {
    return new RefusedFileException(
        code,
        path,
        "is larger than " + ByteSize.format(maxBytes) + ", the limit for one file: not read");
  }

  /**
   * Repository-relative paths of the entries under directory {@code dir} (recursively when asked) whose path passes
   * {@code accept}: regular files, links and special files alike, so that the caller's read refuses the ones that
   * must not be read instead of skipping them silently. A link to a directory is never descended into: one inside
   * the repository is skipped (as before), one leading outside is listed like a file so that reading it refuses it.
   *
   * @throws RefusedFileException (INPUT) when {@code dir} itself leads outside the repository or into a system
   *     directory: none of its files can be reviewed
   */
  public static List<String> list(
      Path root, String dir, boolean recursive, Predicate<String> accept) {
    String base = clean(dir);
    Lookup at = lookup(root, base);
    if (at instanceof Refused r && (r.directoryOutside() || r.reason().contains("system file"))) {
      throw r.exception(ErrorCode.INPUT);
    }
    return at instanceof Directory d ? walk(root, base, d.real(), recursive, accept) : List.of();
  }

  private static List<String> walk(
      Path root, String base, Path from, boolean recursive, Predicate<String> accept) {
    List<String> out = new ArrayList<>();
    try {
      // No FOLLOW_LINKS: a link is visited as an entry (never descended into) and judged by lookup.
      Files.walkFileTree(
          from,
          EnumSet.noneOf(FileVisitOption.class),
          recursive ? Integer.MAX_VALUE : 1,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              String rel = join(base, from.relativize(file).toString().replace('\\', '/'));
              boolean linkedDirectory =
                  attrs.isSymbolicLink() && lookup(root, rel) instanceof Directory;
              if (!attrs.isDirectory() && !linkedDirectory && accept.test(rel)) {
                out.add(rel);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              throw new WardenException(
                  ErrorCode.INPUT,
                  join(base, from.relativize(file).toString()) + ": cannot list: " + reasonOf(e),
                  e);
            }
          });
    } catch (IOException e) {
      throw new WardenException(ErrorCode.INPUT, base + ": cannot list: " + reasonOf(e), e);
    }
    out.sort(null);
    return List.copyOf(out);
  }

  /** {@code file} relative to {@code root} (both as given, lexically), with forward slashes. */
  public static String relative(Path root, Path file) {
    return root.toAbsolutePath()
        .normalize()
        .relativize(file.toAbsolutePath().normalize())
        .toString()
        .replace('\\', '/');
  }

  private static String join(String base, String rel) {
    return base.isEmpty() ? rel : rel.isEmpty() ? base : base + "/" + rel;
  }

  private static String clean(String relative) {
    String r = relative.replace('\\', '/');
    while (r.startsWith("/")) {
      r = r.substring(1);
    }
    while (r.startsWith("./")) {
      r = r.substring(2);
    }
    while (r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    return r.equals(".") ? "" : r;
  }

  private static Optional<Path> realRoot(Path root) {
    Path real;
    try {
      real = root.toRealPath();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.INPUT, root + ": the repository directory cannot be read: " + reasonOf(e), e);
    }
    if (isSystem(real)) {
      throw new WardenException(
          ErrorCode.INPUT,
          root
              + " is a system directory ("
              + real.getName(0)
              + "): Schema Warden reads repositories only; point --repo at a checkout");
    }
    return Optional.of(real);
  }

  private static boolean isSystem(Path real) {
    return SYSTEM.stream().anyMatch(real::startsWith);
  }

  private static Optional<BasicFileAttributes> attributes(Path p) {
    try {
      return Optional.of(
          Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * What is at {@code real} (no links left in it), in words ("a file", "a directory", "a FIFO (named pipe)", "a
   * character device"...), from its type bits: never opened.
   */
  public static String kind(Path real) {
    Optional<BasicFileAttributes> a = attributes(real);
    if (a.isEmpty()) {
      return "a file";
    }
    if (a.get().isRegularFile()) {
      return "a file";
    }
    if (a.get().isDirectory()) {
      return "a directory";
    }
    try {
      int type =
          ((Integer) Files.getAttribute(real, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 0170000;
      return switch (type) {
        case 0010000 -> "a FIFO (named pipe)";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0140000 -> "a socket";
        default -> "a special file";
      };
    } catch (IOException
        | UnsupportedOperationException
        | IllegalArgumentException
        | ClassCastException e) {
      return "a special file (FIFO, device or socket)";
    }
  }

  private static String reasonOf(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
