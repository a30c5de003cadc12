package io.countersign.security;

import io.countersign.directory.User;
import io.countersign.directory.UserInput;
import io.countersign.shared.Actor;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a user together with their enforcement scope and, when one is given, their local sign-in
 * password: all or nothing, for the API and the administration pages alike. A password that breaks
 * the rules is refused before anything is written.
 */
@Service
public class UserAccounts {

    private final EnforcerScopes scopes;
    private final Passwords passwords;

    UserAccounts(EnforcerScopes scopes, Passwords passwords) {
        this.scopes = scopes;
        this.passwords = passwords;
    }

    /** @param password the new local password, or null for none */
    @Transactional
    public User create(Actor actor, UserInput input, EnforcerScope scope, String password) {
        return withPassword(actor, checked(password, () -> scopes.create(actor, input, scope)), password);
    }

    /** Replaces every field and the scope (a missing scope removes it); a null password keeps the old one. */
    @Transactional
    public User replace(Actor actor, String username, UserInput input, EnforcerScope scope, String password) {
        return withPassword(actor, checked(password, () -> scopes.replace(actor, username, input, scope)), password);
    }

    /**
     * Replaces every field but keeps the enforcement scope while the user stays an ENFORCER, for forms
     * that do not show the scope. Deactivating ends the user's grants and requests like any other path.
     */
    @Transactional
    public User update(Actor actor, String username, UserInput input, String password) {
        EnforcerScope kept = input.role() == Role.ENFORCER ? scopes.of(username).orElse(null) : null;
        return replace(actor, username, input, kept, password);
    }

    /**
     * Writes the user, reporting a bad password together with every problem of the other fields; the
     * caller's transaction rolls the user back when only the password was wrong.
     */
    private static User checked(String password, Supplier<User> write) {
        List<FieldIssue> passwordIssues = new ArrayList<>();
        if (password != null) {
            try {
                Passwords.check(password, "password");
            } catch (InvalidInputException invalid) {
                passwordIssues.addAll(invalid.issues());
            }
        }
        User user;
        try {
            user = write.get();
        } catch (InvalidInputException invalid) {
            List<FieldIssue> all = new ArrayList<>(invalid.issues());
            all.addAll(passwordIssues);
            throw new InvalidInputException(all);
        }
        if (!passwordIssues.isEmpty()) {
            throw new InvalidInputException(passwordIssues);
        }
        return user;
    }

    private User withPassword(Actor actor, User user, String password) {
        if (password != null) {
            passwords.set(actor, user.username(), password);
        }
        return user;
    }
}
