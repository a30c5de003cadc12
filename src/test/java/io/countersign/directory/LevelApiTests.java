package io.countersign.directory;

import static io.countersign.testing.Api.issues;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CountersignTest
class LevelApiTests {

    @Autowired
    Api api;

    @Autowired
    People people;

    @Test
    void levelsAreReplacedInOrderLowestFirstAndReadBackTheSame() {
        List<String> levels = current();
        String low = Api.unique("engineer");
        String high = Api.unique("director");
        levels.add(0, low.toUpperCase());
        levels.add(high);

        var answer = api.asAdmin()
                .put("/api/v1/levels", Api.json(levels))
                .expect(200)
                .json();

        List<String> expected = new ArrayList<>(levels);
        expected.set(0, low);
        assertThat(answer.values()).extracting(node -> node.asString()).containsExactlyElementsOf(expected);
        assertThat(current()).containsExactlyElementsOf(expected);
    }

    @Test
    void reorderingKeepsTheUsersWhoHoldTheLevels() {
        String first = people.level("first");
        String second = people.level("second");
        String holder = people.user("holder", first, null);
        List<String> levels = current();
        levels.remove(first);
        levels.add(first);

        api.asAdmin().put("/api/v1/levels", Api.json(levels)).expect(200);

        assertThat(current().indexOf(first)).isGreaterThan(current().indexOf(second));
        assertThat(api.asAdmin()
                        .get("/api/v1/users/" + holder)
                        .json()
                        .get("level")
                        .asString())
                .isEqualTo(first);
    }

    @Test
    void anUnusedLevelCanBeRemoved() {
        String spare = people.level("spare");
        List<String> levels = current();
        levels.remove(spare);

        api.asAdmin().put("/api/v1/levels", Api.json(levels)).expect(200);

        assertThat(current()).doesNotContain(spare);
    }

    @Test
    void aLevelStillHeldCannotBeRemovedAndTheAnswerNamesTheHolders() {
        String held = people.level("held");
        String holder = people.user("holder", held, null);
        List<String> levels = current();
        levels.remove(held);

        var response = api.asAdmin().put("/api/v1/levels", Api.json(levels));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("detail").asString()).contains(held, holder);
        assertThat(current()).contains(held);
    }

    @Test
    void badAndRepeatedNamesAreReportedByPosition() {
        List<String> levels = current();
        int size = levels.size();
        levels.add("Not Valid");
        levels.add("dup-level");
        levels.add("DUP-LEVEL");

        var response = api.asAdmin().put("/api/v1/levels", Api.json(levels));

        assertThat(issues(response.expect(400).json()))
                .containsExactly("levels[" + size + "]:invalid_name", "levels[" + (size + 2) + "]:duplicate");
    }

    @Test
    void aNameOfTheWrongTypeIsReportedWithTheOtherProblemsAndChangesNothing() {
        List<String> before = current();
        String levels =
                "[" + String.join(",", before.stream().map(l -> "\"" + l + "\"").toList())
                        + ",{\"pasted-secret-7e1c\":1},\"Not Valid\"]";

        var response = api.asAdmin().put("/api/v1/levels", levels);

        assertThat(issues(response.expect(400).json()))
                .containsExactlyInAnyOrder(
                        "levels[" + before.size() + "]:invalid_type",
                        "levels[" + (before.size() + 1) + "]:invalid_name");
        assertThat(response.body()).doesNotContain("pasted-secret-7e1c");
        assertThat(current()).isEqualTo(before);
    }

    @Test
    void everyoneSignedInReadsTheLevelsButOnlyAdministratorsChangeThem() {
        String token = people.tokenFor(people.user("reader", Role.USER));

        assertThat(api.as(token).get("/api/v1/levels").status()).isEqualTo(200);
        assertThat(api.as(token).put("/api/v1/levels", Api.json(current())).status())
                .isEqualTo(403);
        assertThat(api.anonymous().get("/api/v1/levels").status()).isEqualTo(401);
    }

    private List<String> current() {
        List<String> levels = new ArrayList<>();
        api.asAdmin().get("/api/v1/levels").expect(200).json().forEach(node -> levels.add(node.asString()));
        return levels;
    }
}
