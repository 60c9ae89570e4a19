package dev.fleetsim.node;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap a run keeps alive, from above: after every garbage collection (the JVM's GC notifications), the heap in
 * use summed over its pools. A young collection leaves the old generation's garbage in place until the next
 * marking, so this is an upper bound of the live data, tighter the more often the old generation is collected.
 * Also the pools' peak usage since watching began, garbage included.
 */
final class LiveHeap implements NotificationListener {

    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final AtomicLong sum = new AtomicLong();
    private final AtomicLong max = new AtomicLong();
    private final AtomicInteger count = new AtomicInteger();

    static LiveHeap watch() {
        LiveHeap live = new LiveHeap();
        live.heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(live, null, null);
                live.emitters.add(emitter);
            }
        }
        return live;
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        // the after-GC map lists non-heap pools (metaspace, code cache) too: not the run's data
        long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                .filter(e -> heapPoolNames.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
        sum.addAndGet(used);
        max.accumulateAndGet(used, Math::max);
        count.incrementAndGet();
    }

    void stop() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (ListenerNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    long mean() {
        return count.get() == 0 ? 0 : sum.get() / count.get();
    }

    /** The heap pools' peak usage since {@link #watch}, garbage included. */
    long peak() {
        return heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    long max() {
        return max.get();
    }

    int collections() {
        return count.get();
    }
}
