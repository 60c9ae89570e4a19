package dev.fleetsim.node;

import picocli.CommandLine.Command;

/** {@code fleetsim run}: placeholder until the fleet engine lands in this module. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a fleet study.")
final class RunCommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalArgumentException("the fleet engine is not built yet");
    }
}
