package io.countersign.deploy;

import static io.countersign.deploy.DeploymentFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

/** The stop timeouts of compose.yaml and deploy/k8s count on the scheduler's share of the stop. */
class SchedulerStopTests {

    @Test
    void theSchedulerWaitsForRunningTimersNoLongerThanItsShareOfTheStop() {
        Object wait = at(
                DeploymentFiles.yaml(Path.of("src/main/resources/application.yml")), "db-scheduler.shutdown-max-wait");

        // db-scheduler waits this long, interrupts what still runs, then waits as long again
        Duration stop = DurationStyle.detectAndParse(String.valueOf(wait)).multipliedBy(2);

        assertThat(stop).isLessThanOrEqualTo(Duration.ofSeconds(DeploymentFiles.SCHEDULER_STOP_SECONDS));
    }
}
