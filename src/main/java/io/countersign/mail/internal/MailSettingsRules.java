package io.countersign.mail.internal;

import io.countersign.mail.MailSecurity;
import io.countersign.mail.MailSettings;
import io.countersign.mail.MailSettingsInput;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.Problems;
import io.countersign.shared.Text;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks saved mail settings, reporting every issue at once, and fills in defaults: SMTP on 587 with
 * STARTTLS, IMAP on 993 with TLS, folder INBOX. A password left out keeps the stored one.
 */
public final class MailSettingsRules {

    public static final int DEFAULT_IMAP_PORT = 993;
    public static final String DEFAULT_FOLDER = "INBOX";
    public static final int MAX_KEYWORDS = 50;

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f]*:[0-9A-Fa-f:.]+]?");
    // a keyword is what the first word of a reply is compared with: letters and digits, no spaces or commas
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_'-]{0,39}");
    /**
     * Words people write to reject: as a keyword one would make "Reject" approve. Compared as a reply's
     * first word is, lower case and without trailing punctuation.
     */
    static final Set<String> REJECTING =
            Set.of("no", "not", "nope", "reject", "rejected", "deny", "denied", "decline", "declined");

    /**
     * The words that approve whatever the keywords, compared as a reply's first word is. One given as a
     * keyword would be listed twice in the mail, and an administrator who removed it to stop it approving
     * would find that it still does, so it is refused like a repeat.
     */
    private static final Set<String> BUILT_IN_APPROVING = Letterhead.BUILT_IN_APPROVE_WORDS.stream()
            .map(MailSettingsRules::compared)
            .collect(Collectors.toUnmodifiableSet());

    private MailSettingsRules() {}

    /** The settings to store, or {@link io.countersign.shared.InvalidInputException} with every issue. */
    public static MailSettings apply(MailSettingsInput input, MailSettings stored) {
        return apply(input, stored, List.of());
    }

    /**
     * As {@link #apply(MailSettingsInput, MailSettings)}, refusing also what the caller could not read
     * (a value such as an unknown security, for which {@code input} holds null), so that those issues
     * are reported with every other one.
     */
    public static MailSettings apply(MailSettingsInput input, MailSettings stored, List<FieldIssue> unread) {
        Problems problems = new Problems().addAll(unread);
        MailSettings.Smtp smtp = smtp(problems, input.smtp(), stored == null ? null : stored.smtp());
        MailSettings.Imap imap = imap(problems, input.imap(), stored == null ? null : stored.imap());
        boolean approveByMail = Boolean.TRUE.equals(input.approveByMail());
        if (approveByMail) {
            if (imap == null) {
                problems.add("imap.host", "required", "is needed to approve by mail: replies are read from IMAP");
            } else {
                problems.check(imap.username() != null, "imap.username", "required", "is needed to approve by mail");
                problems.check(imap.password() != null, "imap.password", "required", "is needed to approve by mail");
            }
        }
        List<String> keywords = keywords(problems, input.approveKeywords());
        String instanceName = blankToNull(input.instanceName());
        problems.maxLength(instanceName, "instanceName", 100);
        problems.throwIfAny();
        return new MailSettings(smtp, imap, approveByMail, keywords, instanceName);
    }

    private static MailSettings.Smtp smtp(Problems problems, MailSettingsInput.Smtp in, MailSettings.Smtp stored) {
        if (in == null) {
            problems.add("smtp", "required", "must name the server that sends mail");
            return null;
        }
        MailSecurity security = in.security() == null ? MailSecurity.STARTTLS : in.security();
        int port = port(
                problems,
                in.port(),
                "smtp.port",
                switch (security) {
                    case NONE -> 25;
                    case STARTTLS -> 587;
                    case TLS -> 465;
                });
        host(problems, in.host(), "smtp.host");
        if (problems.requireText(in.from(), "smtp.from", 400)) {
            problems.check(
                    Addresses.isValid(in.from()),
                    "smtp.from",
                    "invalid_address",
                    "must be one mail address such as countersign@example.com");
        }
        return new MailSettings.Smtp(
                trim(in.host()),
                port,
                security,
                username(problems, in.username(), "smtp.username"),
                password(problems, in.password(), stored == null ? null : stored.password(), "smtp.password"),
                trim(in.from()),
                certificate(problems, in.trustedCertificate(), "smtp.trustedCertificate"));
    }

    private static MailSettings.Imap imap(Problems problems, MailSettingsInput.Imap in, MailSettings.Imap stored) {
        if (in == null) {
            return null;
        }
        MailSecurity security = in.security() == null ? MailSecurity.TLS : in.security();
        int port = port(problems, in.port(), "imap.port", imapPort(security));
        if (in.host() == null || in.host().isBlank()) {
            withoutHost(problems, in, security);
            return null;
        }
        host(problems, in.host(), "imap.host");
        String folder = blankToNull(in.folder());
        if (problems.maxLength(folder, "imap.folder", 400) && folder != null) {
            problems.check(!folder.replace("/", "").isBlank(), "imap.folder", "invalid_folder", "must name a folder");
        }
        return new MailSettings.Imap(
                trim(in.host()),
                port,
                security,
                username(problems, in.username(), "imap.username"),
                password(problems, in.password(), stored == null ? null : stored.password(), "imap.password"),
                folder == null ? DEFAULT_FOLDER : folder,
                certificate(problems, in.trustedCertificate(), "imap.trustedCertificate"));
    }

    /**
     * Without a host no IMAP server is saved, and whatever else was sent for one would be lost: each
     * field that holds more than its default is refused instead. The defaults are what the settings
     * read while no server is saved, so that a client may send them back as read.
     */
    private static void withoutHost(Problems problems, MailSettingsInput.Imap in, MailSecurity security) {
        notApplicable(problems, security != MailSecurity.TLS, "imap.security", "TLS");
        notApplicable(
                problems,
                in.port() != null && inRange(in.port()) && in.port() != imapPort(security),
                "imap.port",
                String.valueOf(imapPort(security)));
        notApplicable(problems, blankToNull(in.username()) != null, "imap.username", null);
        // "" removes a stored password, which removing the server does anyway
        notApplicable(problems, in.password() != null && !in.password().isEmpty(), "imap.password", null);
        String folder = blankToNull(in.folder());
        notApplicable(problems, folder != null && !folder.equals(DEFAULT_FOLDER), "imap.folder", DEFAULT_FOLDER);
        notApplicable(problems, blankToNull(in.trustedCertificate()) != null, "imap.trustedCertificate", null);
    }

    private static void notApplicable(Problems problems, boolean set, String field, String fallback) {
        problems.check(
                !set,
                field,
                "not_applicable",
                "is used only with an IMAP server: name one in imap.host, or leave this out"
                        + (fallback == null ? "" : " (default " + fallback + ")"));
    }

    private static int imapPort(MailSecurity security) {
        return security == MailSecurity.TLS ? DEFAULT_IMAP_PORT : 143;
    }

    private static void host(Problems problems, String host, String field) {
        if (problems.requireText(host, field, 253)) {
            String h = host.trim();
            problems.check(
                    HOST_NAME.matcher(h).matches() || IPV6.matcher(h).matches(),
                    field,
                    "invalid_host",
                    "must be a host name or an IP address, without scheme or port");
        }
    }

    private static int port(Problems problems, Integer port, String field, int fallback) {
        if (port == null) {
            return fallback;
        }
        problems.check(inRange(port), field, "out_of_range", "must be between 1 and 65535");
        return port;
    }

    private static boolean inRange(int port) {
        return port >= 1 && port <= 65535;
    }

    private static String username(Problems problems, String username, String field) {
        problems.maxLength(username, field, 320);
        return blankToNull(username);
    }

    private static String password(Problems problems, String password, String stored, String field) {
        if (password == null) {
            return stored;
        }
        problems.text(password, field, 1000, Text.Lines.SINGLE);
        return password.isEmpty() ? null : password;
    }

    private static String certificate(Problems problems, String pem, String field) {
        String value = blankToNull(pem);
        if (value == null || !problems.text(value, field, 65536, Text.Lines.MULTI)) {
            return value;
        }
        try {
            TrustedCertificates.parse(value);
        } catch (CertificateException | RuntimeException e) {
            problems.add(
                    field, "invalid_certificate", "must be one or more PEM certificates (-----BEGIN CERTIFICATE-----)");
        }
        return value.trim();
    }

    private static List<String> keywords(Problems problems, List<String> words) {
        if (words == null) {
            return List.of();
        }
        problems.check(
                words.size() <= MAX_KEYWORDS,
                "approveKeywords",
                "too_many",
                "must hold at most " + MAX_KEYWORDS + " words");
        // a repeat is refused rather than merged, as lists of names are: a word typed twice is often a
        // slip for another one, which would then go missing without a word
        Map<String, Integer> firstIndex = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = trim(words.get(i));
            if (word == null || !WORD.matcher(word).matches()) {
                problems.add(
                        "approveKeywords[" + i + "]",
                        "not_a_word",
                        "must be a single word of letters and digits (at most 40), without spaces or commas");
            } else if (REJECTING.contains(compared(word))) {
                problems.add(
                        "approveKeywords[" + i + "]",
                        "rejecting_word",
                        "must not be a word that rejects (" + String.join(", ", new TreeSet<>(REJECTING)) + ")");
            } else if (BUILT_IN_APPROVING.contains(compared(word))) {
                problems.add(
                        "approveKeywords[" + i + "]",
                        "invalid_value",
                        "'" + word + "' approves already, as " + builtInApproveWords()
                                + " always do: give only other words");
            } else {
                Integer earlier = firstIndex.putIfAbsent(compared(word), i);
                if (earlier == null) {
                    kept.add(word);
                } else {
                    problems.add(
                            "approveKeywords[" + i + "]",
                            "duplicate",
                            "'" + word + "' repeats word " + (earlier + 1) + " ('" + trim(words.get(earlier))
                                    + "'): words are compared in any case, so give each once");
                }
            }
        }
        return kept;
    }

    /** "Yes, Approve, Approved and Ok". */
    private static String builtInApproveWords() {
        List<String> words = Letterhead.BUILT_IN_APPROVE_WORDS;
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }

    /** A keyword as a reply's first word is compared with it: lower case, without trailing punctuation. */
    private static String compared(String word) {
        return word.toLowerCase(Locale.ROOT).replaceAll("[_'-]+$", "");
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
