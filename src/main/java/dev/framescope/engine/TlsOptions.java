package dev.framescope.engine;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS settings of one connection. Certificates and host names are verified unless {@code insecure} is set, which
 * the capture and the UI then show on that connection from then on.
 *
 * @param extraTrustedCa   a PEM or DER file of CA certificates trusted in addition to the system's
 * @param clientKeyStore   a PKCS#12 file holding a client certificate and its key
 */
public record TlsOptions(Optional<Path> extraTrustedCa, Optional<Path> clientKeyStore, char[] clientKeyStorePassword,
                         boolean insecure) {

    public static final TlsOptions VERIFY = new TlsOptions(Optional.empty(), Optional.empty(), new char[0], false);
    public static final TlsOptions INSECURE = new TlsOptions(Optional.empty(), Optional.empty(), new char[0], true);

    public TlsOptions {
        clientKeyStorePassword = clientKeyStorePassword.clone();
    }

    public static TlsOptions trusting(Path caFile) {
        return new TlsOptions(Optional.of(caFile), Optional.empty(), new char[0], false);
    }

    public TlsOptions withClientCertificate(Path pkcs12, char[] password) {
        return new TlsOptions(extraTrustedCa, Optional.of(pkcs12), password, insecure);
    }

    /** By content: a record compares the password array by identity, so equal options read back would differ. */
    @Override
    public boolean equals(Object other) {
        return other instanceof TlsOptions t && extraTrustedCa.equals(t.extraTrustedCa)
                && clientKeyStore.equals(t.clientKeyStore)
                && Arrays.equals(clientKeyStorePassword, t.clientKeyStorePassword) && insecure == t.insecure;
    }

    @Override
    public int hashCode() {
        return Objects.hash(extraTrustedCa, clientKeyStore, Arrays.hashCode(clientKeyStorePassword), insecure);
    }
}
