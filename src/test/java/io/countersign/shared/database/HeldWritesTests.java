package io.countersign.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeldWritesTests {

    private final HeldWrites<String> held = new HeldWrites<>();

    @Test
    void aSavepointRolledBackTakesBackWhatWasAddedSinceItWasSet() {
        held.add("before");
        Object outer = new Object();
        held.savepoint(outer);
        held.add("nested");
        Object inner = new Object();
        held.savepoint(inner);
        held.add("deeper");

        held.savepointRollback(inner);
        assertThat(held.size()).isEqualTo(2);

        held.add("again");
        held.savepointRollback(outer);
        assertThat(held.take()).containsExactly("before");
    }

    @Test
    void aSavepointSetBeforeAnythingWasHeldTakesBackEverything() {
        Object savepoint = new Object();
        held.add("first");
        held.savepointRollback(new Object());
        assertThat(held.isEmpty()).isTrue();

        held.savepoint(savepoint);
        held.add("second");
        held.savepointRollback(savepoint);
        assertThat(held.size()).isZero();
    }

    @Test
    void aSavepointSetBeforeATakeStillTakesBackWhatWasAddedAfterIt() {
        held.add("written");
        Object savepoint = new Object();
        held.savepoint(savepoint);
        held.add("also written");
        assertThat(held.take()).containsExactly("written", "also written");

        held.add("after");
        held.savepointRollback(savepoint);
        // the database takes back what was written since the savepoint; the list, what came after
        assertThat(held.take()).isEmpty();
        assertThat(held.isEmpty()).isTrue();
    }
}
