package dev.fleetsim.host.actor;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;
import org.apache.pekko.dispatch.Futures;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;

/**
 * How hosts and guests are keyed so that a guest lives where its host does. Both entity types use entity ids that
 * start with the run and the host number ({@code run/host} and {@code run/host/vm}), the shard is the host number
 * modulo the shard count, and {@link Colocating} puts a shard id on the same node for both types.
 */
public final class HostShards {

    public static final int SHARDS = 100;

    private HostShards() {
    }

    public static String hostEntityId(String run, long hostId) {
        return run + "/" + hostId;
    }

    public static String guestEntityId(String run, long hostId, long vmId) {
        return run + "/" + hostId + "/" + vmId;
    }

    /** The host number in either kind of entity id. */
    static long hostOf(String entityId) {
        String[] parts = entityId.split("/");
        return Long.parseLong(parts[1]);
    }

    public static String shardOf(String entityId) {
        return Long.toString(hostOf(entityId) % SHARDS);
    }

    /** Envelopes carry the entity id; the shard follows from the host number in it. */
    public static <M> ShardingMessageExtractor<ShardingEnvelope<M>, M> extractor() {
        return new ShardingMessageExtractor<>() {
            @Override
            public String entityId(ShardingEnvelope<M> envelope) {
                return envelope.entityId();
            }

            @Override
            public String shardId(String entityId) {
                return shardOf(entityId);
            }

            @Override
            public M unwrapMessage(ShardingEnvelope<M> envelope) {
                return envelope.message();
            }
        };
    }

    /**
     * Allocates shard {@code s} to the {@code s mod n}-th region in address order, for every entity type alike, so
     * equal shard ids of different types land on one node. It never rebalances: moving a host would move its
     * guests' shard separately.
     */
    public static final class Colocating extends ShardCoordinator.AbstractShardAllocationStrategy {
        private final Address self;

        public Colocating(org.apache.pekko.actor.typed.ActorSystem<?> system) {
            this.self = Cluster.get(system).selfAddress();
        }

        @Override
        public Future<ActorRef> allocateShard(ActorRef requester, String shardId,
                                              Map<ActorRef, IndexedSeq<String>> current) {
            List<ActorRef> regions = current.keySet().stream()
                    .sorted(Comparator.comparing(this::addressOf)).toList();
            return Futures.successful(regions.get((int) (Long.parseLong(shardId) % regions.size())));
        }

        @Override
        public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> current, Set<String> inProgress) {
            return Futures.successful(Set.of());
        }

        private String addressOf(ActorRef region) {
            Address address = region.path().address();
            return (address.hasLocalScope() ? self : address).toString();
        }
    }
}
