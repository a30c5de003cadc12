package io.countersign.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code countersign.audit.verify-batch-size}: how many events verification reads per query. It
 * bounds the memory a verification needs whatever the length of the log.
 */
@ConfigurationProperties("countersign.audit")
record AuditProperties(@DefaultValue("1000") int verifyBatchSize) {

    AuditProperties {
        if (verifyBatchSize < 1) {
            throw new IllegalArgumentException("countersign.audit.verify-batch-size must be at least 1");
        }
    }
}
