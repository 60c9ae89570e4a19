package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import dev.fleetsim.node.actor.ActorEngine;
import dev.fleetsim.node.engine.SequentialEngine;
import dev.fleetsim.node.study.StudyLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The actor engine with every message serialized and read back, even between local actors. */
class SerializeMessagesTest {

    @TempDir
    Path dir;

    @Test
    void runWithEveryMessageSerializedMatchesTheSequentialEngine() {
        StudyLoader.Study study = Studies.load(dir, "study", """
                vms = 150
                duration = 1h
                hosts { count = 6, memory = 256G }
                arrival { process = poisson, per-hour = 300 }
                scenarios = [{ name = bg, policy = "background:512M/s" }, { name = eager, policy = eager }]
                """);
        Path sequential = Studies.runTo(new SequentialEngine(), study, dir.resolve("sequential"));
        Path actor;
        try (ActorEngine engine = ActorEngine.embedded(ConfigFactory.parseString("""
                pekko.actor.serialize-messages = on
                """).withFallback(ConfigFactory.load()))) {
            actor = Studies.runTo(engine, study, dir.resolve("actors"));
        }
        for (String file : List.of("summary.json", "vms.csv", "hosts.csv")) {
            assertEquals(Studies.read(sequential.resolve(file)), Studies.read(actor.resolve(file)), file);
        }
    }
}
