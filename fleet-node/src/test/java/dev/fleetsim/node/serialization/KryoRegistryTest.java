package dev.fleetsim.node.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wire ids against a golden list: a node of this build and a node of the previous one must agree on every id
 * they share, so an entry is only ever appended (to the registry and to {@code kryo-ids.txt}), never moved.
 */
class KryoRegistryTest {

    @Test
    void everyIdIsTheOneTheGoldenListGivesIt() throws IOException {
        assertEquals(golden(), registered(KryoRegistry.newKryo(null)));
    }

    private static List<String> registered(Kryo kryo) {
        List<String> lines = new ArrayList<>();
        for (int id = KryoRegistry.FIRST_ID; id < KryoRegistry.FIRST_ID + 1000; id++) {
            Registration r = kryo.getRegistration(id);
            if (r != null) {
                lines.add(id + " " + r.getType().getName());
            }
        }
        return lines;
    }

    private static List<String> golden() throws IOException {
        try (InputStream in = KryoRegistryTest.class.getResourceAsStream("kryo-ids.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
