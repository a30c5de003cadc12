package io.countersign.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DistinctApproversTests {

    @Test
    void fillsEverySlotWhenEnoughDifferentPeopleExist() {
        assertThat(DistinctApprovers.assignable(List.of(1, 2), List.of(Set.of("a", "b"), Set.of("a", "b", "c"))))
                .isEqualTo(3);
    }

    @Test
    void reassignsAnEarlierChoiceToMakeRoomForALaterStep() {
        // a greedy choice of 'a' for the first step would starve the second
        assertThat(DistinctApprovers.assignable(List.of(1, 1), List.of(Set.of("a", "b"), Set.of("a"))))
                .isEqualTo(2);
    }

    @Test
    void countsOnlyWhatDistinctPeopleCanCover() {
        assertThat(DistinctApprovers.assignable(
                        List.of(2, 2, 1), List.of(Set.of("a", "b"), Set.of("a", "b"), Set.of("a", "b", "c"))))
                .isEqualTo(3);
    }

    @Test
    void handlesStepsWithNobody() {
        assertThat(DistinctApprovers.assignable(List.of(1, 1), List.of(Set.of(), Set.of("a"))))
                .isEqualTo(1);
    }
}
