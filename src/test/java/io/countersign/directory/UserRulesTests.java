package io.countersign.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.countersign.shared.FieldIssue;
import io.countersign.shared.Problems;
import io.countersign.shared.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserRulesTests {

    private final Map<String, String> managers = new HashMap<>();
    private final Set<String> levels = Set.of("engineer", "manager");

    private final UserRules.Known known = new UserRules.Known() {
        @Override
        public boolean isLevel(String level) {
            return levels.contains(level);
        }

        @Override
        public boolean isUser(String username) {
            return managers.containsKey(username);
        }

        @Override
        public String managerOf(String username) {
            return managers.get(username);
        }
    };

    @Test
    void plainAddressesAreAcceptedIncludingHostsWithoutADot() {
        assertThat(UserRules.isEmail("alice@example.com")).isTrue();
        assertThat(UserRules.isEmail("first.last+tag@mail.example.co.uk")).isTrue();
        assertThat(UserRules.isEmail("admin@localhost")).isTrue();
    }

    @Test
    void addressesThatCouldBreakAMailHeaderAreRefused() {
        assertThat(UserRules.isEmail("alice@example.com\r\nBcc: eve@evil.test")).isFalse();
        assertThat(UserRules.isEmail("Alice <alice@example.com>")).isFalse();
        assertThat(UserRules.isEmail("alice@@example.com")).isFalse();
        assertThat(UserRules.isEmail("alice")).isFalse();
        assertThat(UserRules.isEmail("alice@-example.com")).isFalse();
        assertThat(UserRules.isEmail("a".repeat(65) + "@example.com")).isFalse();
    }

    @Test
    void defaultsFillWhatTheCallerLeftOutAndNamesAreCanonical() {
        User user = UserRules.normalize(new UserInput(" Alice ", " alice@example.com ", null, "", "Bob", null, null));

        assertThat(user).isEqualTo(new User("alice", "alice@example.com", "alice", null, "bob", Role.USER, true));
    }

    @Test
    void everyBrokenRuleIsReportedWithItsPrefixedPath() {
        User user = new User("Bad Name", "nope", "x".repeat(201), "wizard", "ghost", Role.USER, true);
        Problems problems = new Problems();

        UserRules.check(problems, "users[3].", user, known);

        assertThat(problems.issues())
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactly(
                        tuple("users[3].username", "invalid_name"),
                        tuple("users[3].email", "invalid_email"),
                        tuple("users[3].displayName", "too_long"),
                        tuple("users[3].level", "unknown_level"),
                        tuple("users[3].manager", "unknown_user"));
    }

    @Test
    void aManagerChainThatReturnsToTheUserIsACycleAndTheMessageShowsIt() {
        managers.put("alice", null);
        managers.put("bob", "alice");
        managers.put("carol", "bob");
        User alice = new User("alice", "alice@example.com", "Alice", null, "carol", Role.USER, true);
        Problems problems = new Problems();

        UserRules.check(problems, "", alice, known);

        assertThat(problems.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.field()).isEqualTo("manager");
            assertThat(issue.code()).isEqualTo("manager_cycle");
            assertThat(issue.message()).contains("alice → carol → bob → alice");
        });
    }

    @Test
    void aUserCannotManageThemselves() {
        managers.put("alice", null);
        Problems problems = new Problems();

        UserRules.check(problems, "", new User("alice", "a@example.com", "A", null, "alice", Role.USER, true), known);

        assertThat(problems.issues()).extracting(FieldIssue::code).containsExactly("manager_cycle");
    }

    @Test
    void aChainThatEndsAtTheTopIsFineEvenWhenALoopExistsElsewhere() {
        managers.put("x", "y");
        managers.put("y", "x");
        managers.put("boss", null);
        Problems problems = new Problems();

        UserRules.check(
                problems, "", new User("alice", "a@example.com", "A", "manager", "boss", Role.USER, true), known);
        UserRules.check(problems, "", new User("bob", "b@example.com", "B", null, "x", Role.USER, true), known);

        assertThat(problems.issues()).isEmpty();
    }

    @Test
    void aUserWithoutANameButWithAManagerIsReportedAsMissingItsName() {
        managers.put("lisa", null);
        Problems problems = new Problems();

        UserRules.check(
                problems, "users[0].", new User(null, "a@example.com", "A", null, "lisa", Role.USER, true), known);

        assertThat(problems.issues())
                .extracting(FieldIssue::field, FieldIssue::code)
                .containsExactly(tuple("users[0].username", "required"));
    }

    @Test
    void theServiceNameCannotBeTakenByAPerson() {
        Problems problems = new Problems();

        UserRules.check(problems, "", new User("system", "s@example.com", "S", null, null, Role.ADMIN, true), known);

        assertThat(problems.issues()).extracting(FieldIssue::code).isEqualTo(List.of("reserved"));
    }
}
