package dev.fleetsim.node.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.guest.EfiMemoryMap;
import dev.fleetsim.guest.EfiMemoryType;
import dev.fleetsim.guest.GuestAssignment;
import dev.fleetsim.guest.KernelLogMemoryMap;
import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.engine.Scenarios;
import dev.fleetsim.node.engine.SequentialEngine;
import dev.fleetsim.node.fleet.FleetGenerator;
import dev.fleetsim.node.fleet.VmPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A VM class's {@code memory-map}: a real guest's efi=debug log, read at load, is what its VMs boot with. */
class VmClassMemoryMapTest {

    private static final Path LOG = Path.of("..", "config", "memory-maps", "tdx-4g-efi-debug.log");

    @TempDir
    Path dir;

    private StudyLoader.Study prepareStudy(String classes) throws Exception {
        Files.createDirectories(dir.resolve("maps"));
        Files.copy(LOG, dir.resolve("maps/guest.log"));
        Files.writeString(dir.resolve("s.conf"), """
                vms = 40
                arrival.process = storm
                vm-classes = [%s]
                scenarios = [ { name = eager, policy = eager-firmware }, { name = lazy, policy = lazy } ]
                """.formatted(classes));
        return StudyLoader.load(dir.resolve("s.conf"));
    }

    @Test
    void aClassWithAMapHasTheMemoryItDescribesAndItsVmsBootWithIt() throws Exception {
        EfiMemoryMap reported = KernelLogMemoryMap.read(LOG);
        RunConfig lazy = prepareStudy("""
                { name = model, memory = 4G, vcpus = 2, weight = 1 }
                { name = own, memory-map = "maps/guest.log", vcpus = 2, weight = 1 }
                """).runs().get(1);
        VmClass own = lazy.vmClasses().get(1);
        assertEquals(reported.describedBytes(), own.memoryBytes());
        assertEquals(reported, own.memoryMap());
        assertNull(lazy.vmClasses().get(0).memoryMap());

        List<VmPlan> fleet = FleetGenerator.generate(lazy);
        VmPlan ownVm = fleet.stream().filter(vm -> vm.vmClass().equals("own")).findFirst().orElseThrow();
        VmPlan modelVm = fleet.stream().filter(vm -> vm.vmClass().equals("model")).findFirst().orElseThrow();
        GuestAssignment ownGuest = Scenarios.assignment(lazy, ownVm);
        assertEquals(reported, ownGuest.spec().reportedMap());
        assertNull(Scenarios.assignment(lazy, modelVm).spec().reportedMap());
    }

    @Test
    void theReportedMapIsBootedAsReportedUnderLazyAndAcceptedByFirmwareUnderEagerFirmware() throws Exception {
        StudyLoader.Study study = prepareStudy("""
                { name = own, memory-map = "maps/guest.log", vcpus = 2, weight = 1 }
                """);
        ScenarioResult eager = new SequentialEngine().run(study.runs().get(0), (t, a, n) -> { });
        ScenarioResult lazy = new SequentialEngine().run(study.runs().get(1), (t, a, n) -> { });
        long describedBytes = KernelLogMemoryMap.read(LOG).describedBytes();
        long reportedUnaccepted = KernelLogMemoryMap.read(LOG).descriptors().stream()
                .filter(d -> d.type() == EfiMemoryType.UNACCEPTED).mapToLong(d -> d.bytes()).sum();
        var eagerVm = eager.vms().get(0);
        var lazyVm = lazy.vms().get(0);
        assertEquals(describedBytes, eagerVm.plan().memoryBytes());
        // eager-firmware: nothing is left for the kernel's bitmap
        assertEquals(0, eagerVm.outcome().guest().bitmapBytes());
        // lazy: the firmware accepted only what the real one did; the rest waits for the kernel
        assertTrue(lazyVm.outcome().guest().bitmapBytes() > 0);
        assertTrue(lazyVm.outcome().accepted().atShellBytes() < describedBytes - reportedUnaccepted / 2,
                lazyVm.outcome().accepted().atShellBytes() + " accepted at the shell");
    }

    @Test
    void aClassGivingMemoryBesideItsMapMustGiveTheSame() throws Exception {
        StudyException e = assertThrows(StudyException.class, () -> prepareStudy("""
                { name = own, memory = 4G, memory-map = "maps/guest.log", vcpus = 2, weight = 1 }
                """));
        assertTrue(e.getMessage().contains("vm-classes[0].memory: 4G but its memory-map describes"), e.getMessage());
    }

    @Test
    void aMapSavedAsUtf16IsOneLineSayingSo() throws Exception {
        Files.createDirectories(dir.resolve("maps"));
        Files.write(dir.resolve("maps/utf16.log"), Files.readString(LOG).getBytes(
                java.nio.charset.StandardCharsets.UTF_16));
        Files.writeString(dir.resolve("s.conf"), "vms = 4\narrival.process = storm\nvm-classes = [ { name = own, "
                + "memory-map = \"maps/utf16.log\", vcpus = 2, weight = 1 } ]\n");
        StudyException e = assertThrows(StudyException.class, () -> StudyLoader.load(dir.resolve("s.conf")));
        assertEquals(dir.resolve("s.conf") + ": vm-classes[0].memory-map: cannot read " + dir.resolve(
                "maps/utf16.log") + ": not UTF-8 text (Input length = 1); save it as UTF-8, not UTF-16 or Latin-1",
                e.getMessage());
    }
}
