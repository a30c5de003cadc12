package io.countersign.deploy;

import static io.countersign.deploy.DeploymentFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

/**
 * An execution picked by an instance that died (a channel's deliveries, a timer) is taken over by the
 * others once its heartbeats have been missed: the README promises that within about 10–15 s.
 */
class DeadInstanceTakeoverTests {

    static final Duration PROMISED = Duration.ofSeconds(10);

    @Test
    void aDeadInstancesExecutionIsTakenOverWithinTheWindowTheReadmePromises() {
        Map<String, Object> yaml = DeploymentFiles.yaml(Path.of("src/main/resources/application.yml"));
        Duration heartbeat =
                DurationStyle.detectAndParse(String.valueOf((Object) at(yaml, "db-scheduler.heartbeat-interval")));
        int missed = Integer.parseInt(String.valueOf((Object) at(yaml, "db-scheduler.missed-heartbeats-limit")));

        assertThat(heartbeat.multipliedBy(missed)).isLessThanOrEqualTo(PROMISED);
    }
}
