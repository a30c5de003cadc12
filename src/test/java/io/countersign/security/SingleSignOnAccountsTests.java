package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import io.countersign.directory.People;
import io.countersign.directory.Users;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Who a provider-vouched person becomes, against the real directory and audit trail: matched,
 * created, refused, and their group memberships brought in line with the claim.
 */
@CountersignTest
@ExtendWith(OutputCaptureExtension.class)
class SingleSignOnAccountsTests {

    static final String SOURCE = "192.0.2.7";

    @Autowired
    Api api;

    @Autowired
    MockMvc mvc;

    SingleSignOnDirectory directory;

    @BeforeEach
    void directory() {
        directory = new SingleSignOnDirectory(api);
    }

    @Autowired
    Users users;

    @Autowired
    GroupMemberships memberships;

    @Autowired
    SignInRefusals refusals;

    @Test
    void anUnknownPersonIsRefusedAndAuditedWhenUsersAreNotCreated() throws Exception {
        String username = Api.unique("stranger");

        var outcome = accounts(false).signIn(identity(username, username + "@example.com", null), SOURCE);

        assertThat(outcome.refusal()).isEqualTo(SignInRefusal.UNKNOWN_USER);
        api.asAdmin().get("/api/v1/users/" + username).expect(404);
        assertThat(refusalsAudited())
                .contains("user:" + username)
                .contains(SOURCE)
                .contains("single sign-on: no Countersign user for this single sign-on account");
        mvc.perform(get("/login").param("sso", "unknown_user"))
                .andExpect(content()
                        .string(Matchers.containsString(
                                "Your single sign-on account has no Countersign user. Ask an administrator")));
    }

    @Test
    void aNewPersonBecomesAnActiveUserWithTheClaimedGroupsThatExist() {
        String ops = directory.group(List.of());
        String username = Api.unique("newcomer");

        var outcome = accounts(true)
                .signIn(identity(username, username + "@example.com", List.of(ops, "not-a-group")), SOURCE);

        assertThat(outcome.user().username()).isEqualTo(username);
        assertThat(outcome.user().role()).isEqualTo(Role.USER);
        assertThat(outcome.user().active()).isTrue();
        assertThat(directory.members(ops)).containsExactly(username);
        api.asAdmin().get("/api/v1/groups/not-a-group").expect(404);
    }

    @Test
    void membershipsFollowTheClaimAndManagershipsStay() {
        String username = directory.person(true);
        String kept = directory.group(List.of(username));
        String left = directory.group(List.of(username));
        api.asAdmin()
                .put(
                        "/api/v1/groups/" + left,
                        Api.json(Map.of("members", List.of(username), "managers", List.of(username))))
                .expect(200);

        var outcome = accounts(false).signIn(identity(username, null, List.of(kept.toUpperCase())), SOURCE);

        assertThat(outcome.refusal()).isNull();
        assertThat(directory.members(kept)).containsExactly(username);
        var after = api.asAdmin().get("/api/v1/groups/" + left).expect(200).json();
        assertThat(after.get("members").valueStream()).isEmpty();
        assertThat(after.get("managers").valueStream().map(m -> m.asString())).containsExactly(username);
    }

    @Test
    void anUnverifiedEmailMatchesNobody() {
        String username = directory.person(true);
        String claimed = Api.unique("claimed");
        var unverified = new SingleSignOnIdentity(null, claimed, username + "@example.com", false, null, null);

        assertThat(accounts(false).signIn(unverified, SOURCE).refusal()).isEqualTo(SignInRefusal.UNKNOWN_USER);
    }

    @Test
    void aVerifiedEmailSignsInItsOwnerWhateverTheCaseOfItsAsciiLetters() {
        String username = directory.person(true);
        var shouting = new SingleSignOnIdentity(
                null, Api.unique("claimed"), (username + "@example.com").toUpperCase(Locale.ROOT), true, null, null);

        assertThat(accounts(false).signIn(shouting, SOURCE).user().username()).isEqualTo(username);
    }

