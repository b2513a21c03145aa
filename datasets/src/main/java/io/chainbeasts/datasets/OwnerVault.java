package io.chainbeasts.datasets;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import io.chainbeasts.core.CanonicalReader;
import io.chainbeasts.core.CanonicalWriter;
import io.chainbeasts.core.DecodeException;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The owner's local vault of per-beast secrets {@code S_owner} (spec/datasets.md "Owner vault").
 *
 * <p>Key protection: the password goes through PBKDF2-HMAC-SHA256 (JDK, a random 16-byte salt,
 * {@link #DEFAULT_ITERATIONS} iterations, stored in the file) to 64 bytes. The first 32 are a
 * key-encryption key (AES-256-GCM via Tink's {@link AesGcmJce}) that wraps a Tink AES256_GCM keyset
 * ({@link TinkProtoKeysetFormat#serializeEncryptedKeyset}); the keyset's AEAD encrypts the entries.
 * The last 32 are a password check: the file stores {@code keccak256} of them, so a wrong password
 * is reported as such (rather than as corruption) before any decryption is tried.
 *
 * <pre>
 * file:     "CBVT" u8 version=1, u8 kdf=1 (PBKDF2-HMAC-SHA256), u32 iterations, 16 B salt,
 *           32 B keccak256(check), u32 n + n B encrypted keyset, u32 m + m B encrypted entries
 * entries:  u32 count, count x (u16 idLen, idLen B UTF-8 beast id, 32 B S_owner), ids sorted
 * </pre>
 *
 * Every change rewrites the whole file atomically. Secrets are generated with {@link SecureRandom}
 * and are never replaced: the secret's commitment is fixed at hatch.
 */
public final class OwnerVault {
    public static final byte[] MAGIC = {'C', 'B', 'V', 'T'};
    public static final int VERSION = 1;
    public static final int KDF_PBKDF2_SHA256 = 1;
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Files asking for fewer iterations are refused (a tampered file could otherwise weaken the KDF). */
    public static final int MIN_ITERATIONS = 10_000;
    public static final int SECRET_BYTES = 32;
    static final byte[] AD_KEYSET = "chainbeasts-vault-v1 keyset".getBytes(StandardCharsets.US_ASCII);
    static final byte[] AD_ENTRIES = "chainbeasts-vault-v1 entries".getBytes(StandardCharsets.US_ASCII);

    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Path file;
    private final int iterations;
    private final byte[] salt;
    private final byte[] checkHash;
    private final byte[] encryptedKeyset;
    private final Aead entriesAead;
    private final TreeMap<String, byte[]> secrets;

    private OwnerVault(Path file, int iterations, byte[] salt, byte[] checkHash, byte[] encryptedKeyset, Aead entriesAead,
                       TreeMap<String, byte[]> secrets) {
        this.file = file;
        this.iterations = iterations;
        this.salt = salt;
        this.checkHash = checkHash;
        this.encryptedKeyset = encryptedKeyset;
        this.entriesAead = entriesAead;
        this.secrets = secrets;
    }

    /** Creates a new, empty vault; refuses to overwrite an existing file. */
    public static OwnerVault create(Path file, char[] password) {
        return create(file, password, DEFAULT_ITERATIONS);
    }

    static OwnerVault create(Path file, char[] password, int iterations) {
        if (Files.exists(file)) throw new DatasetException.Vault(file + " already exists; refusing to overwrite a vault");
        checkPassword(password);
        if (iterations < MIN_ITERATIONS) throw new IllegalArgumentException("iterations " + iterations + " < " + MIN_ITERATIONS);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[][] keys = derive(password, salt, iterations);
        try {
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, new AesGcmJce(keys[0]), AD_KEYSET);
            Aead aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
            OwnerVault v = new OwnerVault(file, iterations, salt, Keccak256.hash(keys[1]), wrapped, aead, new TreeMap<>());
            v.save(false); // two concurrent inits: one wins, the other is refused
            return v;
        } catch (GeneralSecurityException e) {
            throw new DatasetException.Vault("cannot create vault " + file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(keys[0], (byte) 0);
            Arrays.fill(keys[1], (byte) 0);
        }
    }

    /** Opens a vault; a wrong password is a {@link DatasetException.WrongPassword}, a damaged file a {@link DatasetException.Vault}. */
    public static OwnerVault open(Path file, char[] password) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DatasetException.Vault("no vault at " + file + " (create one with 'vault init')");
        } catch (java.io.IOException e) {
            throw new DatasetException.Vault("cannot read vault " + file + ": " + AtomicFiles.describe(e), e);
        }
        int iterations;
        byte[] salt;
        byte[] checkHash;
        byte[] wrapped;
        byte[] entries;
        try {
            CanonicalReader r = new CanonicalReader(data);
            if (!Arrays.equals(r.bytes(4, "magic"), MAGIC)) throw new DatasetException.Vault(file + " is not a ChainBeasts vault (bad magic)");
            int version = r.u8("version");
            if (version != VERSION) throw new DatasetException.Vault(file + ": vault version " + version + " is not supported");
            int kdf = r.u8("kdf");
            if (kdf != KDF_PBKDF2_SHA256) throw new DatasetException.Vault(file + ": unknown KDF " + kdf);
            iterations = r.i32("iterations");
            if (iterations < MIN_ITERATIONS || iterations > 100_000_000) {
                throw new DatasetException.Vault(file + ": KDF iteration count " + Integer.toUnsignedString(iterations) + " is outside "
                        + MIN_ITERATIONS + "..100000000 (file damaged or tampered with)");
            }
            salt = r.bytes(16, "salt");
            checkHash = r.bytes(32, "password check");
            wrapped = r.bytes(length(r, "keyset length"), "keyset");
            entries = r.bytes(length(r, "entries length"), "entries");
            r.end("vault");
        } catch (DecodeException e) {
            throw new DatasetException.Vault(file + " is corrupt: " + e.getMessage());
        }
        checkPassword(password);
        byte[][] keys = derive(password, salt, iterations);
        try {
            if (!MessageDigest.isEqual(Keccak256.hash(keys[1]), checkHash)) {
                throw new DatasetException.WrongPassword("wrong vault password for " + file);
            }
            Aead aead;
            try {
                KeysetHandle keyset = TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, new AesGcmJce(keys[0]), AD_KEYSET);
                aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
            } catch (GeneralSecurityException e) {
                throw new DatasetException.Vault(file + " is corrupt or was tampered with (the keyset does not authenticate)");
            }
            byte[] plain;
            try {
                plain = aead.decrypt(entries, AD_ENTRIES);
            } catch (GeneralSecurityException e) {
                throw new DatasetException.Vault(file + " is corrupt or was tampered with (the entries do not authenticate)");
            }
            TreeMap<String, byte[]> secrets = decodeEntries(file, plain);
            Arrays.fill(plain, (byte) 0);
            return new OwnerVault(file, iterations, salt, checkHash, wrapped, aead, secrets);
        } finally {
            Arrays.fill(keys[0], (byte) 0);
            Arrays.fill(keys[1], (byte) 0);
        }
    }

    private static int length(CanonicalReader r, String field) {
        int n = r.i32(field);
        if (n < 0 || n > r.remaining()) throw new DecodeException("'" + field + "' " + Integer.toUnsignedString(n) + " is past the end of the file");
        return n;
    }

    private static TreeMap<String, byte[]> decodeEntries(Path file, byte[] plain) {
        TreeMap<String, byte[]> out = new TreeMap<>();
        try {
            CanonicalReader r = new CanonicalReader(plain);
            int count = r.i32("count");
            for (int i = 0; i < count; i++) {
                String id = new String(r.bytes(r.u16("idLen"), "id"), StandardCharsets.UTF_8);
                out.put(id, r.bytes(SECRET_BYTES, "secret"));
            }
            r.end("entries");
        } catch (DecodeException e) {
            throw new DatasetException.Vault(file + ": vault entries are malformed: " + e.getMessage());
        }
        return out;
    }

    private static void checkPassword(char[] password) {
        if (password == null || password.length == 0) throw new DatasetException.Vault("the vault password must not be empty");
    }

    /** PBKDF2-HMAC-SHA256(password, salt, iterations) -> {KEK (32 B), password check (32 B)}. */
    static byte[][] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 512);
        try {
            byte[] out = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            byte[][] keys = {Arrays.copyOfRange(out, 0, 32), Arrays.copyOfRange(out, 32, 64)};
            Arrays.fill(out, (byte) 0);
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    private void save() {
        save(true);
    }

    private void save(boolean replace) {
        CanonicalWriter e = new CanonicalWriter();
        e.i32(secrets.size());
        for (Map.Entry<String, byte[]> en : secrets.entrySet()) {
            byte[] id = en.getKey().getBytes(StandardCharsets.UTF_8);
            e.u16(id.length).bytes(id).bytes(en.getValue());
        }
        byte[] plain = e.toByteArray();
        byte[] ct;
        try {
            ct = entriesAead.encrypt(plain, AD_ENTRIES);
        } catch (GeneralSecurityException ex) {
            throw new DatasetException.Vault("cannot encrypt vault " + file + ": " + ex.getMessage(), ex);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        CanonicalWriter w = new CanonicalWriter(128 + encryptedKeyset.length + ct.length);
        w.bytes(MAGIC).u8(VERSION).u8(KDF_PBKDF2_SHA256).i32(iterations).bytes(salt).bytes32(checkHash)
                .i32(encryptedKeyset.length).bytes(encryptedKeyset).i32(ct.length).bytes(ct);
        AtomicFiles.output(file, w.toByteArray(), replace);
    }

    static void checkBeastId(String id) {
        if (id == null || id.isEmpty() || id.getBytes(StandardCharsets.UTF_8).length > 256 || !id.matches("[A-Za-z0-9._:-]+")) {
            throw new DatasetException.Vault("beast id '" + id + "' must be 1..256 characters of A-Z a-z 0-9 . _ : -");
        }
    }

    /** Generates and stores a fresh 32-byte S_owner for a beast; refuses if it already has one. */
    public byte[] newSecret(String beastId) {
        byte[] s = new byte[SECRET_BYTES];
        RANDOM.nextBytes(s);
        putSecret(beastId, s);
        return s;
    }

    /** Stores an existing S_owner (from a secret file made at hatch) for a beast; refuses if it already has one. */
    public void putSecret(String beastId, byte[] secret) {
        checkBeastId(beastId);
        if (secret.length != SECRET_BYTES) throw new DatasetException.Vault("S_owner must be " + SECRET_BYTES + " bytes, got " + secret.length);
        if (secrets.containsKey(beastId)) {
            throw new DatasetException.Vault("beast " + beastId + " already has a secret in " + file + " (secrets are never replaced)");
        }
        secrets.put(beastId, secret.clone());
        try {
            save();
        } catch (RuntimeException e) {
            secrets.remove(beastId);
            throw e;
        }
    }

    /** The beast's S_owner. */
    public byte[] secret(String beastId) {
        byte[] s = secrets.get(beastId);
        if (s == null) throw new DatasetException.Vault("no secret for beast " + beastId + " in " + file);
        return s.clone();
    }

    public Set<String> beasts() {
        return Collections.unmodifiableSet(secrets.keySet());
    }

    public Path file() {
        return file;
    }

    /** The secret's public commitment: keccak256(S_owner). */
    public static byte[] secretCommitment(byte[] secret) {
        if (secret.length != SECRET_BYTES) throw new IllegalArgumentException("S_owner must be 32 bytes");
        return Keccak256.hash(secret);
    }

    public static String hex(byte[] b) {
        return "0x" + Hex.of(b);
    }
}
