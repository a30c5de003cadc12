package io.countersign.security;

import io.countersign.testing.PostgresDatabases;
import java.util.UUID;

class BootstrapTokenOnPostgresTests extends BootstrapTokenTests {

    @Override
    String databaseUrl() {
        return PostgresDatabases.createDatabase(
                "cs_" + UUID.randomUUID().toString().replace("-", ""));
    }
}
