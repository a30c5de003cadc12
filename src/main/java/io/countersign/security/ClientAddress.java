package io.countersign.security;

/**
 * The address a sign-in came from, as the servlet container gives it after reading the forwarded
 * headers of the proxies it trusts ({@code server.forward-headers-strategy}), cut to the length the
 * audit trail and the failure counts keep.
 */
final class ClientAddress {

    private static final int LONGEST = 64;

    private ClientAddress() {}

    static String of(String remoteAddress) {
        return remoteAddress == null || remoteAddress.length() <= LONGEST
                ? remoteAddress
                : remoteAddress.substring(0, LONGEST);
    }
}
