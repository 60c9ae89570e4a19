package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** `fleetsim run BAD.conf` exits with status 2 and one line naming the file, the key and what is allowed. */
class BadStudyTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown key          | vmz = 10                                  | bad.conf: vmz: unknown key; allowed: arrival, compare-to, duration,
        unknown nested key   | hosts.memroy = 1T                         | bad.conf: hosts.memroy: unknown key; allowed under hosts: cores, count, memory, on-overcommit, overcommit
        wrong type           | vms = lots                                | bad.conf: vms: has type STRING rather than NUMBER
        out of range         | vms = 0                                   | bad.conf: vms: 0 is out of range: allowed 1..100000000
        bad policy           | policy = slow                             | bad.conf: policy: policy 'slow': allowed eager, eager-firmware, lazy
        bad platform         | platform = sgx                            | bad.conf: platform: 'sgx': allowed tdx, sev-snp, plain
        bad host mapping     | host-mapping = 1G                         | bad.conf: host-mapping: allowed 4K, 2M
        bad arrival          | arrival.process = burst                   | bad.conf: arrival.process: 'burst': allowed storm, poisson, trace
        missing trace        | arrival { process = trace, file = x.csv } | bad.conf: arrival.file: no such trace file
        window too long      | window = 7h                               | bad.conf: window: must not be longer than duration
        fraction too big     | workload.touched-fraction = 1.5           | bad.conf: workload.touched-fraction: 1.5 is out of range: allowed 0.0..1.0
        bad class memory     | vm-classes = [{ name = a, memory = 100M, vcpus = 1, weight = 1 }] | bad.conf: vm-classes[0].memory: must be a multiple of 2M, at least 128M and at most 8T
        huge class memory    | vm-classes = [{ name = a, memory = 9T, vcpus = 1, weight = 1 }] | bad.conf: vm-classes[0].memory: must be a multiple of 2M, at least 128M and at most 8T
        unknown class key    | vm-classes = [{ name = a, memory = 2G, cpus = 1, weight = 1 }]   | bad.conf: vm-classes[0].cpus: unknown key; allowed: memory, memory-map, name, vcpus, weight
        bad unit size        | guest.unit-size = 3M                      | bad.conf: guest.unit-size: must be a power of two from 4K to 1G
        scenario unknown key | scenarios = [{ name = a, polcy = lazy }]  | bad.conf: scenarios[0].polcy: unknown key; allowed: arrival, compare-to,
        unnamed scenario     | scenarios = [{ policy = lazy }]           | bad.conf: scenarios[0]: a scenario needs a name
        bad compare-to       | scenarios = [{ name = a, compare-to = b }] | bad.conf: scenario 'a': compare-to: no scenario 'b'; scenarios: a
        syntax error         | vms = {                                   | bad.conf: not valid HOCON:
        axis on unknown key  | matrix.axes = [{ key = hosts.memroy, values = [1T] }] | bad.conf: matrix.axes[0].key: 'hosts.memroy' is not a key an axis can vary
        axis on fixed key    | matrix.axes = [{ key = seed, values = [1, 2] }]       | bad.conf: matrix.axes[0].key: 'seed' is not a key an axis can vary
        axis on a section    | matrix.axes = [{ key = hosts, values = [1] }]         | bad.conf: matrix.axes[0].key: 'hosts' is not a key an axis can vary
        axis twice           | matrix.axes = [{ key = policy, values = [lazy] }, { key = policy, values = [eager] }] | bad.conf: matrix.axes[1].key: 'policy' is already an axis
        axis without values  | matrix.axes = [{ key = policy, values = [] }]         | bad.conf: matrix.axes[0].values: needs at least one value
        axis unknown field   | matrix.axes = [{ key = policy, value = [lazy] }]      | bad.conf: matrix.axes[0].value: unknown key; allowed: key, values
        bad axis value       | matrix.axes = [{ key = platform, values = [tdx, snp] }] | bad.conf: scenario 'eager[platform=snp]': platform: 'snp': allowed tdx, sev-snp, plain
        scenario sets axis   | matrix.axes = [{ key = policy, values = [lazy] }], scenarios = [{ name = a, policy = eager }] | bad.conf: scenarios[0].policy: is a matrix axis; a scenario must not set it too
        scenario sets matrix | scenarios = [{ name = a, matrix.replications = 2 }] | bad.conf: scenarios[0].matrix.replications: unknown key
        no replications      | matrix.replications = 0                   | bad.conf: matrix.replications: 0 is out of range: allowed 1..10000
        seed not a number    | seed = abc                                | bad.conf: seed: has type STRING rather than NUMBER
        negative ramp time   | workload.ramp-time = -30m                 | bad.conf: workload.ramp-time: must not be negative, was -30m
        missing include      | include "missing.conf"                    | bad.conf: include "missing.conf": no such file
        missing required     | include required("missing.conf")          | bad.conf: include "missing.conf": no such file
        axis on a bad path   | matrix.axes = [{ key = "hosts..memory", values = [1T] }] | bad.conf: matrix.axes[0].key: 'hosts..memory' is not a key an axis can vary
        scenario name a list | scenarios = [{ name = [1, 2] }]           | bad.conf: scenarios[0].name: must be a string
        name leaves results  | name = "../../x"                          | bad.conf: name: '../../x': allowed letters, digits, '.', '_' and '-'
        fractional vms       | vms = 10.5                                | bad.conf: vms: 10.5 is not a whole number; allowed 1..100000000
        fractional hosts     | hosts.count = 2.5                         | bad.conf: hosts.count: 2.5 is not a whole number
        weights all zero     | vm-classes = [{ name = a, memory = 2G, vcpus = 1, weight = 0 }, { name = b, memory = 4G, vcpus = 1, weight = 0 }] | bad.conf: vm-classes: every weight is 0; at least one class needs a weight > 0
        axis values one name | matrix.axes = [{ key = hosts.overcommit, values = [1.0, 1, 1.5] }] | bad.conf: matrix.axes[0].values: '1' is there twice
        class cannot boot    | vm-classes = [{ name = small, memory = 128M, vcpus = 1024, weight = 1 }] | bad.conf: vm-classes[0]: 'small': 128M with 1024 vCPUs cannot boot: memblock: no 64M of free RAM for an early allocation; give it more memory or fewer vCPUs
        scenario class fails | scenarios = [{ name = a }, { name = b, vm-classes = [{ name = big, memory = 256M, vcpus = 512, weight = 1 }] }] | bad.conf: scenario 'b': vm-classes[0]: 'big': 256M with 512 vCPUs cannot boot
        missing memory map   | vm-classes = [{ name = a, memory-map = none.log, vcpus = 1, weight = 1 }] | bad.conf: vm-classes[0].memory-map: no such memory map file:
        map without efi=debug | vm-classes = [{ name = a, memory-map = bad.conf, vcpus = 1, weight = 1 }] | bad.conf: vm-classes[0].memory-map: 
        map with a trace     | arrival { process = trace, file = t.csv }, vm-classes = [{ name = a, memory-map = x.log, vcpus = 1, weight = 1 }] | bad.conf: vm-classes[0].memory-map: a trace gives each VM its own size
        class named twice    | vm-classes = [{ name = a, memory = 2G, vcpus = 1, weight = 1 }, { name = a, memory = 4G, vcpus = 1, weight = 1 }] | bad.conf: vm-classes[1].name: 'a' is also the name of vm-classes[0]
        endless duration     | duration = 200000d                        | bad.conf: duration: 200000d in windows of 60s is more than 1000000 windows, the most a run may have
        too many hosts       | hosts.count = 10000000                    | bad.conf: hosts.count: 10000000 is out of range: allowed 1..100000
        empty study          | # nothing but a comment                   | bad.conf: the study file sets nothing; a study needs at least a name
        """)
    void badStudyExitsWithTwoAndNamesTheKey(String name, String content, String expected) throws Exception {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, content + "\n");
        StringWriter err = new StringWriter();
        CommandLine cli = FleetsimCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int status = cli.execute("run", file.toString(), "--engine", "sequential", "--out", dir.resolve("out").toString());
        assertEquals(2, status, err.toString());
        String message = err.toString().replace(file.toString(), "bad.conf");
        assertEquals(1, message.lines().count(), message);
        assertEquals(true, message.startsWith("fleetsim run: " + expected), message);
        assertFalse(message.contains("Exception"), message);
    }

    private int runAndCaptureErr(StringWriter err, String... args) {
        CommandLine cli = FleetsimCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    @Test
    void missingStudyFileExitsWithTwo() {
        StringWriter err = new StringWriter();
        Path missing = dir.resolve("nowhere.conf");
        assertEquals(2, runAndCaptureErr(err, "run", missing.toString()));
        assertEquals("fleetsim run: " + missing + ": no such study file", err.toString().strip());
    }

    @Test
    void folderGivenAsStudyExitsWithTwo() {
        StringWriter err = new StringWriter();
        assertEquals(2, runAndCaptureErr(err, "run", dir.toString()));
        assertEquals("fleetsim run: " + dir + ": is a folder; expected a study file (HOCON)", err.toString().strip());
    }

    @Test
    void zeroVmsFlagExitsWithTwo() throws Exception {
        Files.writeString(dir.resolve("ok.conf"), "vms = 1\n");
        StringWriter err = new StringWriter();
        assertEquals(2, runAndCaptureErr(err, "run", dir.resolve("ok.conf").toString(), "--vms=0", "--engine",
                "sequential"));
        assertEquals("fleetsim run: --vms must be >= 1, was 0", err.toString().strip());
    }
}
