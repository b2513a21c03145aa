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
 * <p>Key protection (version 2, what {@link #create} writes): the password goes through
 * PBKDF2-HMAC-SHA256 (JDK, a random 16-byte salt, {@link #DEFAULT_ITERATIONS} iterations, stored in
 * the file) to one 32-byte block, which HMAC-SHA256 expands into a key-encryption key (AES-256-GCM
 * via Tink's {@link AesGcmJce}, wrapping a Tink AES256_GCM keyset,
 * {@link TinkProtoKeysetFormat#serializeEncryptedKeyset}; the keyset's AEAD encrypts the entries) and
 * a password check (the file stores its {@code keccak256}), so a wrong password is reported as such
 * before any decryption. One PBKDF2 block serves both, so a guesser pays what the owner pays.
 * A header checksum tells a damaged header (corrupt) from a wrong password. Version 1 files (64-byte
 * PBKDF2 output split in two, no header checksum) are still read and written as version 1.
 *
 * <pre>
 * file v2:  "CBVT" u8 version=2, u8 kdf=2 (PBKDF2-HMAC-SHA256 + HMAC expand), u32 iterations, 16 B salt,
 *           32 B keccak256(check), 32 B keccak256(the 58 header bytes before it),
 *           u32 n + n B encrypted keyset, u32 m + m B encrypted entries
 * file v1:  "CBVT" u8 version=1, u8 kdf=1 (PBKDF2-HMAC-SHA256, 64 B), u32 iterations, 16 B salt,
 *           32 B keccak256(check), u32 n + n B encrypted keyset, u32 m + m B encrypted entries
 * entries:  u32 count, count x (u16 idLen, idLen B UTF-8 beast id, 32 B S_owner), ids sorted
 * </pre>
 *
 * Every change rewrites the whole file atomically. Secrets are generated with {@link SecureRandom}
 * and are never replaced: the secret's commitment is fixed at hatch.
 */
public final class OwnerVault {
    public static final byte[] MAGIC = {'C', 'B', 'V', 'T'};
    public static final int VERSION = 2;
    public static final int KDF_PBKDF2_SHA256 = 1;        // version 1: 64 B of PBKDF2, split
    public static final int KDF_PBKDF2_SHA256_HMAC = 2;   // version 2: 32 B of PBKDF2, HMAC-expanded
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
    private final int version;
    private final int iterations;
    private final byte[] salt;
    private final byte[] checkHash;
    private final byte[] encryptedKeyset;
    private final Aead entriesAead;
    private final TreeMap<String, byte[]> secrets;

    private OwnerVault(Path file, int version, int iterations, byte[] salt, byte[] checkHash, byte[] encryptedKeyset, Aead entriesAead,
                       TreeMap<String, byte[]> secrets) {
        this.file = file;
        this.version = version;
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
        return create(file, password, iterations, VERSION);
    }

    /** As above in a given format version (1 only for the compatibility tests). */
    static OwnerVault create(Path file, char[] password, int iterations, int version) {
        if (version != 1 && version != 2) throw new IllegalArgumentException("vault version " + version);
        if (Files.exists(file)) throw new DatasetException.Vault(file + " already exists; refusing to overwrite a vault");
        checkPassword(password);
        if (iterations < MIN_ITERATIONS) throw new IllegalArgumentException("iterations " + iterations + " < " + MIN_ITERATIONS);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[][] keys = derive(password, salt, iterations, version);
        try {
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, new AesGcmJce(keys[0]), AD_KEYSET);
            Aead aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
            OwnerVault v = new OwnerVault(file, version, iterations, salt, Keccak256.hash(keys[1]), wrapped, aead, new TreeMap<>());
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
        int version;
        int iterations;
        byte[] salt;
        byte[] checkHash;
        byte[] wrapped;
        byte[] entries;
        try {
            CanonicalReader r = new CanonicalReader(data);
            if (!Arrays.equals(r.bytes(4, "magic"), MAGIC)) throw new DatasetException.Vault(file + " is not a ChainBeasts vault (bad magic)");
            version = r.u8("version");
            if (version != 1 && version != 2) throw new DatasetException.Vault(file + ": vault version " + version + " is not supported");
            int kdf = r.u8("kdf");
            if (kdf != (version == 1 ? KDF_PBKDF2_SHA256 : KDF_PBKDF2_SHA256_HMAC)) {
                throw new DatasetException.Vault(file + ": unknown KDF " + kdf + " for vault version " + version);
            }
            iterations = r.i32("iterations");
            if (iterations < MIN_ITERATIONS || iterations > 100_000_000) {
                throw new DatasetException.Vault(file + ": KDF iteration count " + Integer.toUnsignedString(iterations) + " is outside "
                        + MIN_ITERATIONS + "..100000000 (file damaged or tampered with)");
            }
            salt = r.bytes(16, "salt");
            checkHash = r.bytes(32, "password check");
            if (version >= 2 && !Arrays.equals(r.bytes(32, "header checksum"), Keccak256.hash(Arrays.copyOf(data, HEADER_BYTES)))) {
                throw new DatasetException.Vault(file + " is corrupt: its header checksum does not match (salt, iteration count or password check damaged)");
            }
            wrapped = r.bytes(length(r, "keyset length"), "keyset");
            entries = r.bytes(length(r, "entries length"), "entries");
            r.end("vault");
        } catch (DecodeException e) {
            throw new DatasetException.Vault(file + " is corrupt: " + e.getMessage());
        }
        checkPassword(password);
        byte[][] keys = derive(password, salt, iterations, version);
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
            return new OwnerVault(file, version, iterations, salt, checkHash, wrapped, aead, secrets);
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

    /** The header bytes a version 2 checksum covers: magic, version, kdf, iterations, salt, password check. */
    static final int HEADER_BYTES = 4 + 1 + 1 + 4 + 16 + 32;

    /**
     * {KEK (32 B), password check (32 B)} from the password. Version 2: one PBKDF2-HMAC-SHA256 block
     * {@code prk}, then {@code HMAC-SHA256(prk, label)} for each; version 1: a 64-byte PBKDF2 output split
     * in two (two independent blocks, so a guesser could test the second alone for half the owner's work).
     */
    static byte[][] derive(char[] password, byte[] salt, int iterations, int version) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, version == 1 ? 512 : 256);
        try {
            byte[] out = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            byte[][] keys = version == 1 ? new byte[][] {Arrays.copyOfRange(out, 0, 32), Arrays.copyOfRange(out, 32, 64)}
                    : new byte[][] {expand(out, "chainbeasts-vault-v2 kek"), expand(out, "chainbeasts-vault-v2 password check")};
            Arrays.fill(out, (byte) 0);
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] expand(byte[] prk, String label) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(prk, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
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
        w.bytes(MAGIC).u8(version).u8(version == 1 ? KDF_PBKDF2_SHA256 : KDF_PBKDF2_SHA256_HMAC).i32(iterations).bytes(salt).bytes32(checkHash);
        if (version >= 2) w.bytes32(Keccak256.hash(Arrays.copyOf(w.toByteArray(), HEADER_BYTES)));
        w.i32(encryptedKeyset.length).bytes(encryptedKeyset).i32(ct.length).bytes(ct);
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
        if (s == null) throw new DatasetException.Vault("no entry '" + beastId + "' in " + file + " (`vault list` shows its entries)");
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
