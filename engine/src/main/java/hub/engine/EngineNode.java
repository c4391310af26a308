package hub.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.search.aggregations.matrix.MatrixAggregationPlugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One real single-node search engine started from a Maven-resolved classpath.
 *
 * The modules that a distribution would load from its modules/ folder are given
 * to the node as classpath plugins instead. Started by engine/up.sh; stopped by
 * SIGTERM (engine/down.sh), which runs the shutdown hook and closes the node.
 *
 * System properties: engine.home (data + logs folder), engine.http.port,
 * engine.transport.port.
 */
public final class EngineNode extends Node {

    private static final List<Class<? extends Plugin>> MODULES = List.of(
            Netty4Plugin.class,
            CommonAnalysisPlugin.class,
            MapperExtrasPlugin.class,
            ReindexPlugin.class,
            PainlessPlugin.class,
            MatrixAggregationPlugin.class);

    private EngineNode(Environment environment) {
        super(environment, MODULES, true);
    }

    public static void main(String[] args) throws Exception {
        Path home = Paths.get(required("engine.home")).toAbsolutePath();
        Files.createDirectories(home.resolve("config"));
        String nodeName = "hub-engine";

        Settings settings = Settings.builder()
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("cluster.name", "hub-engine")
                .put("node.name", nodeName)
                .put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", required("engine.http.port"))
                .put("transport.port", required("engine.transport.port"))
                // A dev/test node: never turn indices read-only because the disk is fairly full.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .build();

        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName(nodeName);
        LogConfigurator.configureWithoutConfig(settings);

        Environment environment = InternalSettingsPreparer.prepareEnvironment(
                settings, Map.of(), home.resolve("config"), () -> nodeName);
        Node node = new EngineNode(environment);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "engine-shutdown"));

        node.start();
        System.out.println("[hub-engine] node started, http on 127.0.0.1:" + settings.get("http.port"));
        stopped.await();
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing system property -D" + name);
        }
        return value;
    }
}
