package dev.schemawarden.app.jobs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobPayloadsTest {

  @Test
  void a_job_for_a_host_the_service_has_no_settings_for_is_refused_with_one_config_line() {
    Job job = new Job(7, "gitlab", "d-1", "gitlab:o/r#1", "apply", "{}", 1, Instant.EPOCH, "lease");

    assertThatThrownBy(() -> JobPayloads.hostFor(job, Map.of()))
        .as(
            "the review and apply handlers share this refusal: it names the job and the host, as a config error")
        .isInstanceOf(WardenException.class)
        .hasMessage("job 7 is for host gitlab, which this service has no settings for")
        .extracting(e -> ((WardenException) e).code())
        .isEqualTo(ErrorCode.CONFIG);
  }
}
