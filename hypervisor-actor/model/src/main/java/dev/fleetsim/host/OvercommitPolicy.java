package dev.fleetsim.host;

/** What a host does when the memory its guests could commit exceeds what it has. */
public enum OvercommitPolicy {
    /** Refuse to place a VM whose configured memory would push the host past memory x overcommit ratio. */
    REFUSE_PLACEMENT,
    /** Place it, and count each time committed memory rises above physical memory as a memory-pressure event. */
    COUNT_PRESSURE
}
