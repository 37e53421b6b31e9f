package dev.hark.serve.mqtt;

import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** The TLS sockets of a broker connection that trust only the certificate authorities of one PEM file. */
final class TlsSockets {
    private TlsSockets() {
    }

    /** A socket factory trusting the certificates in {@code caFile}; a missing or bad file is a BadInputException. */
    static SSLSocketFactory trusting(Path caFile) {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(caFile)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new BadInputException("mqtt.tls-ca: no such file: " + caFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new BadInputException("mqtt.tls-ca: " + caFile + " is not a PEM certificate file: " + e.getMessage());
        }
        if (certs.isEmpty()) {
            throw new BadInputException("mqtt.tls-ca: " + caFile + " holds no certificate");
        }
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new BadInputException("mqtt.tls-ca: cannot use " + caFile + ": " + e.getMessage());
        }
    }
}
