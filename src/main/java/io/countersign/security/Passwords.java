package io.countersign.security;

import io.countersign.directory.Users;
import io.countersign.shared.Actor;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.Problems;
import io.countersign.shared.Text;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Local sign-in passwords: set by an administrator, changed by their owner. Only the adaptive hash
 * is stored; the password itself is never returned, logged or audited.
 */
@Service
public class Passwords {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    private final LocalCredentials credentials;
    private final PasswordEncoder encoder;
    private final Users users;
    private final SignInAttempts attempts;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    Passwords(
            LocalCredentials credentials,
            PasswordEncoder encoder,
            Users users,
            SignInAttempts attempts,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.credentials = credentials;
        this.attempts = attempts;
        this.encoder = encoder;
        this.users = users;
        this.events = events;
    }

    /**
     * Refuses a password that is too short, too long or holds a character no text field takes, naming
     * {@code field} in the problem.
     */
    public static void check(String password, String field) {
        Problems problems = new Problems();
        checkInto(problems, password, field);
        problems.throwIfAny();
    }

    private static void checkInto(Problems problems, String password, String field) {
        if (password == null || password.isEmpty()) {
            problems.add(field, "required", "must not be blank");
            return;
        }
        if (problems.check(
                password.length() >= MIN_LENGTH && password.length() <= MAX_LENGTH,
                field,
                "out_of_range",
                "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long")) {
            characters(problems, password, field);
        }
    }

    /**
     * The characters every text field refuses: a password holding a NUL or a direction override could
     * not be typed at the sign-in form.
     */
    static boolean characters(Problems problems, String password, String field) {
        return problems.text(password, field, MAX_LENGTH, Text.Lines.SINGLE);
    }

    /** Whether the user has a password to sign in with; one created by single sign-on has none. */
    public boolean exists(String username) {
        return credentials.hash(username).isPresent();
    }

    /** An administrator sets a user's password (on creation or replacement of the user). */
    @Transactional
    public void set(Actor actor, String username, String password) {
        check(password, "password");
        store(actor, username, password);
    }

    /**
     * Changes a password. The owner must give the current one; an administrator changing somebody
     * else's may omit it. Anybody else is told the user does not exist.
     *
     * <p>The current password is counted and checked before the change's transaction begins, so that
     * no connection is held while the slow hash is compared, and the count, which commits on its own,
     * never waits for a second connection while this one holds the first.
     */
    public void change(Actor actor, String username, String current, String replacement) {
        var user = users.find(username).orElseThrow(() -> new NotFoundException("user", username));
        boolean own = user.username().equals(actor.username());
        if (!own && !actor.isAdmin()) {
            throw new NotFoundException("user", username);
        }
        Problems problems = new Problems();
        boolean missing = current == null || current.isEmpty();
        if (own && !exists(user.username())) {
            // nothing could be given as the current one, and none is guessed: an administrator sets the first
            throw InvalidInputException.of(
                    "current", "no_password", "you have no password to change; an administrator sets a first one");
        }
        if (own && missing) {
            // no password was tried, so nothing counts towards the lockout
            problems.add("current", "required", "must be given to change your own password");
        } else if (!missing) {
            // guessing the current password here is limited as at sign-in, and counts towards it
            SignInAttempts.Attempt attempt = attempts.beginUnlimitedByAddress(user.username(), actor.sourceAddress());
            if (attempt.verdict() != SignInAttempts.Verdict.ALLOWED) {
                throw InvalidInputException.of(
                        "current", "locked", "too many wrong passwords were tried; try again later");
            }
            String hash = credentials.hash(user.username()).orElse(null);
            boolean right = hash != null && encoder.matches(current, hash);
            if (right) {
                attempts.takeBack(attempt);
            } else {
                attempts.failed(attempt, actor.sourceAddress());
            }
            problems.check(right, "current", "wrong_password", "is not the current password");
        }
        checkInto(problems, replacement, "new");
        problems.throwIfAny();
        transactions.executeWithoutResult(status -> store(actor, user.username(), replacement));
    }

    private void store(Actor actor, String username, String password) {
        credentials.set(username, password);
        events.publishEvent(new PasswordChanged(actor, username));
    }
}
