package io.countersign.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Driver settings every PostgreSQL connection gets, whatever URL the operator gives: batched inserts
 * travel as multi-row {@code insert … values (…), (…)} statements ({@code reWriteBatchedInserts}).
 * A request's approvers, its steps, its audit events and its notifications are each inserted as one
 * batch, and the server then parses, plans and executes one statement instead of one per row. Set
 * here rather than in {@code spring.datasource.hikari.data-source-properties} because the embedded
 * H2 default refuses driver properties it does not know. The pools made by {@link DedicatedPools}
 * copy it. A setting the URL names itself is left as the operator chose it.
 */
@Component
class PostgresDriverSettings implements BeanPostProcessor {

    static final String REWRITE_BATCHED_INSERTS = "reWriteBatchedInserts";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool
                && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:")
                && !pool.getJdbcUrl().contains(REWRITE_BATCHED_INSERTS)
                && !pool.getDataSourceProperties().containsKey(REWRITE_BATCHED_INSERTS)) {
            pool.addDataSourceProperty(REWRITE_BATCHED_INSERTS, "true");
        }
        return bean;
    }
}
