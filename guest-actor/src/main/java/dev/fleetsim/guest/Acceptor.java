package dev.fleetsim.guest;

/**
 * The platform's accept operation ({@code arch_accept_memory}): called once per physical range the guest accepts.
 * Implementations turn the call into a host request, record it, or both.
 */
@FunctionalInterface
public interface Acceptor {

    void accept(long start, long end);

    /** Calls this acceptor, then {@code next}, for every range. */
    default Acceptor andThen(Acceptor next) {
        return (start, end) -> {
            accept(start, end);
            next.accept(start, end);
        };
    }
}
