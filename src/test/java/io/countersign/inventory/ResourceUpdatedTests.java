package io.countersign.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The note of {@code resource.updated} says what changed, field by field, as {@code user.updated} does. */
class ResourceUpdatedTests {

    private static final Actor ADMIN = new Actor("admin", Role.ADMIN, Channel.API, "127.0.0.1");

    @Test
    void namesTheOwnersAndAccountsAddedAndRemovedAndTheLabelsThatChanged() {
        Resource before = new Resource(
                "prod-db", "database", Set.of("dba"), Map.of("env", "prod"), Set.of("bob"), Set.of("rw", "ro"));
        Resource after = new Resource(
                "prod-db", "database", Set.of("dba"), Map.of("env", "staging"), Set.of("sam"), Set.of("rw"));

        assertThat(new ResourceUpdated(ADMIN, before, after).note())
                .isEqualTo("changed labels.env prod → staging, owners (added sam; removed bob), accounts (removed ro)");
        assertThat(new ResourceUpdated(ADMIN, before, before).note()).isEqualTo("no change");
    }
}
