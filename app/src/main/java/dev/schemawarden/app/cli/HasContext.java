package dev.schemawarden.app.cli;

/** Implemented by the top-level command, so subcommands reach the shared {@link CliContext} via {@code @ParentCommand}. */
@FunctionalInterface
public interface HasContext {
  CliContext context();
}
