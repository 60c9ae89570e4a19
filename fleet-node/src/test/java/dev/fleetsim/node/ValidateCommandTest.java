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
        assertEquals(6, rows.size(), r.out());
        assertTrue(rows.get(0).matches("seed-4g\\s+boot_ratio\\s+tdx 4G 1vCPU lazy\\s+2\\.5000\\s+2\\.5000\\s+0\\.0%"),
                rows.get(0));
        assertTrue(rows.get(5).startsWith("example-drain") && rows.get(5).contains(" w8 ")
                && rows.get(5).endsWith("%"), rows.get(5));
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
}
