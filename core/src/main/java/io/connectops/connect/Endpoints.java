package io.connectops.connect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.connectops.model.ConnectClusterSpec;

/** Turns a declared ConnectCluster into a {@link ConnectEndpoint}: URLs, timeouts, auth header, TLS. */
public final class Endpoints {
    private Endpoints() {
    }

    public static ConnectEndpoint from(ConnectClusterSpec spec) {
        return new ConnectEndpoint(spec.name(), spec.urls(), authorization(spec.auth()), sslContext(spec),
                spec.connectTimeout() == null ? ConnectEndpoint.DEFAULT_CONNECT_TIMEOUT : spec.connectTimeout(),
                spec.requestTimeout() == null ? ConnectEndpoint.DEFAULT_REQUEST_TIMEOUT : spec.requestTimeout());
    }

    private static String authorization(ConnectClusterSpec.Auth auth) {
        if (auth == null) {
            return null;
        }
        if (auth.bearerToken() != null) {
            return "Bearer " + auth.bearerToken();
        }
        return "Basic " + Base64.getEncoder().encodeToString((auth.username() + ":" + auth.password()).getBytes(StandardCharsets.UTF_8));
    }

    private static SSLContext sslContext(ConnectClusterSpec spec) {
        ConnectClusterSpec.Tls tls = spec.tls();
        if (tls == null) {
            return null;
        }
        try {
            TrustManagerFactory tmf = null;
            KeyStore trust = null;
            if (tls.truststore() != null) {
                trust = loadStore(tls.truststore(), tls.truststorePassword(), tls.truststoreType());
            } else if (tls.caPem() != null) {
                trust = KeyStore.getInstance(KeyStore.getDefaultType());
                trust.load(null, null);
                int i = 0;
                for (Certificate cert : readCertificates(tls.caPem())) {
                    trust.setCertificateEntry("ca-" + i++, cert);
                }
            }
            if (trust != null) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            KeyManagerFactory kmf = null;
            if (tls.keystore() != null) {
                KeyStore keys = loadStore(tls.keystore(), tls.keystorePassword(), tls.keystoreType());
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, password(tls.keystorePassword()));
            } else if (tls.certPem() != null) {
                KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
                keys.load(null, null);
                char[] transientPassword = "connectops".toCharArray();
                keys.setKeyEntry("client", readPrivateKey(tls.keyPem()), transientPassword,
                        readCertificates(tls.certPem()).toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, transientPassword);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("ConnectCluster '" + spec.name() + "' (" + spec.source() + "): cannot set up TLS: "
                    + e.getMessage() + " (check spec.tls paths, types and passwords)", e);
        }
    }

    private static KeyStore loadStore(String path, String password, String type) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type == null ? (path.endsWith(".jks") ? "JKS" : "PKCS12") : type);
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            store.load(in, password(password));
        }
        return store;
    }

    private static char[] password(String password) {
        return password == null ? null : password.toCharArray();
    }

    private static Collection<? extends Certificate> readCertificates(String pemPath) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(Path.of(pemPath))) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    /** An unencrypted PKCS#8 PEM key ("BEGIN PRIVATE KEY"), RSA or EC. */
    private static PrivateKey readPrivateKey(String pemPath) throws IOException, GeneralSecurityException {
        String pem = Files.readString(Path.of(pemPath));
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            throw new GeneralSecurityException(pemPath + " is not an unencrypted PKCS#8 key (BEGIN PRIVATE KEY); convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'");
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }
}
