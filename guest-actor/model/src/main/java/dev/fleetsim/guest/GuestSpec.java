package dev.fleetsim.guest;

import dev.fleetsim.host.Platform;

/**
 * One VM as a study describes it. {@code reportedMap}, when not null, is the firmware memory map a real guest
 * reported ({@link KernelLogMemoryMap}); the guest boots with it instead of the model's layout, and its memory is
 * what the map describes.
 */
public record GuestSpec(long memoryBytes, int vcpus, Platform platform, AcceptancePolicy policy,
                        EfiMemoryMap reportedMap) {

    public GuestSpec {
        if (vcpus < 1) {
            throw new IllegalArgumentException("vcpus must be >= 1, was " + vcpus);
        }
        if (reportedMap != null && reportedMap.describedBytes() != memoryBytes) {
            throw new IllegalArgumentException("a reported map describes " + reportedMap.describedBytes()
                    + " bytes, not " + memoryBytes);
        }
    }

    /** A guest of the model's own layout. */
    public GuestSpec(long memoryBytes, int vcpus, Platform platform, AcceptancePolicy policy) {
        this(memoryBytes, vcpus, platform, policy, null);
    }

    /** A guest booting with the map a real one reported: every descriptor is memory the host backs. */
    public static GuestSpec reported(EfiMemoryMap map, int vcpus, Platform platform, AcceptancePolicy policy) {
        return new GuestSpec(map.describedBytes(), vcpus, platform, policy, map);
    }

    /** The firmware map this guest boots with, as the OS loader finds it at ExitBootServices. */
    public EfiMemoryMap firmwareMap(GuestParameters parameters) {
        boolean acceptsAll = platform == Platform.PLAIN || acceptsAllAtExitBootServices(parameters);
        if (reportedMap != null) {
            // the reported map is what this guest's firmware left unaccepted; only a policy that has the firmware
            // accept more (eager-firmware, partial) changes it, the lazy firmware's default does not
            return GuestMemoryLayout.acceptedBelow(reportedMap, acceptsAll ? new FirmwareAcceptance.Everything()
                    : policy.firmware(new FirmwareAcceptance.FirstBytes(0)));
        }
        if (acceptsAll) {
            return GuestMemoryLayout.plain(memoryBytes);
        }
        return GuestMemoryLayout.confidential(memoryBytes, firmwareAcceptance(parameters));
    }

    /** What the firmware accepts of its own accord, before the OS loader runs. */
    public FirmwareAcceptance firmwareAcceptance(GuestParameters parameters) {
        return policy.firmware(parameters.firmware().lazyPreAccept());
    }

    /**
     * SEV-SNP's OVMF accepts all remaining memory at ExitBootServices unless the OS loader announced that it
     * handles unaccepted memory ({@code OvmfPkg: AcceptAllUnacceptedMemory}).
     */
    public boolean acceptsAllAtExitBootServices(GuestParameters parameters) {
        return platform == Platform.SEV_SNP && !parameters.firmware().osAllowsUnaccepted();
    }
}
