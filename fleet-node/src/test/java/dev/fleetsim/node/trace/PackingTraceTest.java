package dev.fleetsim.node.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.node.fleet.VmPlan;
import dev.fleetsim.node.study.StudyException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackingTraceTest {

    private static final long S = 1_000_000_000L;
    private static final long DAY = 86_400 * S;
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    /** A packing trace of the given vm rows over two VM types on machines 7 and 9. */
    private void packing(String vmRows) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("trace.sqlite"));
             Statement s = db.createStatement()) {
            s.execute("CREATE TABLE vm (vmId INTEGER, tenantId INTEGER, vmTypeId INTEGER, priority INTEGER, "
                    + "starttime REAL, endtime REAL)");
            s.execute("CREATE TABLE vmType (id INTEGER, vmTypeId INTEGER, machineId INTEGER, core REAL, "
                    + "memory REAL, hdd REAL, ssd REAL, nic REAL)");
            s.execute("INSERT INTO vmType VALUES (1, 100, 9, 0.25, 0.125, 0, 0, 0), (2, 100, 7, 0.5, 0.25, 0, 0, 0),"
                    + " (3, 200, 9, 0.0625, 0.01, 0, 0, 0)");
            if (!vmRows.isEmpty()) {
                s.execute("INSERT INTO vm VALUES " + vmRows);
            }
        }
    }

    private List<VmPlan> fleet(String machine, String more) {
        return TraceFiles.fleet(TraceFiles.study(dir, "format = azure-packing-2020, file = trace.sqlite, machine { "
                + machine + " }", more));
    }

    @Test
    void fractionsOfTheStudysMachineNegativeStartsAndNullEndsAreRead() throws SQLException {
        packing("(1, 5, 100, 0, 0.5, 1.5), (2, 5, 200, 1, -3.0, 1.0), (3, 6, 100, 0, 1.0, NULL)");
        List<VmPlan> fleet = fleet("id = 9, cores = 64, memory = 512G", "");
        assertEquals(3, fleet.size());
        VmPlan alive = fleet.get(0);
        assertEquals(List.of(0L, DAY, 4, (long) Math.ceil(0.01 * 512 * 1024 / 2) * 2 << 20),
                List.of(alive.arrivalNanos(), alive.lifetimeNanos(), alive.vcpus(), alive.memoryBytes()),
                "alive when collection began: boots at 0 with the day it had left");
        assertEquals(List.of(DAY / 2, DAY, 16, 64 * GIB), List.of(fleet.get(1).arrivalNanos(),
                fleet.get(1).lifetimeNanos(), fleet.get(1).vcpus(), fleet.get(1).memoryBytes()));
        assertEquals(DAY, fleet.get(2).arrivalNanos());
        assertTrue(fleet.get(2).lifetimeNanos() > 1000 * DAY, "a NULL end lives past any study");
        assertEquals(2, fleet("id = 9, cores = 64, memory = 512G", "arrival.alive-at-start = skip").size());
    }

    @Test
    void withoutAMachineIdEachTypeReadsItsLowestMachine() throws SQLException {
        packing("(1, 5, 100, 0, 0.5, 1.5)");
        VmPlan vm = fleet("id = -1, cores = 64, memory = 512G", "").get(0);
        assertEquals(List.of(32, 128 * GIB), List.of(vm.vcpus(), vm.memoryBytes()), "machine 7's row");
    }

    @Test
    void badRowsAreNamedByTheirVmIdWhenTheStudyLoads() throws SQLException {
        packing("(1, 5, 100, 0, 0.5, 1.5), (2, 5, 100, 0, 2.0, 1.0)");
        StudyException e = assertThrows(StudyException.class, () -> fleet("id = 9, cores = 64, memory = 512G", ""));
        assertEquals(dir.resolve("trace.sqlite") + ": vm vmId 2: arrival.file: endtime 1.0 is not after "
                + "starttime 2.0 (NULL for a VM still alive)", e.getMessage());
    }

    @Test
    void aVmTypeMissingOnTheMachineIsNamed() throws SQLException {
        packing("(1, 5, 200, 0, 0.5, 1.5)");
        StudyException e = assertThrows(StudyException.class, () -> fleet("id = 7, cores = 64, memory = 512G", ""));
        assertEquals(dir.resolve("trace.sqlite") + ": vm vmId 1: arrival.file: vmTypeId 200 has no vmType row on "
                + "the machine arrival.machine.id names", e.getMessage());
    }

    @Test
    void aFileThatIsNotAPackingTraceIsRefusedAndNotCreated() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("trace.sqlite"), "not a database");
        StudyException e = assertThrows(StudyException.class, () -> fleet("id = 9, cores = 64, memory = 512G", ""));
        assertTrue(e.getMessage().startsWith(dir.resolve("trace.sqlite") + ": arrival.file: not an Azure packing "
                + "trace"), e.getMessage());
    }

    @Test
    void textOrAFractionWhereTheTraceHasNumbersIsRefusedNotReadAsZero() throws SQLException, java.io.IOException {
        List<String[]> cases = List.of(
                new String[] {"(1, 5, 100, 0, 'abc', 1.5)", "vm vmId 1: arrival.file: starttime 'abc' is not a "
                        + "number"},
                new String[] {"(1, 5, 100.5, 0, 0.5, 1.5)", "vm vmId 1: arrival.file: vmTypeId 100.5 is not a "
                        + "whole number"},
                new String[] {"(1, 5, 'NaN', 0, 0.5, 1.5)", "vm vmId 1: arrival.file: vmTypeId 'NaN' is not a "
                        + "whole number"},
                new String[] {"(NULL, 5, 100, 0, 0.5, 1.5)", "vm: arrival.file: vmId NULL is not a whole number"},
                new String[] {"(1, 5, 100, 0, 0.5, x'00')", "vm vmId 1: arrival.file: endtime (a blob) is not a "
                        + "number"});
        for (String[] c : cases) {
            java.nio.file.Files.deleteIfExists(dir.resolve("trace.sqlite"));
            packing(c[0]);
            StudyException e = assertThrows(StudyException.class, () -> fleet("id = 9, cores = 64, memory = 512G",
                    ""));
            assertEquals(dir.resolve("trace.sqlite") + ": " + c[1], e.getMessage());
        }
    }

    @Test
    void anEmptyVmTableIsRefused() throws SQLException {
        packing("");
        StudyException e = assertThrows(StudyException.class, () -> fleet("id = 9, cores = 64, memory = 512G", ""));
        assertEquals(dir.resolve("trace.sqlite") + ": arrival.file: no VMs in the trace (expected a row per VM in "
                + "table vm(" + PackingTraceReader.VM_COLUMNS + "))", e.getMessage());
    }
}
