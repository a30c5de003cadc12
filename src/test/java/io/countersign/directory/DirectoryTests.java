package io.countersign.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Channel;
import io.countersign.shared.ConflictException;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** The directory through its services and its read interface, without HTTP. */
@CountersignTest
@RecordApplicationEvents
class DirectoryTests {

    static final Actor ADMIN = new Actor("admin", Role.ADMIN, Channel.API, "127.0.0.1");

    @Autowired
    Directory directory;

    @Autowired
    Users users;

    @Autowired
    Groups groups;

    @Autowired
    Levels levels;

    @Autowired
    ApplicationEvents events;

    @Test
    void groupsAnswerWhoIsInThemAndWhoManagesThem() {
        String alice = user("alice", null, null, true);
        String bob = user("bob", null, null, true);
        String team = Api.unique("team");
        groups.create(ADMIN, new GroupInput(team, List.of(alice, bob), List.of(bob)));

        assertThat(directory.groupExists(team.toUpperCase())).isTrue();
        assertThat(directory.groupExists(Api.unique("ghost"))).isFalse();
        assertThat(directory.membersOf(team)).containsExactly(alice, bob);
        assertThat(directory.managersOf(team)).containsExactly(bob);
        assertThat(directory.groupsOf(alice)).containsExactly(team);
        assertThat(directory.findUser(alice.toUpperCase())).map(User::username).contains(alice);
    }

    @Test
    void levelsRankUsersAndOnlyActiveOnesCountAtOrAboveALevel() {
        String low = Api.unique("junior");
        String high = Api.unique("senior");
        List<String> ordered = new ArrayList<>(levels.list());
        ordered.add(low);
        ordered.add(high);
        levels.replace(ADMIN, ordered);
        String junior = user("junior", low, null, true);
        String senior = user("senior", high, null, true);
        String retired = user("retired", high, null, false);

        assertThat(directory.levels()).containsExactlyElementsOf(ordered);
        assertThat(directory.rankOf(high).getAsInt())
                .isGreaterThan(directory.rankOf(low).getAsInt());
        assertThat(directory.rankOf(Api.unique("none"))).isEmpty();
        assertThat(directory.approversAtOrAbove(low)).contains(junior, senior).doesNotContain(retired);
        assertThat(directory.approversAtOrAbove(high)).contains(senior).doesNotContain(junior, retired);
        assertThat(directory.approversAtOrAbove(Api.unique("none"))).isEmpty();
    }

    @Test
    void everyChangePublishesOneAuditableEventNamingItsTarget() {
        String username = user("evented", null, null, true);
        users.replace(
                ADMIN, username, new UserInput(null, "changed@example.com", null, null, null, Role.AUDITOR, true));
        String team = Api.unique("evented-team");
        groups.create(ADMIN, new GroupInput(team, List.of(username), List.of()));
        groups.replace(ADMIN, team, new GroupInput(null, List.of(), List.of(username)));
        groups.delete(ADMIN, team);
        users.delete(ADMIN, username);

        List<String> actions = events.stream(AuditableEvent.class)
                .filter(event -> event.target().endsWith(":" + username)
                        || event.target().endsWith(":" + team))
                .map(event -> event.action() + " " + event.target())
                .toList();
        assertThat(actions)
                .containsExactly(
                        "user.created user:" + username,
                        "user.updated user:" + username,
                        "group.created group:" + team,
                        "group.updated group:" + team,
                        "group.deleted group:" + team,
                        "user.deleted user:" + username);
        assertThat(events.stream(UserUpdated.class).findFirst().orElseThrow().note())
                .contains("role USER → AUDITOR", "email");
        assertThat(events.stream(GroupUpdated.class).findFirst().orElseThrow().note())
                .isEqualTo("changed members (removed " + username + "), managers (added " + username + ")");
    }

    @Test
    void replacingWithTheSameContentChangesNothingAndRecordsNothing() {
        String username = user("same", null, null, true);
        User before = users.find(username).orElseThrow();

        users.replace(
                ADMIN,
                username,
                new UserInput(null, before.email(), before.displayName(), null, null, Role.USER, true));

        assertThat(events.stream(UserUpdated.class)).isEmpty();
    }

    @Test
    void levelsReplacedIsRecordedWithBothOrders() {
        List<String> ordered = new ArrayList<>(levels.list());
        String added = Api.unique("added");
        ordered.add(added);

        levels.replace(ADMIN, ordered);

        assertThat(events.stream(LevelsReplaced.class))
                .singleElement()
                .satisfies(event -> assertThat(event.after()).endsWith(added));
    }

