package io.countersign.shared.settings;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Spring Boot's settings that Countersign's own variables set (application.yml), which Boot takes
 * whatever their value: a negative grace period ended every open call at once, a session timeout
 * of zero or less kept signed-in browsers signed in for ever, a connection timeout of 0 let calls wait
 * for a database connection for ever, and a pool size below 1 silently became 10. The trusted proxies
 * are Spring Boot's own variables, but a pattern Tomcat cannot read stopped the start with a stack
 * trace that never named the variable, and addresses listed without ranges were taken for a pattern
 * that trusted none of them.
 */
final class ServiceSettings {

    static final Setting GRACE_PERIOD =
            new Setting("spring.lifecycle.timeout-per-shutdown-phase", "COUNTERSIGN_SHUTDOWN_GRACE_PERIOD");
    static final Setting SESSION_TIMEOUT = new Setting("server.servlet.session.timeout", "COUNTERSIGN_SESSION_TIMEOUT");
    static final Setting DB_CONNECTION_TIMEOUT =
            new Setting("spring.datasource.hikari.connection-timeout", "COUNTERSIGN_DB_CONNECTION_TIMEOUT_MS");
    static final Setting DB_POOL_SIZE =
            new Setting("spring.datasource.hikari.maximum-pool-size", "COUNTERSIGN_DB_POOL_SIZE");

    static final Setting INTERNAL_PROXIES = Setting.of("server.tomcat.remoteip.internal-proxies");
    static final Setting TRUSTED_PROXIES = Setting.of("server.tomcat.remoteip.trusted-proxies");
    /** An IPv4 or IPv6 address as written, which no pattern meant to match several would be. */
    private static final Pattern ADDRESS =
            Pattern.compile("[0-9]{1,3}(?:\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private ServiceSettings() {}

    static void check(Binder binder) {
        binder.bind(GRACE_PERIOD.property(), Duration.class).ifBound(GRACE_PERIOD::requirePositive);
        // Tomcat counts sessions' lifetimes in whole minutes
        binder.bind(SESSION_TIMEOUT.property(), Duration.class)
                .ifBound(timeout -> SESSION_TIMEOUT.requireAtLeast(Duration.ofMinutes(1), "1m", timeout));
        // in milliseconds; the pool's own minimum, below which 0 means waiting for ever
        binder.bind(DB_CONNECTION_TIMEOUT.property(), Integer.class)
                .ifBound(millis -> DB_CONNECTION_TIMEOUT.requireAtLeast(250, millis));
        binder.bind(DB_POOL_SIZE.property(), Integer.class).ifBound(size -> DB_POOL_SIZE.requireAtLeast(1, size));
        binder.bind(INTERNAL_PROXIES.property(), String.class)
                .ifBound(proxies -> requireProxies(INTERNAL_PROXIES, proxies, RemoteIpValve::setInternalProxies));
        binder.bind(TRUSTED_PROXIES.property(), String.class)
                .ifBound(proxies -> requireProxies(TRUSTED_PROXIES, proxies, RemoteIpValve::setTrustedProxies));
    }

    /**
     * Read as Tomcat will read it, by Tomcat's own valve: a value with a {@code /} is a list of CIDR
     * ranges, anything else a regular expression.
     */
    private static void requireProxies(Setting setting, String value, BiConsumer<RemoteIpValve, String> apply) {
        List<String> items = Arrays.stream(value.split(",")).map(String::strip).toList();
        // "10.0.3.7,10.0.3.8" has no '/', so Tomcat takes it for one pattern, which no address matches: the
        // proxies would go untrusted without a word, every client recorded as the proxy and sharing its
        // sign-in allowance, and the session cookie no longer Secure behind https
        if (!value.contains("/") && items.size() > 1 && items.stream().allMatch(ADDRESS.asMatchPredicate())) {
            throw setting.refused(
                    value,
                    "lists addresses without a '/', which is read as one regular expression that matches none of"
                            + " them: write each as a CIDR range, e.g. "
                            + items.stream()
                                    .map(item -> item + (item.contains(":") ? "/128" : "/32"))
                                    .collect(Collectors.joining(",")));
        }
        try {
            apply.accept(new RemoteIpValve(), value);
        } catch (IllegalArgumentException e) {
            // Tomcat's words for a bad range end in a semicolon
            String why = e instanceof PatternSyntaxException syntax
                    ? syntax.getDescription()
                    : e.getMessage().strip().replaceAll(";$", "");
            throw setting.refused(
                    value,
                    "must be a regular expression or a comma-separated list of CIDR ranges, e.g. 10\\.0\\.3\\.7 or"
                            + " 10.0.3.0/24 (" + why + ")");
        }
    }
}
