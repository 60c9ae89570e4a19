package dev.fleetsim.node.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import dev.fleetsim.node.metrics.NodeMetrics;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.JSerializer;

/**
 * Pekko serializer for fleetsim's cluster messages, bound in application.conf to the protocols' marker interfaces.
 * Kryo instances are not thread-safe, so each call borrows one from a pool; all are configured by
 * {@link KryoRegistry}, with registration required.
 */
public final class KryoSerializer extends JSerializer {

    /** Pekko's id for this serializer; ids below 40 are Pekko's own. */
    static final int IDENTIFIER = 4711;
    private static final int BUFFER = 4096;

    private final Pool<Kryo> kryos;
    private final Pool<Output> outputs;

    public KryoSerializer(ExtendedActorSystem system) {
        ActorRefResolver resolver = ActorRefResolver.get(Adapter.toTyped(system));
        this.kryos = new Pool<>(true, false, 16) {
            @Override
            protected Kryo create() {
                return KryoRegistry.newKryo(resolver);
            }
        };
        this.outputs = new Pool<>(true, false, 16) {
            @Override
            protected Output create() {
                return new Output(BUFFER, -1);
            }
        };
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public boolean includeManifest() {
        return false;
    }

    @Override
    public byte[] toBinary(Object message) {
        Kryo kryo = kryos.obtain();
        Output output = outputs.obtain();
        try {
            output.reset();
            kryo.writeClassAndObject(output, message);
            byte[] bytes = output.toBytes();
            NodeMetrics.serialized(bytes.length);
            return bytes;
        } finally {
            outputs.free(output);
            kryos.free(kryo);
        }
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
        Kryo kryo = kryos.obtain();
        try {
            return kryo.readClassAndObject(new Input(bytes));
        } finally {
            kryos.free(kryo);
        }
    }
}
