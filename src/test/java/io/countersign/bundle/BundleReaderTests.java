package io.countersign.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.countersign.shared.FieldIssue;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.Role;
import io.countersign.shared.UnreadValues;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamReadConstraints;

class BundleReaderTests {

    private static final BundleReader READER = new BundleReader(StreamReadConstraints.defaults());

    @Test
    void yamlAndJsonDescribeTheSameBundle() {
        String json = """
                {"levels": ["engineer", "manager"],
                 "users": [{"username": "alice", "email": "a@example.com", "role": "ADMIN", "active": false}],
                 "groups": [{"name": "sre", "members": ["alice"]}],
                 "resources": [{"name": "db", "type": "database", "labels": {"tier": "1"}, "accounts": ["root"]}],
                 "policies": [{"name": "p", "priority": 10}]}""";
        String yaml = """
                levels: [engineer, manager]
                users:
                  - username: alice
                    email: a@example.com
                    role: ADMIN
                    active: false
                groups:
                  - name: sre
                    members: [alice]
                resources:
                  - name: db
                    type: database
                    labels: {tier: 1}
                    accounts: [root]
                policies:
                  - name: p
                    priority: 10
                """;

        Bundle fromJson = read(json, BundleFormat.JSON);
        Bundle fromYaml = read(yaml, BundleFormat.YAML);

        assertThat(fromYaml).isEqualTo(fromJson);
        assertThat(fromJson.users().get(0).role()).isEqualTo(Role.ADMIN);
        assertThat(fromJson.policies().get(0).priority()).isEqualTo(10);
    }

    @Test
    void everySectionIsOptional() {
        Bundle bundle = read("{}", BundleFormat.JSON);

        assertThat(bundle.levels()).isNull();
        assertThat(bundle.users()).isNull();
        assertThat(bundle.policies()).isNull();
    }

    @Test
    void aRepeatedKeyIsAnErrorRatherThanASilentOverride() {
        FieldIssue json = issueOf("{\"users\": [], \"users\": []}", BundleFormat.JSON);
        FieldIssue yaml = issueOf("users: []\nusers: []\n", BundleFormat.YAML);
        FieldIssue nested =
                issueOf("users:\n  - {username: a, username: b, email: a@example.com}\n", BundleFormat.YAML);

        assertThat(List.of(json, yaml, nested)).extracting(FieldIssue::code).containsOnly("duplicate_key");
        assertThat(json.field()).isEqualTo("users");
        assertThat(yaml.field()).isEqualTo("users");
        assertThat(nested.field()).isEqualTo("users[0].username");
    }

    @Test
    void aBundleOfTheWrongShapeIsSaidInWordsWithoutTheParsersInternals() {
        List<FieldIssue> issues = List.of(
                issueOf("---\n", BundleFormat.YAML),
                issueOf("- users: []\n", BundleFormat.YAML),
                issueOf("users: []\n---\nusers: []\n", BundleFormat.YAML),
                issueOf("[]", BundleFormat.JSON),
                issueOf("{} {}", BundleFormat.JSON));

        assertThat(issues)
                .extracting(FieldIssue::code)
                .containsExactly(
                        "invalid_type", "invalid_type", "malformed_bundle", "invalid_type", "malformed_bundle");
        assertThat(issues)
                .extracting(FieldIssue::message)
                .noneMatch(message -> message.contains("io.countersign")
                        || message.contains("Coercion")
                        || message.contains("JsonToken")
                        || message.contains("DeserializationFeature"));
    }

    @Test
    void anExplicitYamlTagIsRefusedRatherThanSilentlyDropped() {
        FieldIssue issue = issueOf("levels: !!java.lang.ProcessBuilder [\"id\"]\n", BundleFormat.YAML);

        assertThat(issue.code()).isEqualTo("invalid_value");
        assertThat(issue.field()).isEqualTo("levels");
        assertThat(issueOf("users:\n  - username: !custom alice\n", BundleFormat.YAML)
                        .field())
                .isEqualTo("users[0].username");
    }

