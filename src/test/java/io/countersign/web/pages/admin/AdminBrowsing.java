package io.countersign.web.pages.admin;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import io.countersign.directory.People;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * A browser for the administration pages in MockMvc: people sign in through the sign-in form, and
 * forms are sent with their CSRF token the way a page sends them, or with a forged one.
 */
public final class AdminBrowsing {

    static final String ADMIN_PASSWORD = "test-admin-password";
    static final String PASSWORD = "a long enough password";

    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"([^\"]*)\"");

    private final MockMvc mvc;
    private final Api api;

    public AdminBrowsing(MockMvc mvc, Api api) {
        this.mvc = mvc;
        this.api = api;
    }

    MockHttpSession admin() {
        return signIn("admin", ADMIN_PASSWORD);
    }

    /** A new user of {@code role} with a password, signed in. */
    public MockHttpSession as(Role role) {
        return signIn(userWithPassword(role.name().toLowerCase(), role), PASSWORD);
    }

    /** The name of a new user of {@code role}, named from {@code prefix}, who may sign in with {@link #PASSWORD}. */
    String userWithPassword(String prefix, Role role) {
        String username = Api.unique(prefix);
        Map<String, Object> body = People.body(username, role);
        body.put("password", PASSWORD);
        api.asAdmin().post("/api/v1/users", Api.json(body)).expect(201);
        return username;
    }

    /** An API token issued to {@code user} by an administrator, as the API answers it: its id and secret. */
    JsonNode issuedToken(String user, String name) {
        return api.asAdmin()
                .post("/api/v1/users/" + user + "/tokens", Api.json(Map.of("name", name)))
                .expect(201)
                .json();
    }

    MockHttpSession signIn(String username, String password) {
        try {
            return (MockHttpSession)
                    mvc.perform(formLogin("/login").user(username).password(password))
                            .andReturn()
                            .getRequest()
                            .getSession(false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public MockHttpServletResponse get(MockHttpSession session, String path) {
        return perform(withSession(MockMvcRequestBuilders.get(path), session));
    }

    /** The page a form's answer redirects to, with the message the form left for it. */
    public String follow(MockHttpSession session, MockHttpServletResponse redirect) throws Exception {
        if (redirect.getRedirectedUrl() == null) {
            throw new AssertionError(
                    "not a redirect but " + redirect.getStatus() + ": " + redirect.getContentAsString());
        }
        return get(session, redirect.getRedirectedUrl()).getContentAsString();
    }

    /** Sends a form with its CSRF token; {@code fields} are name, value, name, value… */
    public MockHttpServletResponse post(MockHttpSession session, String path, String... fields) {
        return perform(form(session, path, fields).with(csrf()));
    }

    /**
     * Sends a form as a browser does: with its CSRF token, and asking for a page rather than data, so
     * that a refusal answers with the page a person reads.
     */
    public MockHttpServletResponse submit(MockHttpSession session, String path, String... fields) {
        return perform(form(session, path, fields)
                .header("Accept", "text/html,application/xhtml+xml")
                .with(csrf()));
    }

    /**
     * Sends an edit form as its page does: with the version the form shows when {@code path} is opened
     * now, so that the save is not refused as one from an older form.
     */
    public MockHttpServletResponse edit(MockHttpSession session, String path, String... fields) {
        String[] versioned = Arrays.copyOf(fields, fields.length + 2);
        versioned[fields.length] = "version";
        versioned[fields.length + 1] = version(session, path);
        return post(session, path, versioned);
    }

    /** The version the edit form at {@code path} shows when opened now, as its page sends it back. */
    public String version(MockHttpSession session, String path) {
        Matcher version;
        try {
            version = VERSION.matcher(get(session, path).getContentAsString());
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        if (!version.find()) {
            throw new AssertionError("no version on " + path);
        }
        return HtmlUtils.htmlUnescape(version.group(1));
    }

    /** Sends a form whose CSRF token is not the session's, as a page on another site would. */
    public MockHttpServletResponse forged(MockHttpSession session, String path, String... fields) {
        return perform(form(session, path, fields).with(csrf().useInvalidToken()));
    }

    private static MockHttpServletRequestBuilder form(MockHttpSession session, String path, String... fields) {
        MockHttpServletRequestBuilder request = withSession(MockMvcRequestBuilders.post(path), session);
        for (int i = 0; i < fields.length; i += 2) {
            request.param(fields[i], fields[i + 1]);
        }
        return request;
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) {
        try {
            return mvc.perform(request).andReturn().getResponse();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A null session sends none: nobody is signed in. */
    private static MockHttpServletRequestBuilder withSession(
            MockHttpServletRequestBuilder request, MockHttpSession session) {
        return session == null ? request : request.session(session);
    }
}
