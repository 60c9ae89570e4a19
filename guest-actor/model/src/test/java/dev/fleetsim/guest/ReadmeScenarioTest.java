package dev.fleetsim.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.host.GuestTimeline;
import dev.fleetsim.host.Platform;
import dev.fleetsim.host.Sizes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The scenario that opens guest-actor/README.md, compiled and checked here so the README cannot go stale. */
class ReadmeScenarioTest {

    @Test
    void scenario() {
        // #scenario
        ModelParameters model = ModelParameters.defaults();
        GuestSpec spec = new GuestSpec(Sizes.parse("64G"), 16, Platform.TDX, new AcceptancePolicy.Lazy());

        // Boot to the shell: the guest emits steps, the host model prices them.
        GuestTimeline lazy = model.bootAlone(spec, 42);
        GuestTimeline eager = model.bootAlone(
                new GuestSpec(spec.memoryBytes(), 16, Platform.TDX, new AcceptancePolicy.EagerFirmware()), 42);
        System.out.printf("boot to shell: lazy %.1f s, eager %.1f s (%.1fx)%n",
                lazy.bootToShellNanos() / 1e9, eager.bootToShellNanos() / 1e9,
                (double) eager.bootToShellNanos() / lazy.bootToShellNanos());

        // The same guest, then a workload touching 8 GiB: allocations accept 4 MiB blocks on demand.
        Guest guest = Guest.boot(spec, model.guest(), model.cpu(), 42);
        long before = guest.acceptedBytes();
        guest.allocate(Sizes.parse("8G"));
        System.out.printf("accepted %d MiB at boot, %d MiB after touching 8 GiB, %d MiB still unaccepted%n",
                before >> 20, guest.acceptedBytes() >> 20, guest.counters().unaccepted() >> 20);
        // #scenario
        // today's kernel: the zero-watermark storm and the bounce-buffer conversion eat into lazy's lead
        assertTrue(eager.bootToShellNanos() > 1.3 * lazy.bootToShellNanos());
        // what was free and accepted at boot serves the first part of the 8 GiB
        assertEquals(Sizes.parse("8G"), guest.acceptedBytes() - before, Sizes.parse("2G"));
    }

    @Test
    void readmeShowsThisScenario() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/fleetsim/guest/ReadmeScenarioTest.java"));
        String[] parts = source.split("// #scenario\n");
        // stripIndent counts a trailing empty line as unindented, so strip without it and add it back
        String snippet = parts[1].substring(0, parts[1].lastIndexOf('\n')).stripIndent() + "\n";
        assertTrue(Files.readString(Path.of("..", "README.md")).contains(snippet),
                "guest-actor/README.md must contain the scenario exactly as compiled:\n" + snippet);
    }
}