    @Test
    void aYamlAliasIsRefusedRatherThanReadAsItsAnchorsName() {
        FieldIssue scalar = issueOf(
                "users:\n  - {username: boss, email: &e boss@example.com}\n  - {username: dev, email: *e}\n",
                BundleFormat.YAML);
        FieldIssue list = issueOf(
                "groups:\n  - {name: a, members: &m [dev], managers: []}\n  - {name: b, members: *m, managers: []}\n",
                BundleFormat.YAML);

        assertThat(scalar.field()).isEqualTo("users[1].email");
        assertThat(list.field()).isEqualTo("groups[1].members");
        assertThat(List.of(scalar, list)).extracting(FieldIssue::message).allMatch(m -> m.contains("alias"));
    }

    @Test
    void aBundleIsHeldToTheNestingLimitItIsGivenWhateverFieldOrShapeHoldsTheDeepPart() {
        BundleReader reader = new BundleReader(
                StreamReadConstraints.builder().maxNestingDepth(4).build());
        FieldIssue tooDeep = new FieldIssue("body", "too_large", "is nested too deeply (at most 4 levels)");
        List<String> json =
                List.of("{\"users\": [{\"username\": [[[1]]]}]}", "[[[[[]]]]]", "{\"levels\": [[[[\"a\"]]]]}");
        List<String> yaml = List.of("users:\n  - username: [[[1]]]\n", "[[[[[]]]]]\n");

        for (String bundle : json) {
            assertThat(refusal(reader, bundle, BundleFormat.JSON)).as(bundle).containsExactly(tooDeep);
        }
        for (String bundle : yaml) {
            assertThat(refusal(reader, bundle, BundleFormat.YAML)).as(bundle).containsExactly(tooDeep);
        }
        assertThat(reader.read(
                                "{\"users\": [{\"username\": \"[[[[[[\"}]}".getBytes(StandardCharsets.UTF_8),
                                BundleFormat.JSON,
                                new UnreadValues())
                        .users())
                .as("brackets inside text are not nesting")
                .hasSize(1);
    }

    private static List<FieldIssue> refusal(BundleReader reader, String text, BundleFormat format) {
        Throwable thrown =
                catchThrowable(() -> reader.read(text.getBytes(StandardCharsets.UTF_8), format, new UnreadValues()));
        assertThat(thrown).as(text).isInstanceOf(InvalidInputException.class);
        return ((InvalidInputException) thrown).issues();
    }

    @Test
    void aBadEnumValueIsReadAsNoneAndNotedWithTheAllowedOnesButNotItself() {
        UnreadValues unread = new UnreadValues();

        Bundle bundle = READER.read(
                "{\"users\": [{\"username\": \"a\", \"role\": \"ROOT\"}]}".getBytes(StandardCharsets.UTF_8),
                BundleFormat.JSON,
                unread);

        assertThat(bundle.users().get(0).role()).isNull();
        assertThat(unread.issues())
                .containsExactly(new FieldIssue(
                        "users[0].role", "invalid_value", "must be one of ADMIN, AUDITOR, USER, ENFORCER"));
    }

    @Test
    void aWrongTypeNamesItsPathAndTheKindTheFieldTakesAsTheApiDoes() {
        FieldIssue json = issueOf("{\"groups\": [{\"name\": \"g\", \"members\": \"alice\"}]}", BundleFormat.JSON);
        FieldIssue yaml = issueOf("groups:\n  - {name: g, members: {alice: 1}}\n", BundleFormat.YAML);
        FieldIssue text = issueOf("{\"levels\": [\"engineer\", 7]}", BundleFormat.JSON);

        assertThat(json).isEqualTo(new FieldIssue("groups[0].members", "invalid_type", "must be a JSON array"));
        assertThat(yaml).isEqualTo(new FieldIssue("groups[0].members", "invalid_type", "must be a list"));
        assertThat(text).isEqualTo(new FieldIssue("levels[1]", "invalid_type", "must be a JSON string"));
    }

