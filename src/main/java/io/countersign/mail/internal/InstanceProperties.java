package io.countersign.mail.internal;

import io.countersign.shared.settings.PublicAddress;
import io.countersign.shared.settings.Setting;
import java.net.URI;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What every mail says about this installation: its name (unless an administrator set another in
 * the mail settings) and the public address its links start with ({@code COUNTERSIGN_BASE_URL}).
 *
 * @param instanceName the installation's name at the start of every notification's subject, unless
 *     the mail settings name another
 * @param baseUrl the public address of this installation, which links in mail and chat start with: an http or
 *     https address, without a user, a query or a fragment (a start with one is refused)
 */
@ConfigurationProperties("countersign")
public record InstanceProperties(
        @DefaultValue("Countersign") String instanceName,
        @DefaultValue(PublicAddress.DEFAULT) URI baseUrl) {

    public InstanceProperties {
        String scheme = baseUrl.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || baseUrl.getHost() == null) {
            throw Setting.of("countersign.base-url")
                    .refused(
                            baseUrl, "must be an absolute http or https address, e.g. https://countersign.example.com");
        }
        // every link in mail and chat and the sign-in's return address start with it: a query or fragment
        // would end up in the middle of each, and a user and password would be handed to every reader
        if (baseUrl.getRawUserInfo() != null || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw Setting.of("countersign.base-url")
                    .refused(
                            baseUrl,
                            "must be a public address without a user, a query (?…) or a fragment (#…), e.g."
                                    + " https://countersign.example.com");
        }
    }

    /**
     * The host name of the public address, when it is a fully qualified name: what this installation
     * calls itself when it greets a mail server, which may refuse a bare name or {@code localhost}.
     */
    public Optional<String> qualifiedHostName() {
        String host = baseUrl.getHost();
        boolean qualified = host.contains(".")
                && !host.startsWith("[")
                && !host.matches("[0-9.]+")
                && !"localhost".equalsIgnoreCase(host);
        return qualified ? Optional.of(host) : Optional.empty();
    }

    /** The base address without a trailing slash, so that paths can be appended. */
    public String base() {
        return PublicAddress.base(baseUrl.toString());
    }
}
