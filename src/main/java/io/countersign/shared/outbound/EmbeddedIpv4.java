package io.countersign.shared.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The IPv4 addresses an IPv6 address carries, for the transition schemes that deliver to that IPv4
 * address: a gateway or relay on the way translates or unwraps the packet, so {@code 64:ff9b::a9fe:a9fe}
 * reaches 169.254.169.254 where a NAT64 gateway serves the network.
 *
 * <ul>
 *   <li>NAT64's well-known prefix 64:ff9b::/96 (RFC 6052): the last 32 bits.
 *   <li>The local-use translation prefix 64:ff9b:1::/48 (RFC 8215): a network uses a /48, /56, /64 or
 *       /96 of it, which the address does not tell, so it is read at each position RFC 6052 gives those
 *       lengths. Bits 64 to 71 and the suffix after the IPv4 address should be zero, but translators
 *       skip them whatever they hold, so neither decides whether a position counts. A reading in
 *       0.0.0.0/8 is left out: no gateway delivers there, and it is what the positions other than its
 *       own read from an address that carries a public IPv4 address.
 *   <li>6to4, 2002::/16 (RFC 3056): bits 16 to 47.
 *   <li>Teredo, 2001::/32 (RFC 4380): the client's address, each bit inverted, in the last 32 bits.
 *   <li>IPv4-compatible ::a.b.c.d, ::/96 but {@code ::} and {@code ::1} (RFC 4291, deprecated), and
 *       IPv4-mapped ::ffff:a.b.c.d, which the JDK reads as an IPv4 address anyway.
 * </ul>
 */
final class EmbeddedIpv4 {

    private static final Network WELL_KNOWN_NAT64 = Network.parse("64:ff9b::/96");
    private static final Network LOCAL_USE_NAT64 = Network.parse("64:ff9b:1::/48");
    private static final int[] LOCAL_USE_LENGTHS = {48, 56, 64, 96};
    private static final Network THIS_NETWORK = Network.parse("0.0.0.0/8");
    private static final Network SIX_TO_FOUR = Network.parse("2002::/16");
    private static final Network TEREDO = Network.parse("2001::/32");

    private EmbeddedIpv4() {}

    /** The IPv4 addresses {@code address} carries; none for an IPv4 address or a plain IPv6 one. */
    static List<InetAddress> in(InetAddress address) {
        List<InetAddress> found = new ArrayList<>();
        if (!(address instanceof Inet6Address)) {
            return found;
        }
        byte[] bytes = address.getAddress();
        if (WELL_KNOWN_NAT64.contains(address)) {
            found.add(rfc6052(bytes, 96));
        } else if (LOCAL_USE_NAT64.contains(address)) {
            for (int length : LOCAL_USE_LENGTHS) {
                InetAddress read = rfc6052(bytes, length);
                if (!THIS_NETWORK.contains(read)) {
                    found.add(read);
                }
            }
        } else if (SIX_TO_FOUR.contains(address)) {
            found.add(ipv4(bytes[2], bytes[3], bytes[4], bytes[5]));
        } else if (TEREDO.contains(address)) {
            found.add(ipv4((byte) ~bytes[12], (byte) ~bytes[13], (byte) ~bytes[14], (byte) ~bytes[15]));
        } else if (compatibleOrMapped(bytes)) {
            found.add(ipv4(bytes[12], bytes[13], bytes[14], bytes[15]));
        }
        return found;
    }

    /** The IPv4 address behind a prefix of {@code length} bits, which skips bits 64 to 71 (RFC 6052 2.2). */
    private static InetAddress rfc6052(byte[] bytes, int length) {
        byte[] ipv4 = new byte[4];
        int at = length / 8;
        for (int i = 0; i < 4; i++, at++) {
            at = at == 8 ? 9 : at;
            ipv4[i] = bytes[at];
        }
        return ipv4(ipv4[0], ipv4[1], ipv4[2], ipv4[3]);
    }

    private static boolean compatibleOrMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        if (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) {
            return true;
        }
        boolean unspecifiedOrLoopback = bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && (bytes[15] & 0xfe) == 0;
        return bytes[10] == 0 && bytes[11] == 0 && !unspecifiedOrLoopback;
    }

    private static InetAddress ipv4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
