package dev.fleetsim.node.fleet;

import java.util.Arrays;
import java.util.Comparator;
import java.util.TreeSet;

/**
 * Free room per host, kept so that placement finds its host in O(log hosts) instead of scanning them all: a max
 * segment tree answers first fit (the lowest-numbered host with enough room) and most room; for best fit, an
 * ordered set of (room, host) answers the tightest host that fits. Ties go to the lower host number, as a scan in
 * host order would.
 */
final class HostRoom {

    private record Entry(long room, int host) {
    }

    private static final Comparator<Entry> TIGHTEST_FIRST = Comparator.comparingLong(Entry::room)
            .thenComparingInt(Entry::host);

    private final int hosts;
    private final int leaves;
    /** tree[1] is the root; leaf of host h is tree[leaves + h]; each node holds the most room below it. */
    private final long[] tree;
    /** Only kept when best fit asks for it. */
    private final TreeSet<Entry> byRoom;

    HostRoom(int hosts, boolean bestFit) {
        this.hosts = hosts;
        this.leaves = Integer.highestOneBit(Math.max(1, hosts - 1)) << 1;
        this.tree = new long[2 * leaves];
        this.byRoom = bestFit ? new TreeSet<>(TIGHTEST_FIRST) : null;
    }

    /** Sets every host's room at once (a window's start), in O(hosts). */
    void setAll(long[] room) {
        Arrays.fill(tree, Long.MIN_VALUE);
        System.arraycopy(room, 0, tree, leaves, hosts);
        for (int node = leaves - 1; node >= 1; node--) {
            tree[node] = Math.max(tree[2 * node], tree[2 * node + 1]);
        }
        if (byRoom != null) {
            byRoom.clear();
            for (int h = 0; h < hosts; h++) {
                byRoom.add(new Entry(room[h], h));
            }
        }
    }

    long room(int host) {
        return tree[leaves + host];
    }

    /** Takes {@code bytes} of a host's room. */
    void take(int host, long bytes) {
        long before = room(host);
        if (byRoom != null) {
            byRoom.remove(new Entry(before, host));
            byRoom.add(new Entry(before - bytes, host));
        }
        int node = leaves + host;
        tree[node] = before - bytes;
        for (node /= 2; node >= 1; node /= 2) {
            tree[node] = Math.max(tree[2 * node], tree[2 * node + 1]);
        }
    }

    /** The lowest-numbered host with at least {@code bytes} of room, or -1. */
    int firstFit(long bytes) {
        if (tree[1] < bytes) {
            return -1;
        }
        int node = 1;
        while (node < leaves) {
            node = tree[2 * node] >= bytes ? 2 * node : 2 * node + 1;
        }
        return node - leaves;
    }

    /** The host with the least room that still has {@code bytes}, or -1. */
    int bestFit(long bytes) {
        Entry tightest = byRoom.ceiling(new Entry(bytes, -1));
        return tightest == null ? -1 : tightest.host();
    }

    /** The lowest-numbered host with the most room. */
    int mostRoom() {
        return firstFit(tree[1]);
    }
}
