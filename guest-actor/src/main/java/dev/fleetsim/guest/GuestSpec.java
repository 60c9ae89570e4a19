package dev.fleetsim.guest;

import dev.fleetsim.host.Platform;

/** One VM as a study describes it. */
public record GuestSpec(long memoryBytes, int vcpus, Platform platform, AcceptancePolicy policy) {

    public GuestSpec {
        if (vcpus < 1) {
            throw new IllegalArgumentException("vcpus must be >= 1, was " + vcpus);
        }
    }

    /** The firmware map this guest boots with, as the OS loader finds it at ExitBootServices. */
    public EfiMemoryMap firmwareMap(GuestParameters parameters) {
        if (platform == Platform.PLAIN || acceptsAllAtExitBootServices(parameters)) {
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