    @Test
    void aFractionWhereAWholeNumberBelongsIsRefusedRatherThanCut() {
        FieldIssue json = issueOf(
                "{\"policies\": [{\"name\": \"p\", \"steps\": [{\"requiredApprovals\": 1.9}]}]}", BundleFormat.JSON);
        FieldIssue yaml = issueOf("policies:\n  - {name: p, priority: 7.5}\n", BundleFormat.YAML);

        assertThat(json)
                .isEqualTo(new FieldIssue(
                        "policies[0].steps[0].requiredApprovals", "invalid_type", "must be a whole number"));
        assertThat(yaml).isEqualTo(new FieldIssue("policies[0].priority", "invalid_type", "must be a whole number"));
    }

    @Test
    void textIsNeverReadAsABooleanOrANumberButAPlainYamlScalarIs() {
        List<FieldIssue> issues = List.of(
                issueOf("{\"users\": [{\"username\": \"a\", \"active\": \"false\"}]}", BundleFormat.JSON),
                issueOf("{\"policies\": [{\"name\": \"p\", \"priority\": \"7\"}]}", BundleFormat.JSON),
                issueOf("{\"policies\": [{\"name\": \"p\", \"requireJustification\": \"true\"}]}", BundleFormat.JSON),
                issueOf(
                        "{\"policies\": [{\"name\": \"p\", \"steps\": [{\"requiredApprovals\": \"2\"}]}]}",
                        BundleFormat.JSON),
                issueOf("users:\n  - {username: a, active: \"false\"}\n", BundleFormat.YAML),
                issueOf("policies:\n  - {name: p, priority: '7'}\n", BundleFormat.YAML));

        assertThat(issues)
                .extracting(FieldIssue::field)
                .containsExactly(
                        "users[0].active",
                        "policies[0].priority",
                        "policies[0].requireJustification",
                        "policies[0].steps[0].requiredApprovals",
                        "users[0].active",
                        "policies[0].priority");
        assertThat(issues).extracting(FieldIssue::code).containsOnly("invalid_type");
        assertThat(issues.get(0).message()).isEqualTo("must be true or false, not text");
        assertThat(issues.get(1).message()).isEqualTo("must be a number, not text");
        Bundle plain = read("users:\n  - {username: a, active: false}\n", BundleFormat.YAML);
        assertThat(plain.users().get(0).active()).isFalse();
    }

    @Test
    void everyYamlSpellingOfNullIsReadAsNullAndAQuotedOneAsText() {
        for (String nothing : List.of("~", "null", "Null", "NULL")) {
            Bundle bundle = read(
                    "users:\n  - {username: a, email: a@example.com, manager: " + nothing + "}\n"
                            + "policies:\n  - name: p\n    ticketPattern: " + nothing + "\n"
                            + "    conditions: {resourceName: db, accountName: " + nothing + "}\n",
                    BundleFormat.YAML);

            assertThat(bundle.users().get(0).manager()).as(nothing).isNull();
            assertThat(bundle.policies().get(0).ticketPattern()).as(nothing).isNull();
            assertThat(bundle.policies().get(0).conditions().accountName())
                    .as(nothing)
                    .isNull();
        }
        Bundle quoted = read("policies:\n  - {name: p, ticketPattern: '~'}\n", BundleFormat.YAML);
        assertThat(quoted.policies().get(0).ticketPattern()).isEqualTo("~");
    }

