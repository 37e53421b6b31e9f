package dev.hark.serve.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and a server certificate for 127.0.0.1 signed by it, made with the JDK's
 * keytool, as the PEM files mosquitto and {@code mqtt.tls-ca} read.
 */
final class TestCertificates {
    private static final String PASS = "changeit";
    final Path caPem;
    final Path serverPem;
    final Path serverKey;

    private TestCertificates(Path caPem, Path serverPem, Path serverKey) {
        this.caPem = caPem;
        this.serverPem = serverPem;
        this.serverKey = serverKey;
    }

    /** Only a CA named {@code name} in {@code dir}, as a PEM file (a stranger to a broker). */
    static Path authority(Path dir, String name) throws IOException, InterruptedException {
        Path ca = dir.resolve(name + "-ca.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=" + name + " test CA", "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString());
        Path caPem = dir.resolve(name + "-ca.pem");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", caPem.toString());
        return caPem;
    }

    /** A CA named {@code name} in {@code dir}, and a server certificate it signed. */
    static TestCertificates make(Path dir, String name) throws IOException, InterruptedException,
            GeneralSecurityException {
        Path caPem = authority(dir, name);
        Path ca = dir.resolve(name + "-ca.p12");
        Path server = dir.resolve(name + "-server.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1", "-validity", "2", "-keystore", server.toString());
        Path csr = dir.resolve(name + "-server.csr");
        keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-file", csr.toString());
        Path serverPem = dir.resolve(name + "-server.pem");
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-infile", csr.toString(),
                "-outfile", serverPem.toString(), "-ext", "SAN=ip:127.0.0.1", "-validity", "2");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(server)) {
            ks.load(in, PASS.toCharArray());
        }
        Key key = ks.getKey("server", PASS.toCharArray());
        Path keyPem = dir.resolve(name + "-server.key");
        Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return new TestCertificates(caPem, serverPem, keyPem);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "keytool").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", PASS, "-noprompt"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
