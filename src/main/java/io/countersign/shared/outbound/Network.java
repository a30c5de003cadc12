package io.countersign.shared.outbound;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/** A block of addresses written as CIDR (10.0.0.0/8, fc00::/7); a bare address is a block of one. */
final class Network {

    private final byte[] base;
    private final int length;
    private final String written;

    private Network(byte[] base, int length, String written) {
        this.base = base;
        this.length = length;
        this.written = written;
    }

    /** @throws IllegalArgumentException naming what is wrong, for a setting's refusal */
    static Network parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        Optional<InetAddress> parsed = AddressLiterals.parse(address);
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("'" + address + "' is not an IPv4 or IPv6 address");
        }
        byte[] bytes = parsed.get().getAddress();
        int bits = bytes.length * 8;
        int length = bits;
        if (slash >= 0) {
            String prefix = text.substring(slash + 1);
            if (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > bits) {
                throw new IllegalArgumentException("the prefix length after '/' must be 0 to " + bits);
            }
            length = Integer.parseInt(prefix);
        }
        return new Network(masked(bytes, length), length, text);
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == base.length && Arrays.equals(masked(bytes, length), base);
    }

    private static byte[] masked(byte[] address, int length) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int kept = Math.max(0, Math.min(8, length - i * 8));
            masked[i] &= (byte) (0xff << (8 - kept));
        }
        return masked;
    }

    @Override
    public String toString() {
        return written;
    }
}
