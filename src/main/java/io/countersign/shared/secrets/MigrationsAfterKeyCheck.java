package io.countersign.shared.secrets;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the schema migrations only once the encryption key has been checked. Without this ordering a
 * start with a mistyped key upgraded the database's schema, then refused to run: an upgrade an operator
 * meant to roll back by restarting the old version could no longer be undone that way.
 */
@Configuration(proxyBeanMethods = false)
class MigrationsAfterKeyCheck {

    @Bean
    FlywayMigrationStrategy migrateOnceTheKeyIsChecked(SecretCipher checkedKey) {
        return Flyway::migrate;
    }
}
