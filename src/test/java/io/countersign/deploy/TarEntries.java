package io.countersign.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The entries of a tar stream (ustar and pax headers), enough to inspect an image tarball. */
final class TarEntries {

    record Entry(String name, int mode, int uid, char type, byte[] content) {

        boolean isDirectory() {
            return type == '5';
        }
    }

    private TarEntries() {}

    /** Every entry by its name without a leading "./"; contents kept only when {@code keep} says so. */
    static Map<String, Entry> read(InputStream in, java.util.function.Predicate<String> keep) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        String longName = null;
        byte[] header = new byte[512];
        while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            byte[] content = keep.test(name) || type == 'x' || type == 'L' ? in.readNBytes((int) size) : skip(in, size);
            in.skipNBytes((512 - size % 512) % 512);
            if (type == 'x') {
                longName = paxPath(new String(content, StandardCharsets.UTF_8));
                continue;
            }
            if (type == 'L') {
                longName = new String(content, StandardCharsets.UTF_8).trim();
                continue;
            }
            if (longName != null) {
                name = longName;
                longName = null;
            }
            name = name.startsWith("./") ? name.substring(2) : name;
            name = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
            entries.put(name, new Entry(name, (int) octal(header, 100, 8), (int) octal(header, 108, 8), type, content));
        }
        return entries;
    }

    private static byte[] skip(InputStream in, long size) throws IOException {
        in.skipNBytes(size);
        return new byte[0];
    }

    private static String paxPath(String records) {
        for (String record : records.split("\n")) {
            int equals = record.indexOf(" path=");
            if (equals >= 0) {
                return record.substring(equals + 6);
            }
        }
        return null;
    }

    private static String text(byte[] header, int from, int length) {
        int end = from;
        while (end < from + length && header[end] != 0) {
            end++;
        }
        return new String(header, from, end - from, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int from, int length) {
        String digits = text(header, from, length).trim();
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
