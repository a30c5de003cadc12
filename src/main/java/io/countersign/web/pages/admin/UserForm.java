package io.countersign.web.pages.admin;

import io.countersign.directory.User;
import io.countersign.directory.UserInput;
import io.countersign.shared.Redacted;
import io.countersign.shared.Role;
import io.countersign.web.pages.FormText;

/**
 * What the user form sends. The create form's unticked "active" box sends nothing, so absent means
 * inactive; the edit form sends the state it shows in a hidden field, and an edit form from before it
 * stopped offering the box sends nothing when the box was unticked. An empty password means "leave it
 * as it is".
 */
public record UserForm(
        String username,
        String email,
        String displayName,
        String level,
        String manager,
        Role role,
        Boolean active,
        String password) {

    static UserForm blank() {
        return new UserForm(null, null, null, null, null, Role.USER, true, null);
    }

    static UserForm of(User user) {
        return new UserForm(
                user.username(),
                user.email(),
                user.displayName(),
                user.level(),
                user.manager(),
                user.role(),
                user.active(),
                null);
    }

    UserInput toInput() {
        return new UserInput(
                username,
                email,
                displayName,
                FormText.optional(level),
                FormText.optional(manager),
                role,
                Boolean.TRUE.equals(active));
    }

    String newPassword() {
        return password == null || password.isEmpty() ? null : password;
    }

    /** What the page shows again after a refusal: never the typed password. */
    UserForm withoutPassword() {
        return new UserForm(username, email, displayName, level, manager, role, active, null);
    }

    @Override
    public String toString() {
        return Redacted.toString(this, "password");
    }
}
