package io.countersign.notify.internal;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A db-scheduler one-time task per grant, due the lead time before its end, so that exactly one
 * instance tells the holder. Its instance id, {@code <grant id>@<end>}, names the end it was
 * scheduled for; an end that moved makes a new one.
 */
@Configuration(proxyBeanMethods = false)
class GrantEndingTask {

    static final String TASK = "grant-ending-notice";

    @Bean
    OneTimeTask<Void> grantEndingNoticeTask(GrantEndingNotices notices) {
        return Tasks.oneTime(TASK).execute((instance, context) -> notices.fire(instance.getId()));
    }

    static String instanceId(String grantId, Instant endsAt) {
        return grantId + "@" + endsAt;
    }

    static String grantIdOf(String instanceId) {
        return instanceId.substring(0, instanceId.indexOf('@'));
    }

    static Instant endOf(String instanceId) {
        return Instant.parse(instanceId.substring(instanceId.indexOf('@') + 1));
    }
}