    @Test
    void anInfinityOrNaNForANumberIsATypeErrorOnItsField() {
        for (String notANumber : List.of(".inf", "-.inf", "+.Inf", ".INF", ".nan", ".NaN", ".NAN")) {
            FieldIssue issue = issueOf("policies:\n  - {name: p, priority: " + notANumber + "}\n", BundleFormat.YAML);

            assertThat(issue)
                    .as(notANumber)
                    .isEqualTo(new FieldIssue(
                            "policies[0].priority",
                            "invalid_type",
                            "must be a whole number; .inf and .nan are not numbers a bundle takes"));
        }
        // text where text belongs, as any other plain scalar
        Bundle labelled =
                read("resources:\n  - {name: db, type: database, labels: {limit: .inf}}\n", BundleFormat.YAML);
        assertThat(labelled.resources().get(0).labels()).containsEntry("limit", ".inf");
    }

    @Test
    void aDurationWrittenAsANumberIsRefusedRatherThanReadAsSeconds() {
        FieldIssue json = issueOf("{\"policies\": [{\"name\": \"p\", \"maxDuration\": 3600}]}", BundleFormat.JSON);
        FieldIssue yaml = issueOf("policies:\n  - {name: p, maxDuration: 3600}\n", BundleFormat.YAML);

        assertThat(json.field()).isEqualTo("policies[0].maxDuration");
        assertThat(yaml.field()).isEqualTo("policies[0].maxDuration");
        assertThat(read("policies:\n  - {name: p, maxDuration: PT1H}\n", BundleFormat.YAML)
                        .policies()
                        .get(0)
                        .maxDuration())
                .hasHours(1);
    }

    @Test
    void aDurationThatCannotBeReadIsNotedWithTheUnitsItTakesAndTheRestIsRead() {
        UnreadValues json = new UnreadValues();
        UnreadValues yaml = new UnreadValues();

        READER.read(
                ("{\"policies\": [{\"name\": \"p\", \"defaultDuration\": \"P1W\"}],"
                                + " \"users\": [{\"username\": \"x\", \"emial\": \"x@example.com\"}]}")
                        .getBytes(StandardCharsets.UTF_8),
                BundleFormat.JSON,
                json);
        Bundle fromYaml = READER.read(
                "policies:\n  - {name: p, maxDuration: 4h, priority: 3}\n".getBytes(StandardCharsets.UTF_8),
                BundleFormat.YAML,
                yaml);

        String units = "must be an ISO-8601 duration in days, hours, minutes or seconds, such as PT1H or P1D";
        assertThat(json.issues())
                .containsExactly(
                        new FieldIssue("policies[0].defaultDuration", "invalid_value", units),
                        new FieldIssue("users[0].emial", "unknown_field", "is not a known field"));
        assertThat(yaml.issues()).containsExactly(new FieldIssue("policies[0].maxDuration", "invalid_value", units));
        assertThat(fromYaml.policies().get(0).priority()).isEqualTo(3);
    }

    @Test
    void aYamlBundleLargerThanTheParsersDefaultCapIsRead() {
        StringBuilder yaml = new StringBuilder("users:\n");
        String longName = "n".repeat(1000);
        int count = 3_500;
        for (int i = 0; i < count; i++) {
            yaml.append("  - {username: user-")
                    .append(i)
                    .append(", email: user-")
                    .append(i)
                    .append("@example.com, displayName: ")
                    .append(longName)
                    .append("}\n");
        }
        assertThat(yaml.length()).isGreaterThan(3 * 1024 * 1024);

        assertThat(read(yaml.toString(), BundleFormat.YAML).users()).hasSize(count);
    }

    private static Bundle read(String text, BundleFormat format) {
        return READER.read(text.getBytes(StandardCharsets.UTF_8), format, new UnreadValues());
    }

    private static FieldIssue issueOf(String text, BundleFormat format) {
        UnreadValues unread = new UnreadValues();
        Throwable thrown = catchThrowable(() -> READER.read(text.getBytes(StandardCharsets.UTF_8), format, unread));
        // what the reader could step over is noted for the import to report with the rest
        var issues = thrown instanceof InvalidInputException invalid ? invalid.issues() : unread.issues();
        assertThat(issues).hasSize(1);
        return issues.get(0);
    }
}
