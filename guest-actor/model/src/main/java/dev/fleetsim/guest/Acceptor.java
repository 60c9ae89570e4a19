package dev.fleetsim.guest;

/**
 * The platform's accept operation ({@code arch_accept_memory}): called once per physical range the guest accepts.
 * Implementations turn the call into a host request, record it, or both.
 */
@FunctionalInterface
public interface Acceptor {

    void accept(long start, long end);
}
