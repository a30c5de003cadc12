package io.countersign.mail.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trust for a mail server with a self-signed certificate: the administrator pastes the server's
 * certificate (or its private authority's) as PEM, and connections trust exactly those instead of
 * the system's authorities. The host name is still checked against the certificate.
 */
public final class TrustedCertificates {

    private TrustedCertificates() {}

    /** Every certificate in the PEM text; fails when there is none or one cannot be read. */
    public static List<X509Certificate> parse(String pem) throws CertificateException {
        var certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.US_ASCII)));
        if (certificates.isEmpty()) {
            throw new CertificateException("no certificate found");
        }
        return certificates.stream().map(X509Certificate.class::cast).toList();
    }

    public static SSLSocketFactory socketFactory(String pem) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            List<X509Certificate> certificates = parse(pem);
            for (int i = 0; i < certificates.size(); i++) {
                trusted.setCertificateEntry("trusted-" + i, certificates.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("The trusted certificate of the mail settings cannot be used", e);
        }
    }
}
