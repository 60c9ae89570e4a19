package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FleetsimCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute("validate", file.toString()), out.toString(), err.toString());
    }

    @Test
    void printsOneRowPerMeasurementWithItsError() {
        Run r = run(Path.of("..", "config", "validation", "example.csv"));
        assertEquals(0, r.status(), r.err());
        List<String> rows = r.out().lines().skip(1).toList();
        assertEquals(8, rows.size(), r.out());
        assertTrue(rows.get(0).matches("seed-4g\\s+boot_ratio\\s+tdx 4G 1vCPU lazy\\s+2\\.5\\s+2\\.\\d+\\s+-?\\d\\.\\d%"),
                rows.get(0));
        assertTrue(rows.get(5).matches("example-exit\\s+exit_us\\s+.* w32\\s+20-40\\s+[0-9.]+\\s+[-0-9.]+%"),
                rows.get(5));
        assertTrue(rows.get(7).startsWith("example-drain") && rows.get(7).contains(" w8 ")
                && rows.get(7).endsWith("%"), rows.get(7));
    }

    @Test
    void malformedRowExitsWithTwoNamingTheLine() throws Exception {
        Path file = dir.resolve("m.csv");
        Files.writeString(file, "id,kind,platform,memory,vcpus,policy,baseline,host_mapping,value,source,"
                + "assumptions,workers\nx,drain_seconds,tdx,16G,8,lazy,,4K,20,s,a,\n");
        Run r = run(file);
        assertEquals(2, r.status());
        assertEquals("fleetsim validate: " + file + ":2: measurement x: drain_seconds needs workers >= 1",
                r.err().strip());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
        no vcpus      | x,boot_seconds,tdx,4G,0,lazy,,4K,2.5,s,a   | m.csv:2: column vcpus: '0' is out of range; allowed 1..1024
        half a vcpu   | x,boot_seconds,tdx,4G,1.5,lazy,,4K,2.5,s,a | m.csv:2: column vcpus: '1.5' is not a whole number; allowed 1..1024
        no memory     | x,boot_seconds,tdx,0,1,lazy,,4K,2.5,s,a    | m.csv:2: column memory: '0': must be a multiple of 2M, at least 128M and at most 8T
        NaN value     | x,boot_seconds,tdx,4G,1,lazy,,4K,NaN,s,a   | m.csv:2: column value: must be > 0 and finite, was NaN
        infinite      | x,boot_seconds,tdx,4G,1,lazy,,4K,Infinity,s,a | m.csv:2: column value: must be > 0 and finite, was Infinity
        negative      | x,boot_seconds,tdx,4G,1,lazy,,4K,-1,s,a    | m.csv:2: column value: must be > 0 and finite, was -1
        """)
    void badCellExitsWithTwoNamingTheLineAndColumn(String name, String row, String expected) throws Exception {
        Path file = dir.resolve("m.csv");
        Files.writeString(file, "id,kind,platform,memory,vcpus,policy,baseline,host_mapping,value,source,"
                + "assumptions\n" + row + "\n");
        Run r = run(file);
        assertEquals(2, r.status(), r.err());
        assertEquals("fleetsim validate: " + expected, r.err().strip().replace(file.toString(), "m.csv"));
    }

    @Test
    void aLatin1FileIsOneLineSayingItIsNotUtf8() throws java.io.IOException {
        Path file = dir.resolve("latin1.csv");
        java.nio.file.Files.write(file, "name,kind\ncaf\u00e9,boot_ratio\n".getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1));
        Run r = run(file);
        assertEquals(2, r.status(), r.err());
        assertEquals("fleetsim validate: " + file + ": cannot read it: not UTF-8 text (Input length = 1); save it "
                + "as UTF-8, not UTF-16 or Latin-1", r.err().strip());
    }
}
