package io.countersign.security;

import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.firewall.CompositeRequestRejectedHandler;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.ObservationMarkingRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's firewall refuses some requests before anyone is asked who they are. Its own
 * handler answers a bare {@code 400}, so the error page could only say that the request was refused,
 * never why, and a method HTTP does not define got {@code 400} where every other method a path does
 * not take gets {@code 405} with {@code Allow}. The reason is left for the error page as fixed text:
 * the caller's path and values are never repeated, and a method only when it is a short word.
 */
@Configuration(proxyBeanMethods = false)
public class FirewallRefusals {

    /** Spring Security's own list, named here so that the firewall and the reason given cannot differ. */
    private static final Set<String> METHODS = Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");

    private static final Pattern NAMEABLE_METHOD = Pattern.compile("[A-Za-z]{1,20}");

    /** The request attribute that holds why the firewall refused the request, for its error page. */
    public static final String REASON = FirewallRefusals.class.getName() + ".reason";

    private static final String ADDRESS =
            "The path may not contain '.' or '..' segments, ';', '//', an encoded '.', '%'"
                    + " or ';', or anything but printable ASCII; nothing was changed. Send the path in its plain form.";

    private static final String HEADER_OR_PARAMETER =
            "A header or parameter holds characters the service does not accept"
                    + " (control characters, for example); nothing was changed.";

    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHttpMethods(METHODS);
        return firewall;
    }

    /** Marks the request's observation as refused too, as Spring Security's own handler does. */
    @Bean
    RequestRejectedHandler firewallRefusal(
            HttpFirewall firewall,
            TakenMethods taken,
            ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<FirewallRefusalAnswer> answers) {
        return new CompositeRequestRejectedHandler(
                new ObservationMarkingRequestRejectedHandler(observations.getIfUnique(() -> ObservationRegistry.NOOP)),
                (request, response, rejected) -> refuse(request, response, firewall, taken, answers));
    }

    private static void refuse(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpFirewall firewall,
            TakenMethods taken,
            ObjectProvider<FirewallRefusalAnswer> answers)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            // the error answer itself read what was refused: a second error dispatch would answer nothing
            // at all, so the answer is written here, for the request's first refusal where there was one
            FirewallRefusalAnswer answer = answers.getIfAvailable();
            if (answer != null) {
                boolean refusedBefore = request.getAttribute(REASON) instanceof String;
                answer.write(
                        request,
                        response,
                        refusedBefore ? response.getStatus() : HttpServletResponse.SC_BAD_REQUEST,
                        refusedBefore ? (String) request.getAttribute(REASON) : HEADER_OR_PARAMETER);
            }
            return;
        }
        String method = request.getMethod();
        if (!METHODS.contains(method)) {
            request.setAttribute(REASON, unknownMethod(method));
            response.setHeader(HttpHeaders.ALLOW, TakenMethods.allow(taken.of(request)));
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        request.setAttribute(REASON, addressRefused(request, firewall) ? ADDRESS : HEADER_OR_PARAMETER);
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
    }

    private static String unknownMethod(String method) {
        // the method is the caller's own text: repeated only when it cannot be more than a word
        String named =
                method != null && NAMEABLE_METHOD.matcher(method).matches() ? "The method " + method : "This method";
        return named + " is not one this service takes on any path; Allow lists those this path takes. Nothing was"
                + " changed.";
    }

    /**
     * The firewall checks the address when the request arrives and a header or parameter only when it
     * is read, so an address it lets through now means what it refused was one of those.
     */
    private static boolean addressRefused(HttpServletRequest request, HttpFirewall firewall) {
        try {
            firewall.getFirewalledRequest(request);
            return false;
        } catch (RequestRejectedException e) {
            return true;
        }
    }
}
