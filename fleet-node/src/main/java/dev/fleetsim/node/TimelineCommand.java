package dev.fleetsim.node;

import dev.fleetsim.guest.AcceptancePolicy;
import dev.fleetsim.guest.EfiMemoryMap;
import dev.fleetsim.guest.GuestPanic;
import dev.fleetsim.guest.GuestSpec;
import dev.fleetsim.host.BadInputException;
import dev.fleetsim.host.Sizes;
import com.typesafe.config.ConfigFactory;
import dev.fleetsim.guest.KernelLogMemoryMap;
import dev.fleetsim.node.study.TextFiles;
import dev.fleetsim.guest.ModelParameters;
import dev.fleetsim.node.study.ModelConfig;
import dev.fleetsim.host.BootPhase;
import dev.fleetsim.host.GuestTimeline;
import dev.fleetsim.host.PageSize;
import dev.fleetsim.host.Platform;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetsim timeline}: one VM booted alone on a host, phase by phase, for one or more policies. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = "Boot one VM alone on its host and print its phase timeline for each policy.")
final class TimelineCommand implements Callable<Integer> {

    @Option(names = "--memory", defaultValue = "4G", description = "guest memory (default ${DEFAULT-VALUE})")
    Converters.SizeArg memory;

    @Option(names = "--vcpus", defaultValue = "1", description = "guest vCPUs (default ${DEFAULT-VALUE})")
    int vcpus;

    @Option(names = "--platform", defaultValue = "tdx", description = "tdx, sev-snp or plain (default ${DEFAULT-VALUE})")
    Platform platform;

    @Option(names = "--policy", split = ",", defaultValue = "eager-firmware,eager,lazy",
            description = "policies to compare (default ${DEFAULT-VALUE})")
    List<AcceptancePolicy> policies;

    @Option(names = "--host-mapping", defaultValue = "4K",
            description = "host private-memory mapping: 4K (upstream KVM) or 2M (default ${DEFAULT-VALUE})")
    PageSize hostMapping;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "a study key under guest or model, e.g. guest.zero-watermark-fix=on (repeatable)")
    List<String> settings = List.of();

    @Option(names = "--memory-map", paramLabel = "FILE",
            description = "boot with a real guest's firmware memory map: its kernel log with efi=debug ('efi: memNN' "
                    + "lines); the guest's memory is then what the map describes and --memory is not used")
    Path memoryMap;

    @Option(names = "--seed", defaultValue = "1", description = "seed for KASLR placement (default ${DEFAULT-VALUE})")
    long seed;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ModelParameters parameters = ModelConfig.defaults("timeline --set",
                ConfigFactory.parseString(String.join("\n", settings))).withHostMapping(hostMapping);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-16s %9s %9s %9s %9s %9s %10s %12s%n", "policy", "firmware", "efi-stub", "decomp", "kernel",
                "userspace", "to-shell", "exits");
        EfiMemoryMap map = memoryMap == null ? null : readMap();
        for (AcceptancePolicy policy : policies) {
            GuestTimeline t;
            try {
                t = map == null
                        ? parameters.bootAlone(new GuestSpec(memory.bytes(), vcpus, platform, policy), seed)
                        : parameters.bootAlone(GuestSpec.reported(map, vcpus, platform, policy), seed);
            } catch (GuestPanic e) {
                throw new BadInputException((map == null ? "--memory " + Sizes.format(memory.bytes()) : "--memory-map " + memoryMap)
                        + " with --vcpus " + vcpus + ": cannot boot: " + e.getMessage());
            }
            out.printf("%-16s %8.3fs %8.3fs %8.3fs %8.3fs %8.3fs %9.3fs %12d%n", policy.configName(),
                    seconds(t, BootPhase.FIRMWARE), seconds(t, BootPhase.EFI_STUB),
                    seconds(t, BootPhase.DECOMPRESSOR), seconds(t, BootPhase.EARLY_KERNEL),
                    seconds(t, BootPhase.USERSPACE), t.bootToShellNanos() / 1e9, t.exits());
        }
        out.flush();
        return 0;
    }

    /**
     * The --memory-map log. A file that is there but cannot be read as text (saved as UTF-16, a folder) is the
     * user's to fix, so bad input (exit 2), not an I/O failure; a missing one keeps the command line's "no such file".
     */
    private EfiMemoryMap readMap() throws IOException {
        try {
            return KernelLogMemoryMap.read(memoryMap);
        } catch (java.nio.file.NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new BadInputException("--memory-map " + memoryMap + ": cannot read it: "
                    + TextFiles.readFailure(e));
        }
    }

    private static double seconds(GuestTimeline t, BootPhase phase) {
        return t.phaseNanos(phase) / 1e9;
    }
}