    @Test
    void aVerifiedEmailThatTwoUsersShareSignsInNeitherAndSaysWhy() throws Exception {
        String eve = Api.unique("eve");
        for (String[] user :
                new String[][] {{eve + "-a", "Eve.Mail@Example.com"}, {eve + "-b", "eve.mail@EXAMPLE.com"}}) {
            Map<String, Object> body = People.body(user[0], Role.USER);
            body.put("email", eve + "." + user[1]);
            api.asAdmin().post("/api/v1/users", Api.json(body)).expect(201);
        }
        String address = SignInForms.uniqueAddress();
        var shared = new SingleSignOnIdentity(null, Api.unique("upn"), eve + ".eve.mail@example.com", true, null, null);

        for (boolean createUsers : List.of(false, true)) {
            var outcome = accounts(createUsers).signIn(shared, address);

            assertThat(outcome.refusal()).isEqualTo(SignInRefusal.SHARED_EMAIL);
        }
        api.asAdmin().get("/api/v1/users/" + shared.username()).expect(404);
        assertThat(refusalNotesFrom(address))
                .containsOnly(
                        "single sign-on: more than one user has the single sign-on account's verified e-mail address");
        mvc.perform(get("/login").param("sso", "shared_email"))
                .andExpect(content()
                        .string(Matchers.containsString(
                                "More than one Countersign user has your single sign-on account")));
    }

    @ParameterizedTest
    @CsvSource({"i, \u0131", "i, \u0130", "k, \u212A", "s, \u017F"})
    void aVerifiedEmailThatOnlyLooksLikeAUsersSignsInNobody(String letter, String lookAlike) {
        String username = Api.unique("kiss");
        api.asAdmin()
                .post("/api/v1/users", Api.json(People.body(username, Role.USER)))
                .expect(201);
        String address = (username + "@example.com").replaceFirst(letter, lookAlike);
        var lookingAlike = new SingleSignOnIdentity(null, Api.unique("attacker"), address, true, null, null);

        assertThat(accounts(false).signIn(lookingAlike, SOURCE).refusal()).isEqualTo(SignInRefusal.UNKNOWN_USER);
    }

    @Test
    void aNewPersonWithAnUnverifiedEmailIsNotCreatedSoNobodyCanClaimAColleaguesAddress() {
        String username = Api.unique("squatter");
        String address = SignInForms.uniqueAddress();
        var unverified = new SingleSignOnIdentity(null, username, "colleague@example.com", false, null, null);

        var outcome = accounts(true).signIn(unverified, address);

        assertThat(outcome.refusal()).isEqualTo(SignInRefusal.NO_VERIFIED_EMAIL);
        assertThat(outcome.refusal().code()).isEqualTo("unverified_email");
        api.asAdmin().get("/api/v1/users/" + username).expect(404);
        assertThat(refusalNotesFrom(address))
                .containsExactly(
                        "single sign-on: the single sign-on account gives no verified e-mail address to create the user with");
    }

    @Test
    void anEmailClaimNamedAsTheUsernameClaimSignsInTheUserOfThatNameThoughUnverified() {
        String username = Api.unique("alice") + "@contoso.com";
        Map<String, Object> user = People.body(username, Role.USER);
        user.put("email", username);
        api.asAdmin().post("/api/v1/users", Api.json(user)).expect(201);
        var byEmail =
                new OidcProperties("https://idp.example.com", "countersign", null, List.of(), "email", null, false);
        Map<String, Object> entra = Map.of("preferred_username", username, "email", username, "name", "Alice");

        var outcome = accounts(byEmail).signIn(SingleSignOnIdentity.from(entra, byEmail), SOURCE);

        assertThat(outcome.refusal()).isNull();
        assertThat(outcome.user().username()).isEqualTo(username);
    }

    @Test
    void aDisplayNameCountersignCannotKeepIsDroppedRatherThanRefusingTheNewPerson() {
        String tooLong = Api.unique("long");
        String controlled = Api.unique("ctl");

        var first = accounts(true)
                .signIn(
                        new SingleSignOnIdentity(null, tooLong, tooLong + "@example.com", true, "x".repeat(201), null),
                        SOURCE);
        var second = accounts(true)
                .signIn(
                        new SingleSignOnIdentity(
                                null, controlled, controlled + "@example.com", true, "Eve\nAdmin", null),
                        SOURCE);

        assertThat(first.user().displayName()).isEqualTo(tooLong);
        assertThat(first.user().email()).isEqualTo(tooLong + "@example.com");
        assertThat(second.user().displayName()).isEqualTo(controlled);
    }

