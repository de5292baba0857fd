package dev.schemawarden.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.testing.SimulatedClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {
  final SimulatedClock clock = SimulatedClock.startingNow();
  final List<String> closed = new CopyOnWriteArrayList<>();
  final CircuitBreakers breakers =
      new CircuitBreakers(
          QueueSettings.defaults().withBreaker(3, Duration.ofSeconds(30)),
          clock,
          Map.of("github", "https://api.github.com", "gitlab", "https://gitlab.example.com"),
          closed::add);

  @Test
  void opens_after_n_consecutive_failures_and_holds_jobs_until_the_probe_time() {
    breakers.failure("github", "HTTP 503");
    breakers.failure("github", "HTTP 503");
    assertThat(breakers.admit("github"))
        .as("2 < threshold 3")
        .isInstanceOf(CircuitBreakers.Admission.Go.class);
    breakers.failure("github", "HTTP 503");
    assertThat(breakers.state("github")).isEqualTo(CircuitBreakers.State.OPEN);
    CircuitBreakers.Admission wait = breakers.admit("github");
    assertThat(wait)
        .as("open: jobs are not attempted")
        .isInstanceOf(CircuitBreakers.Admission.Wait.class);
    assertThat(((CircuitBreakers.Admission.Wait) wait).until())
        .isEqualTo(clock.instant().plusSeconds(30));
    assertThat(breakers.admit("gitlab"))
        .as("per host")
        .isInstanceOf(CircuitBreakers.Admission.Go.class);
  }

  @Test
  void a_success_in_between_resets_the_count() {
    breakers.failure("github", "x");
    breakers.failure("github", "x");
    breakers.success("github");
    breakers.failure("github", "x");
    assertThat(breakers.state("github")).isEqualTo(CircuitBreakers.State.CLOSED);
    assertThat(closed).as("closing a closed breaker tells no one").isEmpty();
  }

  @Test
  void after_the_cool_down_one_probe_goes_its_failure_reopens_and_its_success_closes() {
    for (int i = 0; i < 3; i++) {
      breakers.failure("github", "refused");
    }
    clock.advance(Duration.ofSeconds(30));
    assertThat(breakers.admit("github"))
        .as("the probe")
        .isInstanceOf(CircuitBreakers.Admission.Go.class);
    assertThat(breakers.state("github")).isEqualTo(CircuitBreakers.State.HALF_OPEN);
    assertThat(breakers.admit("github"))
        .as("only one probe at a time")
        .isInstanceOf(CircuitBreakers.Admission.Wait.class);
    breakers.failure("github", "refused");
    assertThat(breakers.state("github")).as("probe failed").isEqualTo(CircuitBreakers.State.OPEN);
    clock.advance(Duration.ofSeconds(30));
    assertThat(breakers.admit("github")).isInstanceOf(CircuitBreakers.Admission.Go.class);
    breakers.success("github");
    assertThat(breakers.state("github")).isEqualTo(CircuitBreakers.State.CLOSED);
    assertThat(closed)
        .as("the queue is told once, to release the held jobs")
        .containsExactly("github");
  }
}
