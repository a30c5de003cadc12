package io.countersign.inventory;

import java.util.List;

/** The kinds of resources Countersign knows; policies may match on them. */
public final class ResourceTypes {

    public static final List<String> ALL = List.of(
            "ssh", "rdp", "vnc", "database", "kubernetes", "web", "sftp", "http", "vpn", "cloud", "application");

    private ResourceTypes() {}

    public static boolean isKnown(String type) {
        return ALL.contains(type);
    }
}
