package io.countersign.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.shared.Timestamps;
import io.countersign.shared.database.NotificationFence;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The grant index learns of every write to the grants table, whichever path makes it: the trigger
 * notifies in the writing transaction, so even a statement the service does not know marks the key.
 */
@CountersignTest
@OnPostgres
class GrantIndexKeeperOnPostgresTests extends DevWithATokenTestBase {

    @Autowired
    GrantIndexKeeper keeper;

    @Autowired
    NotificationFence fence;

    @BeforeEach
    void organisation() {
        setup.database(resource, "admin");
        setup.openPolicy(resource);
    }

    private boolean allowed() {
        return api.asAdmin()
                .get("/api/v1/access/check?user=" + dev + "&resource=" + resource + "&account=admin")
                .expect(200)
                .json()
                .get("allowed")
                .asBoolean();
    }

    private GrantIndex.Answer indexed() {
        return keeper.index().lookup(new GrantIndex.Key(dev, resource, "admin"), clock.instant());
    }

    @Test
    void aWriteOutsideTheServiceMarksTheKeyAndTheNextCheckReadsIt() {
        String grant = api.newRequest(devToken, resource, Map.of())
                .get("grant")
                .get("id")
                .asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> allowed() && indexed() instanceof GrantIndex.InForce);

        jdbc.sql("update grants set ends_at = ? where id = ?")
                .params(Timestamps.toDb(clock.instant().minusSeconds(1)), grant)
                .update();

        assertThat(fence.await()).isTrue();
        assertThat(indexed()).isInstanceOf(GrantIndex.Unknown.class);
        assertThat(allowed()).isFalse();
        assertThat(indexed()).isInstanceOf(GrantIndex.NoneInForce.class);
    }

    @Test
    void theIndexIsLoadedAndAnswersForKeysWithoutGrants() {
        await().atMost(Duration.ofSeconds(10)).until(() -> keeper.index().isLoaded());

        assertThat(indexed()).isInstanceOf(GrantIndex.NoneInForce.class);
    }
}