    @Test
    void aNewPersonWhoseEmailCountersignCannotUseIsRefusedSayingSo(CapturedOutput log) {
        String username = Api.unique("odd");
        String address = SignInForms.uniqueAddress();

        var outcome = accounts(true)
                .signIn(new SingleSignOnIdentity(null, username, "not an address", true, null, null), address);

        assertThat(outcome.refusal()).isEqualTo(SignInRefusal.INVALID_EMAIL);
        api.asAdmin().get("/api/v1/users/" + username).expect(404);
        assertThat(log.getOut()).contains("did not create user " + username + ": email invalid_email");
        assertThat(refusalNotesFrom(address))
                .containsExactly("single sign-on: the single sign-on account's e-mail address is not valid");
    }

    @Test
    void aRefusalForAnUnusableUsernameNamesTheProvidersSubject() {
        String address = SignInForms.uniqueAddress();
        var identity = SingleSignOnIdentity.from(
                Map.of("sub", "a1b2\nforged", "preferred_username", "admin\n"),
                new OidcProperties("https://idp.example.com", "countersign", null, List.of(), null, null, false));

        var outcome = accounts(false).signIn(identity, address);

        assertThat(outcome.refusal()).isEqualTo(SignInRefusal.UNUSABLE_ACCOUNT);
        assertThat(refusalNotesFrom(address))
                .containsExactly("single sign-on: the single sign-on account gives no usable username or e-mail"
                        + " (subject 'a1b2?forged')");
    }

    @Test
    void aDeactivatedUserIsRefusedEvenWhenUsersAreCreated() {
        String username = directory.person(false);

        var outcome = accounts(true).signIn(identity(username, null, null), SOURCE);

        assertThat(outcome.refusal()).isEqualTo(SignInRefusal.INACTIVE_USER);
        assertThat(refusalsAudited()).contains("user:" + username);
    }

    @Test
    void anAccountWithoutAUsableNameIsRefusedAndAuditedUnderANameNoUserCanHave() {
        String address = SignInForms.uniqueAddress();

        var outcome =
                accounts(true).signIn(new SingleSignOnIdentity(null, "-no good-", null, false, null, null), address);

        assertThat(outcome.refusal()).isEqualTo(SignInRefusal.UNUSABLE_ACCOUNT);
        api.asAdmin().get("/api/v1/users/-no good-").expect(404);
        var refused = refusalsFrom(address);
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).get("actor").asString()).isEqualTo("(not a username)");
        assertThat(refused.get(0).get("target").asString()).isEqualTo("user:(not a username)");
        api.asAdmin()
                .post("/api/v1/users", Api.json(People.body("(not a username)", Role.USER)))
                .expect(400);
    }

    private SingleSignOnAccounts accounts(boolean createUsers) {
        return accounts(new OidcProperties(
                "https://idp.example.com", "countersign", null, List.of(), null, "groups", createUsers));
    }

    private SingleSignOnAccounts accounts(OidcProperties properties) {
        return new SingleSignOnAccounts(users, memberships, refusals, properties);
    }

    private static SingleSignOnIdentity identity(String username, String email, List<String> groups) {
        return new SingleSignOnIdentity(null, username, email, true, "Person " + username, groups);
    }

    private List<JsonNode> refusalsFrom(String address) {
        return api.asAdmin()
                .get("/api/v1/audit?limit=500&action=user.sign_in_refused")
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .filter(item -> address.equals(item.get("sourceAddress").asString()))
                .toList();
    }

    private List<String> refusalNotesFrom(String address) {
        return refusalsFrom(address).stream()
                .map(item -> item.get("note").asString())
                .toList();
    }

    private String refusalsAudited() {
        return api.asAdmin()
                .get("/api/v1/audit?action=user.sign_in_refused")
                .expect(200)
                .body();
    }
}
