package dev.schemawarden.app.apply;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.FileTrees;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.config.ConfigLoader;
import dev.schemawarden.app.config.WardenConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temporary checkout to apply from, holding only what an apply reads: the configuration, its policy and context
 * files, environments' policies, and the migrations being applied, each read from one commit through a
 * {@link Source} rather than from a working tree someone else can write to. Migrations applied earlier are not
 * needed: the target's history records them.
 */
public final class ApplyCheckout implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApplyCheckout.class);

  /** A file's text at the commit being applied; empty when it does not exist there. */
  @FunctionalInterface
  public interface Source {
    Optional<String> read(String path);
  }

  private final Path root;

  private ApplyCheckout(Path root) {
    this.root = root;
  }

  /** An empty checkout in a new temporary directory, deleted by {@link #close()}. */
  public static ApplyCheckout create() {
    return new ApplyCheckout(FileTrees.createTemporary("warden-apply-"));
  }

  public Path root() {
    return root;
  }

  /**
   * Writes {@code .schemawarden.yml}, the policy and context files it names and {@code environmentPolicies}, each
   * as {@code source} has it; false (and nothing written) when there is no configuration.
   */
  public boolean configuration(
      Source source, ConfigLoader loader, Collection<String> environmentPolicies) {
    Optional<String> config = source.read(WardenConfig.FILE_NAME);
    if (config.isEmpty()) {
      return false;
    }
    write(WardenConfig.FILE_NAME, config.get());
    configurationFiles(source, loader, environmentPolicies);
    return true;
  }

  /**
   * With {@code .schemawarden.yml} written, writes the policy and context files it names and
   * {@code environmentPolicies}, each as {@code source} has it.
   */
  public void configurationFiles(
      Source source, ConfigLoader loader, Collection<String> environmentPolicies) {
    WardenConfig parsed = loader.loadFromRepo(root);
    Set<String> paths = new LinkedHashSet<>();
    parsed.policy().ifPresent(paths::add);
    parsed.context().ifPresent(paths::add);
    paths.addAll(environmentPolicies);
    paths.remove(WardenConfig.FILE_NAME);
    for (String p : paths) {
      source.read(p).ifPresent(text -> write(p, text));
    }
  }

  /** Writes {@code text} as {@code path}; a path that leaves the checkout is refused. */
  public void write(String path, String text) {
    Path target = root.resolve(path).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw new WardenException(
          ErrorCode.INPUT, path + ": path leaves the repository: refusing to write it");
    }
    try {
      Files.createDirectories(target.getParent());
      Files.writeString(target, text);
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE, "cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    FileTrees.delete(root);
  }
}
