package io.countersign.web.pages.admin;

import io.countersign.directory.Levels;
import io.countersign.directory.User;
import io.countersign.directory.UserInput;
import io.countersign.directory.Users;
import io.countersign.security.UserAccounts;
import io.countersign.shared.Actor;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.NamePage;
import io.countersign.shared.NameQuery;
import io.countersign.shared.Names;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.Role;
import io.countersign.web.pages.Confirmation;
import io.countersign.web.pages.KnownParametersOnly;
import io.countersign.web.pages.ListPage;
import io.countersign.web.pages.OpenedVersions;
import io.countersign.web.pages.PageLinks;
import io.countersign.web.pages.RefusedFilters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Users: a searchable, paged list, a form to create one and a form to edit one. Writes go through
 * {@link UserAccounts} like the API's, so deactivating here ends grants and requests exactly as a PUT
 * with {@code active: false} does; it asks first on a page of its own, never from the edit form.
 */
@Controller
class UserAdminPages {

    static final int PAGE_SIZE = 25;

    static final String DEACTIVATE_ELSEWHERE =
            "is not changed by this form: deactivating asks first on a page of its own (Deactivate user, below)";
    static final String REACTIVATE_ELSEWHERE =
            "is not changed by this form: reactivate the user with Reactivate user, below";

    private final Users users;
    private final UserAccounts accounts;
    private final Levels levels;
    private final OpenedVersions versions;
    private final DeactivationConsequences consequences;

    UserAdminPages(
            Users users,
            UserAccounts accounts,
            Levels levels,
            OpenedVersions versions,
            DeactivationConsequences consequences) {
        this.users = users;
        this.accounts = accounts;
        this.levels = levels;
        this.versions = versions;
        this.consequences = consequences;
    }

