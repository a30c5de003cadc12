package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reviews a reviewer has not done are read all at once when a delegation of theirs starts, and
 * nothing bounds how many there are: PostgreSQL takes at most 65,535 parameters in one statement.
 */
@OnPostgres
@CountersignTest
class BreakGlassReviewStoreOnPostgresTests {

    @Autowired
    BreakGlassReviewStore store;

    @Test
    void theReviewsOfMoreRequestsThanAStatementTakesParametersAreRead() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            ids.add("req-none" + i);
        }

        assertThat(store.forRequests(ids)).isEmpty();
    }
}
