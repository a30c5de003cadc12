package io.countersign.directory;

import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import io.countersign.shared.Role;
import io.countersign.shared.Text;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules every user must follow, whether it arrives through the API or in an imported bundle.
 * Field paths get a prefix so that an import can say {@code users[12].manager}.
 */
final class UserRules {

    static final int EMAIL_MAX = 254;
    static final int DISPLAY_NAME_MAX = 200;

    /** The actor name the service itself uses in the audit log; a person must not be able to pose as it. */
    static final String RESERVED = "system";

    /**
     * A deliberately plain address: an unquoted local part and a host name. No spaces, quotes, angle
     * brackets or line breaks, so an address can go into a mail header as it is.
     */
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
            + "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    /** What a user refers to, as the directory will be once the change is made. */
    interface Known {

        boolean isLevel(String level);

        boolean isUser(String username);

        /** The manager of an existing user, or null. */
        String managerOf(String username);
    }

    private UserRules() {}

    /** The canonical user an input describes; defaults fill what the caller left out. */
    static User normalize(UserInput input) {
        String username = Names.canonical(input.username());
        String displayName = input.displayName() == null || input.displayName().isBlank()
                ? username
                : Text.strip(input.displayName());
        return new User(
                username,
                Text.strip(input.email()),
                displayName,
                blankToNull(Names.canonical(input.level())),
                blankToNull(Names.canonical(input.manager())),
                input.role() == null ? Role.USER : input.role(),
                input.active() == null || input.active());
    }

    /** Records every rule the user breaks, with field names prefixed by {@code prefix}. */
    static void check(Problems problems, String prefix, User user, Known known) {
        if (Names.check(problems, user.username(), prefix + "username")) {
            problems.check(
                    !RESERVED.equals(user.username()),
                    prefix + "username",
                    "reserved",
                    "'" + RESERVED + "' is reserved for the service itself");
        }
        if (problems.requireText(user.email(), prefix + "email", EMAIL_MAX)) {
            problems.check(
                    EMAIL.matcher(user.email()).matches(),
                    prefix + "email",
                    "invalid_email",
                    "must be an e-mail address such as alice@example.com");
        }
        problems.maxLength(user.displayName(), prefix + "displayName", DISPLAY_NAME_MAX);
        // names are checked before they are looked up: a NUL byte must not reach the database
        if (user.level() != null && Names.check(problems, user.level(), prefix + "level")) {
            problems.check(known.isLevel(user.level()), prefix + "level", "unknown_level", "is not a configured level");
        }
        if (user.manager() != null && Names.check(problems, user.manager(), prefix + "manager")) {
            checkManager(problems, prefix + "manager", user, known);
        }
    }

    static boolean isEmail(String candidate) {
        return candidate != null
                && candidate.length() <= EMAIL_MAX
                && EMAIL.matcher(candidate).matches();
    }

    private static void checkManager(Problems problems, String field, User user, Known known) {
        if (user.manager().equals(user.username())) {
            problems.add(field, "manager_cycle", "a user cannot be their own manager");
            return;
        }
        if (!known.isUser(user.manager())) {
            problems.add(field, "unknown_user", "is not a known user");
            return;
        }
        if (user.username() == null) {
            // a user without a name is already refused for it, and nobody can name them as manager
            return;
        }
        List<String> chain = chainAbove(user, known);
        if (chain.get(chain.size() - 1).equals(user.username())) {
            problems.add(field, "manager_cycle", "would make a management cycle: " + String.join(" → ", chain));
        }
    }

    /** The user followed by their managers upwards, ending at the top or where the chain returns to the user. */
    private static List<String> chainAbove(User user, Known known) {
        List<String> chain = new ArrayList<>(List.of(user.username()));
        Set<String> seen = new LinkedHashSet<>(chain);
        String current = user.manager();
        while (current != null) {
            chain.add(current);
            if (!seen.add(current)) {
                // back at the user (a cycle through them), or at an older cycle above them
                return current.equals(user.username()) ? chain : List.of(user.username(), "…");
            }
            current = known.managerOf(current);
        }
        return chain;
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
