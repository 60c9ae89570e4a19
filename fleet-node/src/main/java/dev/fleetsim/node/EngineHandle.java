package dev.fleetsim.node;

import com.typesafe.config.ConfigFactory;
import dev.fleetsim.node.actor.ActorEngine;
import dev.fleetsim.node.engine.FleetEngine;
import dev.fleetsim.node.engine.SequentialEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** An engine chosen on the command line and whatever it needs running (an actor system), closed after use. */
record EngineHandle(FleetEngine engine, Runnable onClose) implements AutoCloseable {

    /** The engines a command line may name. */
    enum Kind { actors, sequential }

    /**
     * A client of the cluster at {@code cluster} (advertising {@code host}) if one is given; otherwise the
     * {@code kind} engine in this JVM, for actors an embedded one-node cluster with {@code slots} run slots.
     */
    static EngineHandle open(Kind kind, List<String> cluster, String host, int slots) {
        return open(kind, cluster, host, slots, Duration.ofSeconds(30));
    }

    /** As above; a client gives up joining {@code cluster} after {@code joinTimeout}. */
    static EngineHandle open(Kind kind, List<String> cluster, String host, int slots, Duration joinTimeout) {
        if (cluster == null && kind == Kind.sequential) {
            return new EngineHandle(new SequentialEngine(), () -> { });
        }
        ActorEngine engine = cluster != null ? ActorEngine.client(cluster, host, joinTimeout)
                : ActorEngine.embedded(ConfigFactory.parseMap(Map.of("fleetsim.node.slots", slots))
                        .withFallback(ConfigFactory.load()));
        return new EngineHandle(engine, engine::close);
    }

    @Override
    public void close() {
        onClose.run();
    }
}