    @Test
    void servicesRefuseUnknownEntriesAndDuplicates() {
        String username = user("known", null, null, true);

        assertThatThrownBy(() -> users.delete(ADMIN, Api.unique("ghost"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> groups.delete(ADMIN, Api.unique("ghost"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() ->
                        users.create(ADMIN, new UserInput(username, "x@example.com", null, null, null, null, null)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void groupsAndTheirPeopleAreAnsweredAsTheyAreNow() {
        String alice = user("alice", null, null, true);
        String bob = user("bob", null, null, true);
        String team = Api.unique("team");
        String crew = Api.unique("crew");
        groups.create(ADMIN, new GroupInput(team, List.of(alice), List.of(bob)));
        groups.create(ADMIN, new GroupInput(crew, List.of(alice), List.of()));
        assertThat(directory.groupsOf(alice)).containsExactly(crew, team);
        assertThat(directory.membersOf(team)).containsExactly(alice);
        assertThat(directory.managersOf(team)).containsExactly(bob);

        groups.replace(ADMIN, team, new GroupInput(null, List.of(bob), List.of(alice)));
        assertThat(directory.groupsOf(alice)).containsExactly(crew);
        assertThat(directory.membersOf(team)).containsExactly(bob);
        assertThat(directory.managersOf(team)).containsExactly(alice);
        groups.delete(ADMIN, crew);
        assertThat(directory.groupsOf(alice)).isEmpty();
        assertThat(directory.membersOf(crew)).isEmpty();
        groups.replace(ADMIN, team, new GroupInput(null, List.of(alice), List.of(alice)));
        assertThat(directory.groupsOf(alice)).containsExactly(team);

        users.delete(ADMIN, alice);
        assertThat(directory.membersOf(team)).isEmpty();
        assertThat(directory.managersOf(team)).isEmpty();
        users.create(ADMIN, new UserInput(alice, alice + "@example.com", null, null, null, Role.USER, true));
        assertThat(directory.groupsOf(alice)).isEmpty();
    }

    @Test
    void aNameAnsweredWithTheIdOfTheUserWhoHasItNow() {
        String username = Api.unique("reused");
        assertThat(directory.idOf(username)).isEmpty();
        users.create(ADMIN, new UserInput(username, username + "@example.com", null, null, null, Role.USER, true));
        String first = directory.idOf(username).orElseThrow();
        assertThat(directory.idOf(username)).contains(first);

        users.delete(ADMIN, username);
        assertThat(directory.idOf(username)).isEmpty();
        users.create(ADMIN, new UserInput(username, username + "@example.com", null, null, null, Role.USER, true));

        assertThat(directory.idOf(username).orElseThrow()).isNotEqualTo(first);
    }

    @Test
    void aUserIsAnsweredAsTheyAreNowAfterEveryChange() {
        String manager = user("manager", null, null, true);
        String username = user("told", null, null, true);
        assertThat(directory.findUsers(List.of(username, manager))).containsOnlyKeys(username, manager);
        assertThat(directory.findUser(username).orElseThrow().email()).isEqualTo(username + "@example.com");

        users.replace(
                ADMIN, username, new UserInput(null, "moved@example.com", "Told", null, manager, Role.USER, false));
        User changed = directory.findUsers(List.of(username)).get(username);
        assertThat(changed.email()).isEqualTo("moved@example.com");
        assertThat(changed.active()).isFalse();
        assertThat(changed.manager()).isEqualTo(manager);
        assertThat(directory.findUser(username).orElseThrow().displayName()).isEqualTo("Told");

        users.delete(ADMIN, manager);
        assertThat(directory.findUsers(List.of(username, manager))).containsOnlyKeys(username);
        assertThat(directory.findUser(username).orElseThrow().manager()).isNull();
        assertThat(directory.findUser(manager)).isEmpty();
    }

    @Test
    void anAddressFindsItsActiveUserInAnyAsciiCaseButALookAlikeFindsNobody() {
        String username = user("kate", null, null, true);
        String address = username + "@example.com";

        assertThat(directory.activeUsersWithEmail(address.toUpperCase(Locale.ROOT)))
                .extracting(User::username)
                .containsExactly(username);
        assertThat(directory.activeUsersWithEmail(address.replaceFirst("k", "\u212A")))
                .as("the Kelvin sign lower-cases to k outside ASCII")
                .isEmpty();
    }

    private String user(String base, String level, String manager, boolean active) {
        String username = Api.unique(base);
        users.create(
                ADMIN, new UserInput(username, username + "@example.com", null, level, manager, Role.USER, active));
        return username;
    }
}