    /** {@code q} finds usernames starting with it; {@code cursor} is the "next page" link's. */
    @GetMapping("/admin/users")
    @KnownParametersOnly
    @ListPage
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        model.addAttribute("q", q);
        NamePage<User> page = RefusedFilters.listed(
                request,
                response,
                model,
                Set.of("q"),
                () -> users.page(NameQuery.of("users", Names.canonical(q), cursor, PAGE_SIZE)),
                new NamePage<>(List.of(), null));
        model.addAttribute("users", page.items());
        UriComponentsBuilder here = UriComponentsBuilder.fromPath("/admin/users");
        if (q != null && !q.isBlank()) {
            here.queryParam("q", q);
        }
        PageLinks.add(model, here, cursor, page.nextCursor());
        return "pages/admin/users";
    }

    @GetMapping("/admin/users/new")
    ModelAndView createForm() {
        return new ModelAndView("pages/admin/user", form(UserForm.blank(), false));
    }

    @PostMapping("/admin/users")
    ModelAndView create(Actor actor, UserForm form, RedirectAttributes redirect) {
        return AdminForms.save(redirect, "pages/admin/user", form(form.withoutPassword(), false), () -> {
            User user = accounts.create(actor, form.toInput(), null, form.newPassword());
            return new AdminForms.Done("/admin/users/" + user.username(), "User " + user.username() + " is created.");
        });
    }

    @GetMapping("/admin/users/{username}")
    ModelAndView editForm(Actor actor, @PathVariable String username) {
        String version = OpenedVersions.of(users::revision, Names.canonical(username));
        Map<String, Object> model = form(UserForm.of(users.view(actor, username)), true);
        model.put("version", version);
        return new ModelAndView("pages/admin/user", model);
    }

    /**
     * Saves everything the form shows except whether the user is active, which only the deactivation
     * page and the reactivation button change. A form whose {@code active} differs from the stored
     * state was drawn when the form still had an "active" box: it is refused whole rather than
     * deactivating without asking.
     */
    @PostMapping("/admin/users/{username}")
    ModelAndView edit(
            Actor actor,
            @PathVariable String username,
            UserForm form,
            @RequestParam(required = false) String version,
            RedirectAttributes redirect) {
        Optional<User> found = users.find(username);
        String name = found.map(User::username).orElse(Names.canonical(username));
        // a user deleted meanwhile is shown as the form had them, with the save refused as deleted
        boolean active = found.map(User::active).orElse(Boolean.TRUE.equals(form.active()));
        UserForm shown = new UserForm(
                name, form.email(), form.displayName(), form.level(), form.manager(), form.role(), active, null);
        Map<String, Object> model = form(shown, true);
        model.put("version", version);
        model.put("current", "/admin/users/" + name);
        return AdminForms.save(redirect, "pages/admin/user", model, () -> {
            versions.write(users::revision, name, version, "user " + name, () -> {
                User stored = users.view(actor, name);
                if (Boolean.TRUE.equals(form.active()) != stored.active()) {
                    throw InvalidInputException.of(
                            "active",
                            "not_on_this_form",
                            stored.active() ? DEACTIVATE_ELSEWHERE : REACTIVATE_ELSEWHERE);
                }
                accounts.update(actor, name, shown.toInput(), form.newPassword());
                return name;
            });
            return new AdminForms.Done("/admin/users/" + name, "User " + name + " is saved.");
        });
    }

    /** Reactivating gives nothing back that deactivating ended, so it needs no page of its own. */
    @PostMapping("/admin/users/{username}/reactivate")
    String reactivate(Actor actor, @PathVariable String username, RedirectAttributes redirect) {
        String name = existing(username);
        if (alreadyIs(actor, name, true, redirect)) {
            return "redirect:/admin/users/" + name;
        }
        return AdminForms.act(
                redirect,
                "/admin/users/" + name,
                "User " + name + " is reactivated.",
                () -> setActive(actor, name, true));
    }

    /** Asks first, saying what will follow with the counts of this moment. */
    @GetMapping("/admin/users/{username}/deactivate")
    ModelAndView confirmDeactivate(Actor actor, @PathVariable String username, RedirectAttributes redirect) {
        String name = existing(username);
        if (alreadyIs(actor, name, false, redirect)) {
            return new ModelAndView("redirect:/admin/users/" + name);
        }
        return Confirmation.page(
                "Deactivate user " + name + "?",
                consequences.of(name),
                "/admin/users/{username}/deactivate",
                "Deactivate the user",
                "/admin/users/{username}",
                name);
    }

    /** The same write as a PUT with {@code active: false}; the user's grants and pending requests end. */
    @PostMapping("/admin/users/{username}/deactivate")
    String deactivate(Actor actor, @PathVariable String username, RedirectAttributes redirect) {
        String name = existing(username);
        if (alreadyIs(actor, name, false, redirect)) {
            return "redirect:/admin/users/" + name;
        }
        return AdminForms.act(
                redirect,
                "/admin/users/" + name,
                "User " + name + " is deactivated.",
                () -> setActive(actor, name, false));
    }

    /**
     * Whether the user already is as asked, said on their page: a button sent again from the browser's
     * history, or a deactivation page opened for a user already inactive, says so, as revoking twice
     * does, rather than asking or reporting a change again. Their page then offers the way back.
     */
    private boolean alreadyIs(Actor actor, String name, boolean active, RedirectAttributes redirect) {
        if (users.view(actor, name).active() != active) {
            return false;
        }
        redirect.addFlashAttribute("message", "User " + name + " is already " + (active ? "active." : "inactive."));
        return true;
    }

    private void setActive(Actor actor, String name, boolean active) {
        User user = users.view(actor, name);
        accounts.update(
                actor,
                name,
                new UserInput(
                        name, user.email(), user.displayName(), user.level(), user.manager(), user.role(), active),
                null);
    }

    private String existing(String username) {
        return users.find(username)
                .map(User::username)
                .orElseThrow(() -> new NotFoundException("user", Names.canonical(username)));
    }

    private Map<String, Object> form(UserForm form, boolean editing) {
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put("editing", editing);
        model.put("roles", Role.values());
        model.put("levels", levels.list());
        return model;
    }
}
