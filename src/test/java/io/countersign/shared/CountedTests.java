package io.countersign.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountedTests {

    @Test
    void oneIsSingularAndAnyOtherNumberPlural() {
        assertThat(Counted.of(1, "attempt")).isEqualTo("1 attempt");
        assertThat(Counted.of(0, "attempt")).isEqualTo("0 attempts");
        assertThat(Counted.of(3, "attempt")).isEqualTo("3 attempts");
        assertThat(Counted.of(1, "dead delivery", "dead deliveries")).isEqualTo("1 dead delivery");
        assertThat(Counted.of(2, "dead delivery", "dead deliveries")).isEqualTo("2 dead deliveries");
    }
}
