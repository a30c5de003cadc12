package io.countersign.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The sign-in form's details with the username exactly as typed: Spring's form filter trims every
 * character up to U+0020 from it, line feeds and tabs included, so {@code "boss\n"} would sign in as
 * boss while {@code "\u3000boss"} is refused. {@link PasswordSignIn} reads this instead, which trims
 * spaces only, as every text field does.
 */
final class SignInFormDetails extends WebAuthenticationDetails {

    static final AuthenticationDetailsSource<HttpServletRequest, SignInFormDetails> SOURCE = SignInFormDetails::new;

    private final String typedUsername;

    private SignInFormDetails(HttpServletRequest request) {
        super(request);
        this.typedUsername = request.getParameter("username");
    }

    /** The username parameter as sent, or null when there was none. */
    String typedUsername() {
        return typedUsername;
    }
}
