package dev.framescope.proxy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The local certificate authority the proxy signs its leaf certificates with, so that an app that trusts it lets the
 * proxy read its TLS: created on first use in its directory ({@value #CERT_FILE}, and {@value #KEY_FILE} readable by
 * the owner only), an ECDSA P-256 key, ten years. Leaf certificates are minted per host on the fly (the host or IP as
 * subject alternative name, 397 days: the most browsers accept) with one leaf key, and cached.
 */
public final class LocalCa {

    public static final String NAME = "Framescope local CA (this machine)";
    public static final String CERT_FILE = "framescope-ca.pem";
    public static final String KEY_FILE = "framescope-ca-key.pem";
    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    private static final Duration LEAF_LIFETIME = Duration.ofDays(397);

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Path directory;
    private final KeyPair leafKeys;
    private final Map<String, SSLContext> leaves = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private LocalCa(X509Certificate certificate, PrivateKey key, Path directory) throws GeneralSecurityException {
        this.certificate = certificate;
        this.key = key;
        this.directory = directory;
        this.leafKeys = ecKeys();
    }

    /** The CA in {@code directory}, created there (with the directory) when it has none. */
    public static LocalCa loadOrCreate(Path directory) throws IOException, GeneralSecurityException {
        Path cert = directory.resolve(CERT_FILE);
        Path keyFile = directory.resolve(KEY_FILE);
        if (Files.exists(cert) && Files.exists(keyFile)) {
            return new LocalCa(readCertificate(cert), readKey(keyFile), directory);
        }
        createOwnerOnly(directory);
        KeyPair keys = ecKeys();
        X500Name name = new X500Name("CN=" + NAME + ",O=Framescope");
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(CA_LIFETIME)), name, keys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        X509Certificate ca = sign(b, keys.getPrivate());
        // The key first, owner-only (PKCS #8), so that a certificate on disk always has its key.
        writeOwnerOnly(keyFile, pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
        Files.writeString(cert, pem(ca));
        return new LocalCa(ca, keys.getPrivate(), directory);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public Path directory() {
        return directory;
    }

    public String pem() throws IOException {
        return pem(certificate);
    }

    public byte[] der() throws GeneralSecurityException {
        return certificate.getEncoded();
    }

    /** Base64 of the SHA-256 of the CA's public key info: what {@code --ignore-certificate-errors-spki-list} takes. */
    public String spkiSha256() throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
        return Base64.getEncoder().encodeToString(digest);
    }

    /** A server-side context presenting a leaf for {@code host} (a name or an IP literal), minted once per host. */
    public SSLContext serverContext(String host) throws GeneralSecurityException {
        try {
            return leaves.computeIfAbsent(host.toLowerCase(java.util.Locale.ROOT), h -> {
                try {
                    return context(h);
                } catch (GeneralSecurityException | IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (IllegalStateException e) {
            throw new GeneralSecurityException("cannot mint a certificate for " + host + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    private SSLContext context(String host) throws GeneralSecurityException, IOException {
        X509Certificate leaf = leaf(host);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = new char[0];
        store.setKeyEntry("leaf", leafKeys.getPrivate(), password, new X509Certificate[] {leaf, certificate});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    X509Certificate leaf(String host) throws GeneralSecurityException, CertIOException {
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + host.replaceAll("[,=+<>#;\"\\\\]", "_") + ",O=Framescope interception");
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), serial(random),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(LEAF_LIFETIME)), subject,
                leafKeys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        boolean ip = UpstreamAllowList.literal(host).isPresent();
        b.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host)));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
        return sign(b, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer) throws GeneralSecurityException {
        try {
            X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign a certificate: " + e.getMessage(), e);
        }
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(64, random).add(BigInteger.ONE);
    }

    /** Creates the directory (and its parents) with the last one owner-only (POSIX 700) where it is new. */
    private static void createOwnerOnly(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectory(directory);
        }
    }

    /** Creates {@code file} readable and writable by its owner only (POSIX 600) before any byte is in it. */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.deleteIfExists(file);
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // A key without its certificate: replaced.
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(file, text);
    }

    private static String pem(Object o) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(o);
        }
        return s.toString();
    }

    private static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            if (!(o instanceof X509CertificateHolder holder)) {
                throw new GeneralSecurityException(file + " holds no certificate");
            }
            return new JcaX509CertificateConverter().getCertificate(holder);
        }
    }

    private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter c = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo info) {
                return c.getPrivateKey(info);
            }
            if (o instanceof PEMKeyPair pair) {
                return c.getKeyPair(pair).getPrivate();
            }
            throw new GeneralSecurityException(file + " holds no private key");
        }
    }

    /** Writes the CA certificate as PEM, or as DER when {@code file}'s name ends in {@code .der} or {@code .cer}. */
    public void export(Path file) throws IOException, GeneralSecurityException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".der") || name.endsWith(".cer")) {
            Files.write(file, der());
        } else {
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
                w.write(pem());
            }
        }
    }
}
