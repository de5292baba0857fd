package dev.schemawarden.app.review;

import dev.schemawarden.app.report.ReviewReport.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Records the named steps of a review (the report's {@code steps[]}), timing each and announcing it to {@link Progress}. */
public final class StepTimer {
  private final Progress progress;
  private final List<Step> steps = new ArrayList<>();

  StepTimer(Progress progress) {
    this.progress = progress;
  }

  public <T> T run(String name, String announcement, Supplier<T> body) {
    progress.stage(announcement);
    long start = System.nanoTime();
    T result;
    try {
      result = body.get();
    } finally {
      progress.done();
    }
    steps.add(new Step(name, "ok", (System.nanoTime() - start) / 1_000_000, Optional.empty()));
    return result;
  }

  /** Adds a detail to the most recent step named {@code name}. */
  public void detail(String name, String detail) {
    for (int i = steps.size() - 1; i >= 0; i--) {
      Step s = steps.get(i);
      if (s.name().equals(name)) {
        steps.set(i, new Step(s.name(), s.status(), s.millis(), Optional.of(detail)));
        return;
      }
    }
  }

  /** Adds {@code more} to the detail of the most recent step named {@code name} ({@code "; "} between them). */
  public void appendDetail(String name, String more) {
    for (int i = steps.size() - 1; i >= 0; i--) {
      Step s = steps.get(i);
      if (s.name().equals(name)) {
        steps.set(
            i,
            new Step(
                s.name(),
                s.status(),
                s.millis(),
                Optional.of(s.detail().map(d -> d + "; " + more).orElse(more))));
        return;
      }
    }
  }

  /** Sets the status and detail of the most recent step named {@code name}. */
  public void status(String name, String status, String detail) {
    for (int i = steps.size() - 1; i >= 0; i--) {
      Step s = steps.get(i);
      if (s.name().equals(name)) {
        steps.set(i, new Step(s.name(), status, s.millis(), Optional.of(detail)));
        return;
      }
    }
  }

  public void failed(String name, long millis, String why) {
    steps.add(new Step(name, "failed", millis, Optional.of(why)));
  }

  public void skipped(String name, String why) {
    steps.add(new Step(name, "skipped", 0, Optional.of(why)));
  }

  public List<Step> steps() {
    return List.copyOf(steps);
  }
}
