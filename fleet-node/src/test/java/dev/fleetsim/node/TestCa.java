package dev.fleetsim.node;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one test, and a server certificate it signed for an IP address: what a
 * cluster's API server presents, and the {@code ca.crt} a pod is given to check it.
 */
final class TestCa {

    private static final X500Name CA = new X500Name("CN=fleetsim test CA");

    private final X509Certificate ca;
    private final X509Certificate server;
    private final PrivateKey serverKey;

    private TestCa(X509Certificate ca, X509Certificate server, PrivateKey serverKey) {
        this.ca = ca;
        this.server = server;
        this.serverKey = serverKey;
    }

    /** A new CA and a certificate for a server at {@code ip}, valid for a day. */
    static TestCa forServerAt(String ip) throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair caKeys = rsa.generateKeyPair();
        KeyPair serverKeys = rsa.generateKeyPair();
        Instant now = Instant.now();
        Date from = Date.from(now.minus(Duration.ofHours(1)));
        Date to = Date.from(now.plus(Duration.ofDays(1)));
        X509Certificate ca = sign(new JcaX509v3CertificateBuilder(CA, BigInteger.ONE, from, to, CA, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign)), caKeys.getPrivate());
        X509Certificate server = sign(new JcaX509v3CertificateBuilder(CA, BigInteger.TWO, from, to,
                new X500Name("CN=kubernetes"), serverKeys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.iPAddress, ip))), caKeys.getPrivate());
        return new TestCa(ca, server, serverKeys.getPrivate());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
    }

    /** The CA certificate in PEM, as a pod's {@code ca.crt}. */
    String caPem() throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ca.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** A TLS context that presents the server certificate. */
    SSLContext serverContext() throws Exception {
        char[] password = "test".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", serverKey, password, new Certificate[] {server, ca});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
