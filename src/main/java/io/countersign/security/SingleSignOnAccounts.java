package io.countersign.security;

import io.countersign.directory.User;
import io.countersign.directory.UserInput;
import io.countersign.directory.Users;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.ConflictException;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.Names;
import io.countersign.shared.Role;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Finds the Countersign user a provider-vouched person is: the user with the username the provider
 * gives, or else the one user whose e-mail the provider has verified. Creates them when configured to,
 * refuses (and audits) anyone unknown or deactivated, and brings their group memberships in line with
 * the groups claim. Each step commits on its own, so a refusal's audit record stays.
 */
@Component
class SingleSignOnAccounts {

    private static final Logger log = LoggerFactory.getLogger(SingleSignOnAccounts.class);

    private final Users users;
    private final GroupMemberships memberships;
    private final SignInRefusals refusals;
    private final OidcProperties properties;

    SingleSignOnAccounts(
            Users users, GroupMemberships memberships, SignInRefusals refusals, OidcProperties properties) {
        this.users = users;
        this.memberships = memberships;
        this.refusals = refusals;
        this.properties = properties;
    }

    /** The signed-in user, or the refusal (already audited). */
    Outcome signIn(SingleSignOnIdentity identity, String sourceAddress) {
        String username = identity.username();
        if (!Names.isValid(username)) {
            return refuse(identity, null, new Outcome(null, SignInRefusal.UNUSABLE_ACCOUNT, null), sourceAddress);
        }
        Outcome known = users.find(username)
                .map(match -> new Outcome(match, null, SingleSignOnMatch.USERNAME))
                .orElseGet(() -> byVerifiedEmail(identity)
                        .orElseGet(() -> properties.createUsers()
                                ? create(identity, sourceAddress)
                                : new Outcome(null, SignInRefusal.UNKNOWN_USER, null)));
        if (known.refusal() != null) {
            return refuse(identity, username, known, sourceAddress);
        }
        User user = known.user();
        if (!user.active()) {
            return refuse(
                    identity,
                    user.username(),
                    new Outcome(null, SignInRefusal.INACTIVE_USER, known.match()),
                    sourceAddress);
        }
        if (identity.groups() != null) {
            memberships.set(user.username(), identity.groups(), actor(user.username(), user.role(), sourceAddress));
        }
        return known;
    }

    /**
     * Refuses (and audits) a sign-in whose ID token names the person or their session in a way
     * Countersign cannot use ({@link ProviderIds}), before any user is looked up or changed; {@code why}
     * says which claim, never its value.
     */
    void refuseToken(SingleSignOnIdentity identity, String why, String sourceAddress) {
        refusals.record(identity.username(), SignInRefusal.UNUSABLE_TOKEN, why, sourceAddress);
    }

    /**
     * The one user with the verified address; refused when several users have it, since the provider
     * vouches for the address and not for which of them the person is (nor is another user created).
     */
    private Optional<Outcome> byVerifiedEmail(SingleSignOnIdentity identity) {
        if (identity.email() == null || !identity.emailVerified()) {
            return Optional.empty();
        }
        // ASCII letters only: Unicode case rules would let "alıce@" (dotless i) stand for alice
        String address = Names.asciiLowerCase(identity.email());
        List<User> owners = users.list().stream()
                .filter(user -> address.equals(Names.asciiLowerCase(user.email())))
                .toList();
        if (owners.size() > 1) {
            return Optional.of(new Outcome(null, SignInRefusal.SHARED_EMAIL, null));
        }
        return owners.stream().findFirst().map(owner -> new Outcome(owner, null, SingleSignOnMatch.EMAIL));
    }

    /**
     * A new user needs an e-mail address the provider has verified: an unverified one could be a
     * colleague's, and would later match them and receive their notifications. A display name that
     * Countersign cannot keep is dropped (the username stands in) rather than refusing the person.
     */
    private Outcome create(SingleSignOnIdentity identity, String sourceAddress) {
        String username = identity.username();
        if (identity.email() == null || !identity.emailVerified()) {
            log.warn("Single sign-on did not create user {}: the provider gives no verified e-mail address", username);
            return new Outcome(null, SignInRefusal.NO_VERIFIED_EMAIL, null);
        }
        try {
            return new Outcome(
                    create(username, identity.email(), identity.displayName(), sourceAddress),
                    null,
                    SingleSignOnMatch.CREATED);
        } catch (InvalidInputException unusable) {
            if (identity.displayName() != null && onlyAbout("displayName", unusable)) {
                return new Outcome(
                        create(username, identity.email(), null, sourceAddress), null, SingleSignOnMatch.CREATED);
            }
            log.warn("Single sign-on did not create user {}: {}", username, reasons(unusable));
            return new Outcome(
                    null,
                    onlyAbout("email", unusable) ? SignInRefusal.INVALID_EMAIL : SignInRefusal.UNUSABLE_ACCOUNT,
                    null);
        }
    }

    /**
     * Two first sign-ins of one person at once (a double click, two tabs) both find no user and both
     * create it; the one whose insert loses to the other's unique key finds the user just created, in
     * a transaction of its own since the failed one is rolled back with its audit record.
     */
    private User create(String username, String email, String displayName, String sourceAddress) {
        try {
            return users.create(
                    actor(username, Role.USER, sourceAddress),
                    new UserInput(username, email, displayName, null, null, Role.USER, true));
        } catch (ConflictException | DuplicateKeyException createdMeanwhile) {
            return users.find(username).orElseThrow(() -> createdMeanwhile);
        }
    }

    private static boolean onlyAbout(String field, InvalidInputException invalid) {
        return invalid.issues().stream().allMatch(issue -> field.equals(issue.field()));
    }

    /** Field names and codes only: the values are the provider's text and stay out of the log. */
    private static String reasons(InvalidInputException invalid) {
        return invalid.issues().stream()
                .map(issue -> issue.field() + " " + issue.code())
                .collect(Collectors.joining(", "));
    }

    private Outcome refuse(SingleSignOnIdentity identity, String username, Outcome refused, String sourceAddress) {
        refusals.record(username, refused.refusal(), refused.describe(identity), sourceAddress);
        return refused;
    }

    /** The person creates their own user and sets their own memberships, through the pages. */
    private static Actor actor(String username, Role role, String sourceAddress) {
        return new Actor(username, role, Channel.WEB, sourceAddress);
    }

    /**
     * Exactly one of user and refusal is set; {@code match} says how the person was found to be the
     * user, when they were.
     */
    record Outcome(User user, SignInRefusal refusal, SingleSignOnMatch match) {

        /** The provider's subject and how it matched, for the audit note and the log. */
        String describe(SingleSignOnIdentity identity) {
            return SingleSignOnMatch.describe(identity.subject(), match);
        }
    }
}
