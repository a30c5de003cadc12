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
import org.springframework.stereotype.Component;

/**
 * Finds the Countersign user a provider-vouched person is: the user with the username the provider
 * gives, or else the one user whose e-mail the provider has verified. Creates them when configured to,
 * refuses (and audits) anyone unknown or deactivated, and brings their group memberships in line with
 * the groups claim. Each step commits on its own, so a refusal's audit record stays.
 */
@Component
class SingleSignOnAccounts {

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
            return refuse(null, SignInRefusal.UNUSABLE_ACCOUNT, sourceAddress);
        }
        Optional<User> found = users.find(username).or(() -> byVerifiedEmail(identity));
        if (found.isEmpty() && properties.createUsers()) {
            found = create(identity, sourceAddress);
        }
        if (found.isEmpty()) {
            return refuse(
                    username,
                    properties.createUsers() ? SignInRefusal.UNUSABLE_ACCOUNT : SignInRefusal.UNKNOWN_USER,
                    sourceAddress);
        }
        User user = found.get();
        if (!user.active()) {
            return refuse(user.username(), SignInRefusal.INACTIVE_USER, sourceAddress);
        }
        if (identity.groups() != null) {
            memberships.set(user.username(), identity.groups(), actor(user.username(), user.role(), sourceAddress));
        }
        return new Outcome(user, null);
    }

    private Optional<User> byVerifiedEmail(SingleSignOnIdentity identity) {
        if (identity.email() == null || !identity.emailVerified()) {
            return Optional.empty();
        }
        List<User> owners = users.list().stream()
                .filter(user -> identity.email().equalsIgnoreCase(user.email()))
                .toList();
        return owners.size() == 1 ? Optional.of(owners.get(0)) : Optional.empty();
    }

    private Optional<User> create(SingleSignOnIdentity identity, String sourceAddress) {
        String username = identity.username();
        try {
            return Optional.of(users.create(
                    actor(username, Role.USER, sourceAddress),
                    new UserInput(username, identity.email(), identity.displayName(), null, null, Role.USER, true)));
        } catch (ConflictException createdMeanwhile) {
            return users.find(username);
        } catch (InvalidInputException unusable) {
            return Optional.empty();
        }
    }

    private Outcome refuse(String username, SignInRefusal refusal, String sourceAddress) {
        refusals.record(Names.isValid(username) ? username : "unknown", refusal, sourceAddress);
        return new Outcome(null, refusal);
    }

    /** The person creates their own user and sets their own memberships, through the pages. */
    private static Actor actor(String username, Role role, String sourceAddress) {
        return new Actor(username, role, Channel.WEB, sourceAddress);
    }

    /** Exactly one of the two is set. */
    record Outcome(User user, SignInRefusal refusal) {}
}
