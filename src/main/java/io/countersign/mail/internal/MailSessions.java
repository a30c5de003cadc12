package io.countersign.mail.internal;

import io.countersign.mail.MailSecurity;
import io.countersign.mail.MailSettings;
import jakarta.mail.Session;
import java.time.Duration;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * Jakarta Mail sessions built from the stored settings rather than from application properties,
 * with timeouts on every connection, STARTTLS required (never opportunistic) when chosen, and the
 * server's name checked against its certificate.
 */
@Component
public class MailSessions {

    private final MailProperties properties;
    private final InstanceProperties instance;

    public MailSessions(MailProperties properties, InstanceProperties instance) {
        this.properties = properties;
        this.instance = instance;
    }

    public Session smtp(MailSettings.Smtp smtp) {
        Properties props = base("smtp", smtp.security(), smtp.trustedCertificate());
        props.put("mail.smtp.auth", String.valueOf(smtp.login()));
        props.put("mail.smtp.from", Addresses.parse(smtp.from()).getAddress());
        // without it the greeting names the machine, often a bare container name or localhost, which
        // a server that checks HELO names (reject_non_fqdn_helo_hostname) refuses
        instance.qualifiedHostName().ifPresent(host -> props.put("mail.smtp.localhost", host));
        return Session.getInstance(props);
    }

    public Session imap(MailSettings.Imap imap) {
        return Session.getInstance(base("imap", imap.security(), imap.trustedCertificate()));
    }

    /**
     * An IMAP session for a connection that waits in IDLE: each wait is interrupted every {@code
     * idleRefresh}, so reads may take twice that long before they count as a server that stopped
     * answering.
     */
    public Session watching(MailSettings.Imap imap, Duration idleRefresh) {
        Properties props = base("imap", imap.security(), imap.trustedCertificate());
        long read = Math.max(properties.timeout().toMillis(), idleRefresh.toMillis() * 2);
        props.put("mail.imap.timeout", String.valueOf(read));
        props.put("mail.imap.writetimeout", String.valueOf(read));
        props.put("mail.imap.connectionpooltimeout", "1000");
        return Session.getInstance(props);
    }

    private Properties base(String protocol, MailSecurity security, String trustedCertificate) {
        String prefix = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put(
                prefix + "connectiontimeout",
                String.valueOf(properties.connectTimeout().toMillis()));
        props.put(prefix + "timeout", String.valueOf(properties.timeout().toMillis()));
        props.put(prefix + "writetimeout", String.valueOf(properties.timeout().toMillis()));
        switch (security) {
            case TLS -> props.put(prefix + "ssl.enable", "true");
            case STARTTLS -> {
                props.put(prefix + "starttls.enable", "true");
                props.put(prefix + "starttls.required", "true");
            }
            case NONE -> {}
        }
        if (security != MailSecurity.NONE) {
            props.put(prefix + "ssl.protocols", "TLSv1.3 TLSv1.2");
            props.put(prefix + "ssl.checkserveridentity", "true");
            if (trustedCertificate != null) {
                props.put(prefix + "ssl.socketFactory", TrustedCertificates.socketFactory(trustedCertificate));
                // by default a failed connection is tried again with the system's authorities, which
                // would trust more than the pasted certificate and report the wrong reason
                props.put(prefix + "socketFactory.fallback", "false");
            }
        }
        return props;
    }
}
