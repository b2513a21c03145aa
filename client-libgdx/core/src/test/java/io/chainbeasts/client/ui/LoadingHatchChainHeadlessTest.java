package io.chainbeasts.client.ui;

import com.badlogic.gdx.scenes.scene2d.ui.CheckBox;
import io.chainbeasts.checkpoint.BeastStore;
import io.chainbeasts.combat.SeasonConstants;
import io.chainbeasts.core.Keccak256;
import io.chainbeasts.datasets.DatasetFiles;
import io.chainbeasts.datasets.OwnerVault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Through the Stage: the loading screen's probes, a private hatch from the vault, and the Chain screen without a chain. */
class LoadingHatchChainHeadlessTest {
    @Test
    void loadingShowsBothProbesThenTheRoster(@TempDir Path tmp) throws Exception {
        try (HeadlessGame g = new HeadlessGame(tmp.resolve("beasts"), "loading", "roster")) {
            LoadingScreen l = g.game.screen("loading", LoadingScreen.class);
            assertEquals("loading", g.game.currentName());
            g.until("both probes", l::done);
            assertTrue(l.backendText().startsWith("Training runs on ") || l.backendText().startsWith("Training cannot start"), l.backendText());
            assertTrue(l.backendText().contains("(Settings: java"), l.backendText()); // java is the default setting
            assertEquals("No chain configured (Settings: chain file); everything stays local", l.chainText());
            g.until("moved on to the roster", () -> "roster".equals(g.game.currentName()));
        }
    }

    @Test
    void loadingStaysOnAChainProblemUntilContinue(@TempDir Path tmp) throws Exception {
        try (HeadlessGame g = new HeadlessGame(tmp.resolve("beasts"), "roster", "roster")) {
            g.game.settings().chainFile(tmp.resolve("nowhere/chain.json").toString());
            g.game.show("loading");
            LoadingScreen l = g.game.screen("loading", LoadingScreen.class);
            g.until("both probes", l::done);
            assertTrue(l.chainText().startsWith("Chain file: " + tmp.resolve("nowhere/chain.json") + " does not exist"), l.chainText());
            for (int i = 0; i < 20; i++) {
                Thread.sleep(100);
                g.frame();
            }
            assertEquals("loading", g.game.currentName(), "a problem stays up");
            g.click("continue");
            assertEquals("roster", g.game.currentName());
        }
    }

    @Test
    void privateHatchFromTheVaultThroughTheForm(@TempDir Path tmp) throws Exception {
        Path zst = tmp.resolve("coach.zst");
        var packed = DatasetFiles.pack(Path.of("../../examples/battle_samples.csv"), zst, false, SeasonConstants.DEFAULT);
        Path beasts = tmp.resolve("beasts");
        Path vault = tmp.resolve("owner.vault");
        try (HeadlessGame g = new HeadlessGame(beasts, "hatch")) {
            g.game.settings().vaultFile(vault.toString());
            g.type("seed-core", "0x5eed");
            g.type("beast-name", "vaulted");
            g.type("dataset", zst.toString());
            g.type("secret", "vault:vaulted");
            g.click("hatch");
            assertEquals("Vault password: type it (or set CHAINBEASTS_VAULT_PASSWORD).", g.game.current().statusText());
            assertFalse(Files.exists(beasts.resolve("vaulted")));
            g.type("vault-password", "pw-1234");
            g.click("hatch");
            HatchScreen h = g.game.screen("hatch", HatchScreen.class);
            g.until("hatched", () -> h.hatched() != null);
            BeastStore.Identity id = BeastStore.open(beasts.resolve("vaulted")).identity();
            assertArrayEquals(packed.commitment(), id.datasetCommitment());
            assertArrayEquals(Keccak256.hash(OwnerVault.open(vault, "pw-1234".toCharArray()).secret("vaulted")), id.secretCommitment());

            // mint without a chain configured: one sentence, nothing made
            g.type("beast-name", "minted");
            ((com.badlogic.gdx.scenes.scene2d.ui.TextField) g.find("dataset")).setText("");
            ((com.badlogic.gdx.scenes.scene2d.ui.TextField) g.find("secret")).setText("");
            assertEquals("", ((com.badlogic.gdx.scenes.scene2d.ui.TextField) g.find("vault-password")).getText(), "the password is not kept");
            ((CheckBox) g.find("mint")).setChecked(true);
            g.click("hatch");
            assertEquals("Mint: no chain configured; set the chain file in Settings.", g.game.current().statusText());
            assertFalse(Files.exists(beasts.resolve("minted")));
        }
    }

    @Test
    void chainScreenWithoutAChainSaysSoInOneSentence(@TempDir Path tmp) throws Exception {
        Path beasts = tmp.resolve("beasts");
        io.chainbeasts.client.model.HatchModel.hatch(beasts, "plain", "7");
        try (HeadlessGame g = new HeadlessGame(beasts, "roster")) {
            RosterScreen r = g.game.screen("roster", RosterScreen.class);
            assertEquals("local", ScreensHeadlessTest.text(g, "chain-plain"));
            g.click("nav-chain");
            assertTrue(ScreensHeadlessTest.text(g, "chain-connection").startsWith("No chain configured"));
            assertTrue(((com.badlogic.gdx.scenes.scene2d.ui.TextButton) g.find("chain-submit")).isDisabled(), "nothing to submit to");
            g.click("chain-submit");
            assertEquals("no chain configured", g.game.current().statusText());
            g.game.settings().chainFile(tmp.resolve("gone.json").toString());
            g.click("chain-refresh");
            ChainScreen c = g.game.screen("chain", ChainScreen.class);
            g.until("the read fails", () -> !c.busy());
            String s = g.game.current().statusText();
            assertTrue(s.startsWith("Chain file: " + tmp.resolve("gone.json") + " does not exist"), s);
            assertFalse(s.contains("\n") || s.contains("Exception"), s);
            assertFalse(r.chainPending());
        }
    }
}
