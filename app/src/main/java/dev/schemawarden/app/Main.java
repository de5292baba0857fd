package dev.schemawarden.app;

/** Composition root placeholder; replaced by the CLI. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("warden");
  }
}
