package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Names;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading the person from the provider's claims. */
class SingleSignOnIdentityTests {

    static final OidcProperties GROUPS =
            new OidcProperties("https://idp", "cs", null, List.of(), null, "groups", false);
    static final OidcProperties NO_GROUPS = new OidcProperties("https://idp", "cs", null, List.of(), null, null, false);

    @Test
    void theUsernameClaimIsCanonicalAndTheEmailStandsInWhenItIsMissing() {
        assertThat(SingleSignOnIdentity.from(Map.of("preferred_username", "Alice", "email", "a@x.org"), GROUPS)
                        .username())
                .isEqualTo("alice");
        assertThat(SingleSignOnIdentity.from(Map.of("email", "Alice@Example.org", "email_verified", true), GROUPS)
                        .username())
                .isEqualTo("alice@example.org");
        assertThat(SingleSignOnIdentity.from(Map.of("sub", "123"), GROUPS).username())
                .isNull();
    }

    /** Distinct provider identities must not become one user: nothing is trimmed from the claim. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "admin\n",
                "admin\t",
                " admin",
                "admin ",
                "\u3000admin",
                "admin\u00a0",
                "admin\u200b",
                "\u0000admin"
            })
    void aUsernameClaimWithWhitespaceOrAControlCharacterIsKeptAsSentAndNamesNoUser(String claimed) {
        String username = SingleSignOnIdentity.from(Map.of("preferred_username", claimed), GROUPS)
                .username();

        assertThat(Names.isValid(username)).as(claimed).isFalse();
        String email = SingleSignOnIdentity.from(Map.of("email", claimed + "@x.org", "email_verified", true), GROUPS)
                .username();
        assertThat(Names.isValid(email)).as(claimed).isFalse();
    }

    @Test
    void anEmailClaimIsKeptAsSentSoThatItMatchesOnlyTheAddressItIs() {
        assertThat(SingleSignOnIdentity.from(Map.of("email", "eve@x.org\n", "email_verified", true), GROUPS)
                        .email())
                .isEqualTo("eve@x.org\n");
    }

    @Test
    void anUnverifiedEmailNeverStandsInForAMissingUsername() {
        assertThat(SingleSignOnIdentity.from(Map.of("email", "zed@example.com", "email_verified", false), GROUPS)
                        .username())
                .isNull();
        assertThat(SingleSignOnIdentity.from(Map.of("email", "zed@example.com"), GROUPS)
                        .username())
                .isNull();
    }

    @Test
    void anEmailClaimNamedAsTheUsernameClaimIsTheUsernameVerifiedOrNot() {
        var byEmail = new OidcProperties("https://idp", "cs", null, List.of(), "email", null, false);
        // as Entra ID sends it: no email_verified
        var entra = Map.<String, Object>of(
                "preferred_username", "alice@contoso.com", "email", "Alice@Contoso.com", "name", "Alice");

        var alice = SingleSignOnIdentity.from(entra, byEmail);

        assertThat(alice.username()).isEqualTo("alice@contoso.com");
        assertThat(alice.emailVerified()).isFalse();
        assertThat(SingleSignOnIdentity.from(Map.of("email", "Zed@example.com", "email_verified", true), byEmail)
                        .username())
                .isEqualTo("zed@example.com");
        assertThat(SingleSignOnIdentity.from(Map.of("preferred_username", "zed"), byEmail)
                        .username())
                .isNull();
    }

    @Test
    void onlyAnExplicitlyVerifiedEmailCountsAsVerified() {
        assertThat(SingleSignOnIdentity.from(Map.of("email", "a@x.org", "email_verified", true), GROUPS)
                        .emailVerified())
                .isTrue();
        assertThat(SingleSignOnIdentity.from(Map.of("email", "a@x.org", "email_verified", "true"), GROUPS)
                        .emailVerified())
                .as("a string is not the JSON true")
                .isFalse();
        assertThat(SingleSignOnIdentity.from(Map.of("email", "a@x.org"), GROUPS).emailVerified())
                .isFalse();
    }

    @Test
    void theGroupsClaimIsAListOrOneNameAndAMissingClaimMeansNoGroups() {
        assertThat(SingleSignOnIdentity.from(Map.of("groups", List.of("ops", "dev")), GROUPS)
                        .groups())
                .containsExactly("ops", "dev");
        assertThat(SingleSignOnIdentity.from(Map.of("groups", "ops"), GROUPS).groups())
                .containsExactly("ops");
        assertThat(SingleSignOnIdentity.from(Map.of(), GROUPS).groups()).isEmpty();
    }

    @Test
    void withoutAGroupsClaimConfiguredMembershipsAreLeftAlone() {
        assertThat(SingleSignOnIdentity.from(Map.of("groups", List.of("ops")), NO_GROUPS)
                        .groups())
                .isNull();
    }
}
