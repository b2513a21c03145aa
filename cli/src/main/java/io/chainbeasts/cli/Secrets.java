package io.chainbeasts.cli;

import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.core.Hex;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.datasets.DatasetException;
import io.chainbeasts.datasets.SecretFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** Owner secret files (one line of 64 hex digits, optionally 0x): read through datasets' SecretFile, created readable by the owner only. */
final class Secrets {
    private Secrets() {}

    /** Reads an owner secret file (datasets' {@code SecretFile}); problems become one-line user errors. */
    static byte[] read(Path file) {
        try {
            return SecretFile.read(file);
        } catch (DatasetException e) {
            throw new UserError("--secret: " + e.getMessage());
        }
    }

    /**
     * The one secret check: reads {@code file} and returns S_owner when {@code keccak256(S_owner)} is the secret commitment
     * the beast {@code dir} was hatched with; otherwise one line saying which (a private beast without a commitment, or
     * the wrong secret, with both hashes).
     */
    static byte[] checked(Path file, BeastStore.Identity id, Path dir) {
        if (java.util.Arrays.equals(id.secretCommitment(), new byte[32])) {
            throw new UserError(dir.resolve("beast.json") + ": a private beast with no secret commitment; no secret can be checked against it");
        }
        byte[] s = read(file);
        byte[] sc = Keccak256.hash(s);
        if (!java.util.Arrays.equals(sc, id.secretCommitment())) {
            throw new UserError("--secret: " + file + ": keccak256(S_owner) 0x" + Hex.of(sc) + " is not the secret commitment 0x"
                    + Hex.of(id.secretCommitment()) + " that " + dir + " was hatched with (wrong secret)");
        }
        return s;
    }

    /** Creates a fresh random secret file (mode 600, datasets' {@code SecretFile}); refuses to overwrite. */
    static byte[] create(Path file) {
        if (Files.exists(file)) throw new UserError("--new-secret: " + file + " already exists; refusing to overwrite a secret");
        byte[] s = new byte[32];
        new SecureRandom().nextBytes(s);
        try {
            SecretFile.create(file, s);
        } catch (DatasetException e) {
            throw new UserError("--new-secret: " + e.getMessage());
        }
        System.out.println("  owner secret written to " + file + " (readable by you only): back it up somewhere safe; without it this beast "
                + "can neither train on its dataset nor answer a dispute, and anyone holding it can predict its private samples");
        Path repo = gitWorkTree(file);
        if (repo != null) {
            System.out.println("  note: " + file + " is inside the git work tree " + repo + "; keep secrets outside it (e.g. ~/.chainbeasts/)"
                    + " or make sure git ignores it (ChainBeasts' own .gitignore ignores *.secret)");
        }
        return s;
    }

    /** The git work tree holding {@code file}, or null. */
    static Path gitWorkTree(Path file) {
        for (Path p = file.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) return p;
        }
        return null;
    }
}
