package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.Groups;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.HeldWrites;
import io.countersign.testing.OnPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@OnPostgres
class SimultaneousCreationOnPostgresTests extends SimultaneousCreationTests {

    @Autowired
    Groups groups;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aReplacementThatWaitedForADeletionOfItsGroupIsNotFound() throws Exception {
        String name = Api.unique("deleted-group");
        api.asAdmin()
                .post("/api/v1/groups", Api.json(Map.of("name", name, "members", List.of("admin"))))
                .expect(201);

        try (HeldWrites held = new HeldWrites(jdbc, transactions)) {
            Api.Response replaced = held.firstThenSecond(
                    () -> groups.delete(new Actor("admin", Role.ADMIN, Channel.API, "127.0.0.1"), name),
                    () -> api.asAdmin().put("/api/v1/groups/" + name, Api.json(Map.of("managers", List.of("admin")))));

            assertThat(replaced.status()).isEqualTo(404);
        }
    }
}
