package dev.schemawarden.app.review;

/**
 * Hears about each stage as it starts and ends; the CLI prints the stages that run longer than a second on stderr
 * when stderr is a terminal, and nothing otherwise.
 */
@FunctionalInterface
public interface Progress {
  Progress NONE = message -> {};

  void stage(String message);

  /** The stage announced last has ended. */
  default void done() {}
}
