package io.countersign.shared.settings;

import org.springframework.core.env.Environment;

/**
 * The public address of this installation ({@code countersign.base-url}, {@code COUNTERSIGN_BASE_URL}) as
 * every address made from it uses it: links in mail and chat, and the address single sign-on returns
 * to. Each appends a path that starts with a slash, so every slash at the end of the setting goes, the
 * same way for all of them; {@code https://countersign.example.com//} gives what
 * {@code https://countersign.example.com} does.
 */
public final class PublicAddress {

    public static final String PROPERTY = "countersign.base-url";
    public static final String DEFAULT = "http://localhost:8080";

    private PublicAddress() {}

    /** The base from the setting, or from its default when unset. */
    public static String of(Environment environment) {
        return base(environment.getProperty(PROPERTY, DEFAULT));
    }

    /** The address without the slashes at its end. */
    public static String base(String configured) {
        return configured.replaceAll("/+$", "");
    }
}
