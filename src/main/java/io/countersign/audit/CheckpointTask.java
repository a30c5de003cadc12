package io.countersign.audit;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Records a checkpoint every {@code countersign.audit.checkpoint-interval} through the scheduler's
 * task table, so that one instance at a time takes it however many share the database.
 */
@Configuration(proxyBeanMethods = false)
class CheckpointTask {

    static final String NAME = "audit-checkpoint";

    @Bean
    RecurringTask<Void> auditCheckpointTask(AuditCheckpoints checkpoints, AuditProperties properties) {
        return Tasks.recurring(NAME, new CheckpointSchedule(properties.checkpointInterval()))
                .execute((instance, context) -> checkpoints.record());
    }
}
