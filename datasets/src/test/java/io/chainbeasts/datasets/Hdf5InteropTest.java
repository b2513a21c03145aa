package io.chainbeasts.datasets;

import io.chainbeasts.combat.SeasonConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HDF5 we write is read by the real tools (h5dump, h5py) and agrees with the CSV it came from. */
class Hdf5InteropTest {
    @TempDir
    Path tmp;

    Path convertExample() {
        Path h5 = tmp.resolve("battle.h5");
        DatasetFiles.convert(ExampleCsvTest.exampleCsv(), h5, false, SeasonConstants.DEFAULT);
        return h5;
    }

    static long[] ints(String text) {
        Matcher m = Pattern.compile("-?[0-9]+").matcher(text);
        List<Long> out = new ArrayList<>();
        while (m.find()) out.add(Long.parseLong(m.group()));
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    void h5dumpSeesTheDocumentedLayoutAndTheCsvValues() throws Exception {
        ExternalTools.requireExecutable("h5dump");
        Path h5 = convertExample();
        List<BattleRecord> csv = CsvFormat.readRecords(ExampleCsvTest.exampleCsv(), SeasonConstants.DEFAULT);
        int n = csv.size();
        String header = ExternalTools.run(0, List.of("h5dump", "-H", h5.toString()));
        String[][] expected = {
                {"tiles", "H5T_STD_U8LE", "( " + n + ", 81 )"},
                {"self", "H5T_STD_I32LE", "( " + n + ", 8 )"},
                {"enemy", "H5T_STD_I32LE", "( " + n + ", 8 )"},
                {"battle_seed", "H5T_STD_I64LE", "( " + n + " )"},
                {"turn", "H5T_STD_I32LE", "( " + n + " )"},
                {"side", "H5T_STD_I32LE", "( " + n + " )"},
                {"action", "H5T_STD_I32LE", "( " + n + ", 3 )"},
                {"outcome", "H5T_STD_I32LE", "( " + n + " )"},
        };
        for (String[] e : expected) {
            Matcher m = Pattern.compile("DATASET \"" + e[0] + "\" \\{\\s*DATATYPE\\s+(\\S+)\\s*DATASPACE\\s+SIMPLE \\{ (\\([^)]*\\))").matcher(header);
            assertTrue(m.find(), "h5dump shows no dataset " + e[0] + ":\n" + header);
            assertEquals(e[1], m.group(1), e[0] + " dtype");
            assertEquals(e[2], m.group(2), e[0] + " shape");
        }
        assertTrue(header.contains("ATTRIBUTE \"format\""), header);

        long[] self = dump(h5, "/boards/self");
        long[] tiles = dump(h5, "/boards/tiles");
        long[] seeds = dump(h5, "/samples/battle_seed");
        long[] actions = dump(h5, "/samples/action");
        long[] outcomes = dump(h5, "/samples/outcome");
        assertEquals(8L * n, self.length);
        assertEquals(81L * n, tiles.length);
        for (int i = 0; i < n; i++) {
            BattleRecord r = csv.get(i);
            var f = r.board().self();
            long[] row = {f.x(), f.y(), f.hp(), f.stamina(), f.attack(), f.defense(), f.tempDef(), f.lastAction()};
            for (int c = 0; c < 8; c++) assertEquals(row[c], self[8 * i + c], "self row " + i + " col " + c);
            byte[] t = r.board().arena().tiles();
            for (int c = 0; c < 81; c++) assertEquals(t[c], tiles[81 * i + c], "tiles row " + i);
            assertEquals(r.battleSeed(), seeds[i]);
            assertEquals(r.action().kind(), actions[3 * i]);
            assertEquals(r.action().dir(), actions[3 * i + 1]);
            assertEquals(r.action().power(), actions[3 * i + 2]);
            assertEquals(r.outcome(), outcomes[i]);
        }
    }

    private long[] dump(Path h5, String dataset) throws Exception {
        Path out = tmp.resolve(dataset.replace('/', '_') + ".txt");
        ExternalTools.run(0, List.of("h5dump", "-d", dataset, "-y", "-w", "0", "-o", out.toString(), h5.toString()));
        return ints(Files.readString(out));
    }

    /** h5py rebuilds the CSV from the HDF5 alone; it must equal the committed CSV byte for byte. */
    @Test
    void h5pyRebuildsTheCsvByteForByte() throws Exception {
        ExternalTools.requirePythonModule("h5py");
        Path h5 = convertExample();
        Path script = tmp.resolve("h5_to_csv.py");
        Files.writeString(script, String.join("\n",
                "import sys, h5py",
                "KINDS = ['REST', 'MOVE', 'ATTACK', 'BLOCK', 'RECOVER']",
                "DIRS = {0: 'N', 1: 'S', 2: 'E', 3: 'W', 255: '-'}",
                "OUT = {1: 'win', 0: 'draw', -1: 'loss'}",
                "GLYPH = '.#~'",
                "f = h5py.File(sys.argv[1], 'r')",
                "fmt = f.attrs['format']",
                "fmt = fmt.decode() if isinstance(fmt, bytes) else fmt",
                "assert fmt == 'chainbeasts-battle-samples', fmt",
                "assert int(f.attrs['version']) == 1",
                "w, h = int(f.attrs['arena_width']), int(f.attrs['arena_height'])",
                "tiles, me, en = f['boards/tiles'], f['boards/self'], f['boards/enemy']",
                "assert str(tiles.dtype) == 'uint8' and str(me.dtype) == 'int32' and str(f['samples/battle_seed'].dtype) == 'int64'",
                "seed, turn, side = f['samples/battle_seed'][:], f['samples/turn'][:], f['samples/side'][:]",
                "act, out = f['samples/action'][:], f['samples/outcome'][:]",
                "T, S, E = tiles[:], me[:], en[:]",
                "cols = ['x','y','hp','stamina','attack','defense','temp_def','last_action']",
                "hdr = ['battle_seed','turn','side','arena'] + ['self_'+c for c in cols] + ['enemy_'+c for c in cols]"
                        + " + ['action_kind','action_dir','action_power','outcome']",
                "lines = [','.join(hdr)]",
                "def fighter(r): return [str(int(v)) for v in r[:7]] + [KINDS[int(r[7])]]",
                "for i in range(T.shape[0]):",
                "    arena = '|'.join(''.join(GLYPH[int(T[i][y*w+x])] for x in range(w)) for y in range(h))",
                "    row = ['0x%016x' % (int(seed[i]) & 0xFFFFFFFFFFFFFFFF), str(int(turn[i])), 'AB'[int(side[i])], arena]",
                "    row += fighter(S[i]) + fighter(E[i])",
                "    row += [KINDS[int(act[i][0])], DIRS[int(act[i][1])], str(int(act[i][2])), OUT[int(out[i])]]",
                "    lines.append(','.join(row))",
                "sys.stdout.write('\\n'.join(lines) + '\\n')",
                ""));
        String rebuilt = ExternalTools.run(0, List.of("/usr/bin/python3", script.toString(), h5.toString()));
        String csv = Files.readString(ExampleCsvTest.exampleCsv(), StandardCharsets.UTF_8);
        assertEquals(csv, rebuilt);
    }
}
