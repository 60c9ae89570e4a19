package dev.fleetsim.node.metrics;

import dev.fleetsim.host.actor.HostRack;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * This node's share of the engine: shards and entities it hosts per entity type (polled from its shard regions),
 * and messages it serialized for other nodes (counted by the Kryo serializer, which only runs for remote sends).
 */
public final class NodeMetrics {

    static final Counter MESSAGES_OUT = Counter.builder().name("fleetsim_cluster_messages_serialized")
            .help("Messages this node serialized to send to another node").register(PrometheusRegistry.defaultRegistry);
    static final Counter BYTES_OUT = Counter.builder().name("fleetsim_cluster_serialized_bytes")
            .help("Bytes of messages this node serialized to send to another node")
            .register(PrometheusRegistry.defaultRegistry);
    private static final Gauge SHARDS = Gauge.builder().name("fleetsim_node_shards")
            .help("Shards hosted on this node").labelNames("entity_type").register(PrometheusRegistry.defaultRegistry);
    private static final Gauge ENTITIES = Gauge.builder().name("fleetsim_node_entities")
            .help("Entities alive on this node").labelNames("entity_type")
            .register(PrometheusRegistry.defaultRegistry);
    private static final Duration POLL = Duration.ofSeconds(5);

    private enum Poll { INSTANCE }

    private NodeMetrics() {
    }

    /** Counts one message of {@code bytes} serialized for another node. */
    public static void serialized(int bytes) {
        MESSAGES_OUT.inc();
        BYTES_OUT.inc(bytes);
    }

    /** The entity types whose shards {@link #poller} reports. */
    public static final List<EntityTypeKey<?>> TYPES = List.of(HostRack.TYPE_KEY);

    /** An actor that asks this node's shard region of {@code type} every few seconds and sets the gauges. */
    public static Behavior<Object> poller(EntityTypeKey<?> type) {
        String name = type.name();
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Poll.INSTANCE, POLL);
            return Behaviors.receive(Object.class)
                    .onMessageEquals(Poll.INSTANCE, () -> {
                        ClusterSharding.get(ctx.getSystem()).shardState()
                                .tell(new GetShardRegionState(type, ctx.getSelf().narrow()));
                        return Behaviors.same();
                    })
                    .onMessage(ShardRegion.CurrentShardRegionState.class, state -> {
                        SHARDS.labelValues(name).set(state.getShards().size());
                        ENTITIES.labelValues(name).set(state.getShards().stream()
                                .mapToInt(shard -> shard.getEntityIds().size()).sum());
                        return Behaviors.same();
                    })
                    .build();
        }));
    }
}
