package io.chainbeasts.client.model;

import io.chainbeasts.datasets.DatasetException;
import io.chainbeasts.datasets.OwnerVault;
import io.chainbeasts.datasets.SecretFile;
import io.chainbeasts.datasets.VaultFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

/**
 * Where a private beast's owner secret S_owner comes from: a secret file (as {@code hatch --secret/--new-secret}),
 * or an entry of the owner vault (as {@code vault new/export --name}). At hatch a missing one is created (a new
 * file, a new vault, a new entry); nothing existing is ever replaced.
 */
public sealed interface SecretSource {
    /** The prefix that names a vault entry in a secret field: {@code vault:NAME}. */
    String VAULT_PREFIX = "vault:";

    /**
     * A secret field as the Hatch and Train screens take it: empty (none), a secret file's path, or
     * {@code vault:NAME} for the entry NAME of {@code vaultFile}, opened with {@code password} (else the environment's).
     */
    static SecretSource parse(String text, Path vaultFile, String password, Map<String, String> env) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) return null;
        if (t.startsWith(VAULT_PREFIX)) return new Vault(vaultFile, t.substring(VAULT_PREFIX.length()), Vault.password(password, env));
        try {
            return new File(Path.of(t));
        } catch (java.nio.file.InvalidPathException e) {
            throw new ClientError("Secret: '" + t + "' is not a valid path (or vault:NAME for a vault entry)");
        }
    }

    /** S_owner for a new beast: read when it exists, else created. */
    byte[] forHatch();

    /** S_owner of a hatched beast: it must exist. */
    byte[] read();

    /** Where it is, for messages. */
    String describe();

    record File(Path path) implements SecretSource {
        @Override
        public byte[] forHatch() {
            if (Files.exists(path)) return read();
            byte[] s = new byte[OwnerVault.SECRET_BYTES];
            new SecureRandom().nextBytes(s);
            try {
                SecretFile.create(path, s);
            } catch (DatasetException e) {
                throw new ClientError("Secret: " + e.getMessage());
            }
            return s;
        }

        @Override
        public byte[] read() {
            try {
                return SecretFile.read(path);
            } catch (DatasetException e) {
                throw new ClientError("Secret: " + e.getMessage());
            }
        }

        @Override
        public String describe() {
            return path.toString();
        }
    }

    /** An entry of the owner vault; the password as typed, else {@value VaultFiles#PASSWORD_ENV}. */
    record Vault(Path vault, String entry, char[] password) implements SecretSource {
        public Vault {
            if (entry == null || entry.isBlank()) throw new ClientError("Vault entry: type the entry's name (e.g. the beast's folder name)");
            entry = entry.strip();
        }

        /** The typed password, or the environment's when none was typed. */
        public static char[] password(String typed, Map<String, String> env) {
            if (typed != null && !typed.isEmpty()) return typed.toCharArray();
            String v = env.get(VaultFiles.PASSWORD_ENV);
            if (v != null && !v.isEmpty()) return v.toCharArray();
            throw new ClientError("Vault password: type it (or set " + VaultFiles.PASSWORD_ENV + ")");
        }

        @Override
        public byte[] forHatch() {
            try {
                if (!Files.exists(vault)) VaultFiles.init(vault, password);
                OwnerVault v = OwnerVault.open(vault, password);
                if (!v.beasts().contains(entry)) VaultFiles.newSecret(vault, password, entry);
                return OwnerVault.open(vault, password).secret(entry);
            } catch (DatasetException e) {
                throw new ClientError("Vault: " + e.getMessage());
            }
        }

        @Override
        public byte[] read() {
            try {
                return OwnerVault.open(vault, password).secret(entry);
            } catch (DatasetException e) {
                throw new ClientError("Vault: " + e.getMessage());
            }
        }

        @Override
        public String describe() {
            return "entry '" + entry + "' of the vault " + vault;
        }
    }
}
