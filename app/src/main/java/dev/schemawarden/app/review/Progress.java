package dev.schemawarden.app.review;

/** Hears about each stage as it starts; the CLI prints these on stderr when stderr is a terminal. */
@FunctionalInterface
public interface Progress {
  Progress NONE = message -> {};

  void stage(String message);
}
