package io.countersign.bundle;

import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.testing.HeldWrites;
import io.countersign.testing.Race;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where tests of an import racing a change through the API start: two threads to send both at once,
 * and writes held open so that one of them is known to have begun first.
 */
abstract class BundleImportRaceTestBase extends BundleImporterTestBase {

    /** How many times a race is run, so that both orders of arrival are likely to be met. */
    static final int ROUNDS = 6;

    static final Actor ADMIN = new Actor("admin", Role.ADMIN, Channel.API, "127.0.0.1");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    final Race race = new Race(2);

    private HeldWrites held;

    @AfterEach
    void stopThreads() {
        race.close();
        if (held != null) {
            held.close();
        }
    }

    HeldWrites held() {
        held = new HeldWrites(jdbc, transactions);
        return held;
    }
}
