package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.Race;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Scripts that retry or run in parallel send the same creation several times at once. Whatever the
 * interleaving, one of them creates the object and every other is told, as one sent later would be,
 * that the name exists; a replacement racing a deletion is told the object is gone.
 */
@CountersignTest
class SimultaneousCreationTests {

    static final int ROUNDS = 5;
    static final int CALLERS = 4;

    @Autowired
    Api api;

    final Race race = new Race(CALLERS);

    @AfterEach
    void stopThreads() {
        race.close();
    }

    @Test
    void oneOfSeveralCreationsOfTheSameUserAtOnceCreatesItAndTheOthersAreConflicts() throws Exception {
        sameCreationAtOnce("/api/v1/users", name -> Map.of("username", name, "email", name + "@example.com"));
    }

    @Test
    void oneOfSeveralCreationsOfTheSameGroupAtOnceCreatesItAndTheOthersAreConflicts() throws Exception {
        sameCreationAtOnce("/api/v1/groups", name -> Map.of("name", name, "members", List.of("admin")));
    }

    @Test
    void oneOfSeveralCreationsOfTheSameResourceAtOnceCreatesItAndTheOthersAreConflicts() throws Exception {
        sameCreationAtOnce(
                "/api/v1/resources", name -> Map.of("name", name, "type", "database", "accounts", List.of("admin")));
    }

    @Test
    void aGroupReplacedWhileItIsDeletedIsEitherReplacedFirstOrNotFound() throws Exception {
        replacedWhileDeleted(
                "/api/v1/groups",
                name -> Map.of("name", name, "members", List.of("admin")),
                Map.of("managers", List.of("admin")));
    }

    @Test
    void aUserReplacedWhileTheyAreDeletedIsEitherReplacedFirstOrNotFound() throws Exception {
        replacedWhileDeleted(
                "/api/v1/users",
                name -> Map.of("username", name, "email", name + "@example.com"),
                Map.of("email", "renamed@example.com", "displayName", "Renamed"));
    }

    private void replacedWhileDeleted(
            String path, Function<String, Map<String, Object>> created, Map<String, Object> replacement)
            throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String name = Api.unique("raced");
            api.asAdmin().post(path, Api.json(created.apply(name))).expect(201);

            List<Integer> answers = race.run(List.of(
                    () -> api.asAdmin()
                            .put(path + "/" + name, Api.json(replacement))
                            .status(),
                    () -> api.asAdmin().delete(path + "/" + name).status()));

            assertThat(answers.get(0)).as("the replacement").isIn(200, 404);
            assertThat(answers.get(1)).as("the deletion").isEqualTo(204);
            api.asAdmin().get(path + "/" + name).expect(404);
        }
    }

    private void sameCreationAtOnce(String path, Function<String, Map<String, Object>> body) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String json = Api.json(body.apply(Api.unique("twin")));
            Callable<Api.Response> create = () -> api.asAdmin().post(path, json);

            List<Api.Response> answers = race.run(Collections.nCopies(CALLERS, create));

            List<Integer> statuses = answers.stream().map(Api.Response::status).toList();
            assertThat(statuses).as(path).containsOnly(201, 409);
            assertThat(Collections.frequency(statuses, 201)).as(path).isEqualTo(1);
            answers.stream()
                    .filter(answer -> answer.status() == 409)
                    .forEach(conflict ->
                            assertThat(conflict.json().get("detail").asString()).endsWith("already exists."));
        }
    }
}
