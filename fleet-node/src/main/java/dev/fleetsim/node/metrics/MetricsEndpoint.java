package dev.fleetsim.node.metrics;

import dev.fleetsim.host.BadInputException;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The node's {@code /metrics} over HTTP (the Prometheus client's own server), with JVM metrics. */
public final class MetricsEndpoint implements AutoCloseable {

    private final HTTPServer server;

    private MetricsEndpoint(HTTPServer server) {
        this.server = server;
    }

    public static MetricsEndpoint start(String host, int port) {
        JvmMetrics.builder().register(PrometheusRegistry.defaultRegistry);
        try {
            return new MetricsEndpoint(HTTPServer.builder().hostname(host).port(port)
                    .registry(PrometheusRegistry.defaultRegistry).buildAndStart());
        } catch (java.net.BindException e) {
            throw new BadInputException("cannot serve metrics on " + host + ":" + port + " (" + e.getMessage()
                    + "); choose another --metrics-port, or 0 for none");
        } catch (IOException e) {
            throw new UncheckedIOException("metrics endpoint on " + host + ":" + port, e);
        }
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
