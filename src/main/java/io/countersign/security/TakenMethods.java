package io.countersign.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Which methods an address takes, as a {@code 405}'s {@code Allow} names them: the same methods its
 * {@code OPTIONS} answer lists, since a controller's GET also answers HEAD and every path a controller
 * serves answers OPTIONS. A list that left those out told a client that methods which work do not.
 */
@Component
public class TakenMethods {

    private final ServedOperations served;
    private final OidcProperties singleSignOn;

    TakenMethods(ObjectProvider<RequestMappingInfoHandlerMapping> mappings, OidcProperties singleSignOn) {
        this.served = new ServedOperations(mappings);
        this.singleSignOn = singleSignOn;
    }

    /**
     * The methods the request's path takes, whatever the request's own method, which should be one no
     * path takes ({@code TRACE}); none when nothing is served there.
     */
    public Set<String> of(HttpServletRequest request) {
        if (ChatCallbackAddresses.isCallBack(request)) {
            return ChatCallbackAddresses.METHODS;
        }
        Set<String> signIn = singleSignOn.enabled() ? SingleSignOnAddresses.methods(request) : null;
        if (signIn != null) {
            return signIn;
        }
        Set<String> filterForm = PageSecurityConfiguration.filterForm(request);
        if (filterForm != null) {
            return filterForm;
        }
        Set<String> methods = served.otherMethods(request);
        return methods == null ? Set.of() : methods;
    }

    /** The methods controllers declare for a path with those a controller answers for every such path. */
    public static Set<String> withImplied(Collection<String> declared) {
        Set<String> methods = new TreeSet<>(declared);
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        if (!methods.isEmpty()) {
            methods.add("OPTIONS");
        }
        return methods;
    }

    /** What a {@code 405} of the API says, whether the rules or the operations refused the method. */
    public static String notTaken(Collection<String> methods) {
        return "This path does not take that method; it takes " + allow(methods) + ".";
    }

    /** The value of an {@code Allow} header: empty when the address takes no method at all. */
    public static String allow(Collection<String> methods) {
        return String.join(", ", methods);
    }
}
