package dev.fleetsim.guest;

import dev.fleetsim.host.Platform;

/** One VM as a study describes it. */
public record GuestSpec(long memoryBytes, int vcpus, Platform platform, AcceptancePolicy policy) {

    public GuestSpec {
        if (vcpus < 1) {
            throw new IllegalArgumentException("vcpus must be >= 1, was " + vcpus);
        }
    }

    /** The firmware map this guest boots with. */
    public EfiMemoryMap firmwareMap(GuestParameters parameters) {
        return platform == Platform.PLAIN
                ? GuestMemoryLayout.plain(memoryBytes)
                : GuestMemoryLayout.confidential(memoryBytes, policy.firmware(parameters.lazyFirmware()));
    }
}
