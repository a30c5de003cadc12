package io.countersign.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.GroupInput;
import io.countersign.directory.Groups;
import io.countersign.directory.UserInput;
import io.countersign.directory.Users;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The inventory through its services and the read interface other modules use. */
@CountersignTest
class InventoryTests {

    static final Actor ADMIN = new Actor("admin", Role.ADMIN, Channel.API, null);

    @Autowired
    Inventory inventory;

    @Autowired
    Resources resources;

    @Autowired
    Users users;

    @Autowired
    Groups groups;

    @Test
    void aResourceIsFoundWithEverythingItHoldsWhateverTheCaseOfItsName() {
        String owner = user();
        String group = Api.unique("platform");
        groups.create(ADMIN, new GroupInput(group, List.of(owner), List.of(owner)));
        String name = Api.unique("k8s-prod");
        resources.create(
                ADMIN,
                new ResourceInput(
                        name,
                        "kubernetes",
                        List.of(group),
                        Map.of("env", "prod", "region", "eu-west-1"),
                        List.of(owner),
                        List.of("cluster-admin", "viewer")));

        Resource found = inventory.findResource(name.toUpperCase()).orElseThrow();

        assertThat(found)
                .isEqualTo(new Resource(
                        name,
                        "kubernetes",
                        Set.of(group),
                        Map.of("env", "prod", "region", "eu-west-1"),
                        Set.of(owner),
                        Set.of("cluster-admin", "viewer")));
    }

    @Test
    void anUnknownResourceIsEmpty() {
        assertThat(inventory.findResource(Api.unique("ghost"))).isEmpty();
        assertThat(inventory.findResource(null)).isEmpty();
    }

    @Test
    void aResourceWithOnlyAnAccountIsFoundToo() {
        String name = Api.unique("bare");
        resources.create(ADMIN, new ResourceInput(name, "ssh", null, null, null, List.of("root")));

        assertThat(inventory.findResource(name))
                .hasValueSatisfying(resource -> assertThat(resource.accounts()).containsExactly("root"));
    }

    @Test
    void deletingAUserRemovesTheirOwnershipsAndNothingElse() {
        String leaving = user();
        String staying = user();
        String name = Api.unique("owned");
        resources.create(
                ADMIN, new ResourceInput(name, "rdp", null, null, List.of(leaving, staying), List.of("administrator")));

        users.delete(ADMIN, leaving);

        assertThat(inventory.findResource(name).orElseThrow().owners()).containsExactly(staying);
    }

    private String user() {
        String username = Api.unique("person");
        users.create(ADMIN, new UserInput(username, username + "@example.com", null, null, null, null, null));
        return username;
    }
}
