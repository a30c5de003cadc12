package io.countersign.mail.internal;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Mail addresses as Countersign accepts them: one address with a domain, optionally with a name. */
public final class Addresses {

    private Addresses() {}

    /** Parses strictly; fails with {@link IllegalArgumentException} on anything but one valid address. */
    public static InternetAddress parse(String value) {
        if (value == null || value.isBlank() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("not a mail address");
        }
        try {
            InternetAddress[] all = InternetAddress.parse(value.trim(), true);
            if (all.length != 1) {
                throw new IllegalArgumentException("not exactly one mail address");
            }
            InternetAddress address = all[0];
            address.validate();
            String plain = address.getAddress();
            int at = plain.lastIndexOf('@');
            if (at < 1 || at == plain.length() - 1) {
                throw new IllegalArgumentException("a mail address needs a local part and a domain");
            }
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static boolean isValid(String value) {
        try {
            parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code countersign@example.com} with tag {@code abc} is {@code countersign+abc@example.com}. */
    public static String withTag(String address, String tag) {
        int at = address.lastIndexOf('@');
        return address.substring(0, at) + "+" + tag + address.substring(at);
    }

    public static String domain(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
