package io.countersign.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * A refused password sign-in goes back to the form saying why (a wrong username or password, a
 * username locked, or the client's address throttled), with the username that was typed so
 * that only the password has to be typed again. The username travels as a flash attribute (never in
 * the address, where logs and history would keep it); the password is never kept.
 */
final class PasswordSignInFailure implements AuthenticationFailureHandler {

    /** The model attribute the sign-in page fills its username field from. */
    static final String USERNAME = "typedUsername";

    // longer than any username; enough to give back what was typed without holding a page of text
    private static final int LONGEST_KEPT = 320;

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException, ServletException {
        keepTypedUsername(request, response);
        new SimpleUrlAuthenticationFailureHandler(page(exception))
                .onAuthenticationFailure(request, response, exception);
    }

    /**
     * Keeps the username the sign-in form sent for the sign-in page the browser is sent to next, as a
     * flash attribute; also for a form refused because the session it was shown in had ended.
     */
    static void keepTypedUsername(HttpServletRequest request, HttpServletResponse response) {
        String typed = request.getParameter("username");
        if (typed != null && !typed.isBlank() && typed.length() <= LONGEST_KEPT) {
            FlashMap kept = new FlashMap();
            kept.put(USERNAME, typed);
            kept.setTargetRequestPath(request.getContextPath() + "/login");
            new SessionFlashMapManager().saveOutputFlashMap(kept, request, response);
        }
    }

    private static String page(AuthenticationException exception) {
        if (exception instanceof SignInThrottled) {
            return "/login?throttled";
        }
        return exception instanceof LockedException ? "/login?locked" : "/login?error";
    }
}
