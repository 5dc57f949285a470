package org.entente.neo4jlocal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs a Neo4j 5 Community DBMS through the embedded API, exposes it over Bolt on the
 * loopback interface with authentication enabled, and (optionally) serves the static
 * Neo4j Browser bundle over plain HTTP on the loopback interface.
 *
 * <p>Configuration comes from the environment (see scripts/NEO4J-LOCAL.md):
 *
 * <ul>
 *   <li>{@code NEO4J_LOCAL_DATA} - DBMS home (data, logs, ready file). Required.
 *   <li>{@code NEO4J_LOCAL_BOLT_PORT} - Bolt port (default 7687).
 *   <li>{@code NEO4J_LOCAL_HTTP_PORT} - Browser port (default 7474, 0 disables Browser).
 *   <li>{@code NEO4J_LOCAL_PAGECACHE} - page cache size, e.g. 512m (default 512m).
 *   <li>{@code NEO4J_LOCAL_PLUGINS} - plugin directory (APOC); default {@code $NEO4J_LOCAL_DATA/plugins}.
 *   <li>{@code NEO4J_PASSWORD} - password of user neo4j (default entente-local-pw).
 * </ul>
 *
 * <p>Once everything is up, the file {@code $NEO4J_LOCAL_DATA/run/ready} is written with the
 * ports in use; the start script waits for it. The password is never logged.
 */
public final class EntenteNeo4j {
    static final String DEFAULT_PASSWORD = "entente-local-pw";
    static final String LOOPBACK = "127.0.0.1";
    static final String NEO4J_VERSION = "5.26.0";

    private EntenteNeo4j() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        String home = System.getenv("NEO4J_LOCAL_DATA");
        if (home == null || home.isBlank()) {
            fail("NEO4J_LOCAL_DATA is not set");
        }
        Path homeDir = Path.of(home).toAbsolutePath().normalize();
        Path runDir = homeDir.resolve("run");
        Path logsDir = homeDir.resolve("logs");
        String plugins = System.getenv("NEO4J_LOCAL_PLUGINS");
        Path pluginsDir = plugins == null || plugins.isBlank()
                ? homeDir.resolve("plugins")
                : Path.of(plugins).toAbsolutePath().normalize();
        Files.createDirectories(runDir);
        Files.createDirectories(logsDir);
        Files.createDirectories(pluginsDir);
        Path readyFile = runDir.resolve("ready");
        Files.deleteIfExists(readyFile);

        int boltPort = intEnv("NEO4J_LOCAL_BOLT_PORT", 7687);
        int httpPort = intEnv("NEO4J_LOCAL_HTTP_PORT", 7474);
        String pageCache = envOr("NEO4J_LOCAL_PAGECACHE", "512m");
        String password = envOr("NEO4J_PASSWORD", DEFAULT_PASSWORD);

        log(out, "starting Neo4j " + NEO4J_VERSION + " Community (embedded), home " + homeDir);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(homeDir)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.logs_directory, logsDir)
                .setConfig(GraphDatabaseSettings.plugin_dir, pluginsDir)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"))
                // Defaults preallocate a 256 MiB transaction log per database (~0.5 GiB on
                // disk for an empty DBMS); smaller, non-preallocated logs suit a dev server.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(64))
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(LOOPBACK))
                .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(LOOPBACK))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(LOOPBACK, boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(LOOPBACK, boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // Bolt waits 5 s for connections and 5 s of Netty quiet period on shutdown by
                // default (10 s per stop); a local dev server does not need that grace period.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        // Page cache size, parsed with Neo4j's own byte-size parser (accepts 512m, 1g, ...).
        try {
            builder.setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache));
        } catch (IllegalArgumentException e) {
            fail("NEO4J_LOCAL_PAGECACHE must be a size such as 512m or 1g, got '" + pageCache + "'");
        }

        // The hook is registered before the DBMS starts, so SIGTERM at any point after this
        // line shuts down whatever is up (managementService.shutdown()).
        AtomicReference<DatabaseManagementService> dbmsRef = new AtomicReference<>();
        AtomicReference<HttpServer> httpRef = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log(out, "shutdown requested");
            try {
                Files.deleteIfExists(readyFile);
            } catch (IOException ignored) {
                // best effort
            }
            HttpServer http = httpRef.get();
            if (http != null) {
                http.stop(0);
            }
            DatabaseManagementService managementService = dbmsRef.get();
            if (managementService != null) {
                try {
                    managementService.shutdown();
                    log(out, "Neo4j stopped cleanly");
                } catch (Throwable t) {
                    log(out, "error during shutdown: " + t);
                }
            }
            stopped.countDown();
        }, "entente-neo4j-shutdown"));

        final DatabaseManagementService dbms;
        try {
            dbms = builder.build();
        } catch (Throwable t) {
            Throwable root = rootCause(t);
            if (root instanceof BindException) {
                fail("cannot bind Bolt port " + LOOPBACK + ":" + boltPort + " (" + root.getMessage() + ")");
            }
            throw t;
        }
        dbmsRef.set(dbms);

        setPassword(dbms, password, out);

        Integer servedHttpPort = null;
        if (httpPort > 0) {
            try {
                httpRef.set(startBrowserServer(httpPort, boltPort));
                servedHttpPort = httpPort;
                log(out, "Neo4j Browser served at http://" + LOOPBACK + ":" + httpPort + "/browser/");
            } catch (IOException e) {
                log(out, "WARNING: Neo4j Browser not served, cannot bind " + LOOPBACK + ":" + httpPort
                        + " (" + e.getMessage() + ")");
            }
        }

        // Write the ready file atomically: the start script polls for it.
        Path tmp = runDir.resolve("ready.tmp");
        String ready = "bolt_port=" + boltPort + "\n"
                + "http_port=" + (servedHttpPort == null ? "" : servedHttpPort) + "\n"
                + "pid=" + ProcessHandle.current().pid() + "\n";
        Files.writeString(tmp, ready, StandardCharsets.UTF_8);
        Files.move(tmp, readyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        log(out, "ready: bolt://" + LOOPBACK + ":" + boltPort);

        stopped.await();
    }

    /**
     * Makes the password of user {@code neo4j} equal to {@code password}, with no change
     * required, by running administration commands against the {@code system} database.
     * A fresh DBMS creates {@code neo4j} with password "neo4j" and change-required; an
     * existing one keeps its users, and the password is re-synced to the environment.
     */
    static void setPassword(DatabaseManagementService dbms, String password, PrintStream out) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        boolean exists = system.executeTransactionally(
                "SHOW USERS YIELD user WHERE user = 'neo4j' RETURN count(*) AS c",
                Map.of(), r -> ((Number) r.next().get("c")).longValue() > 0);
        try {
            if (exists) {
                system.executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            } else {
                system.executeTransactionally(
                        "CREATE USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            }
            log(out, "password of user neo4j set from NEO4J_PASSWORD (or the default)");
        } catch (RuntimeException e) {
            String msg = String.valueOf(rootCause(e).getMessage());
            if (msg.contains("Old password and new password cannot be the same")) {
                log(out, "password of user neo4j already matches NEO4J_PASSWORD (or the default)");
                return;
            }
            // The message never contains the password itself (it is passed as a parameter).
            log(out, "ERROR: could not set the password of user neo4j: " + msg);
            System.exit(3);
        }
    }

    // ---------------------------------------------------------------- Browser (static files)

    static HttpServer startBrowserServer(int httpPort, int boltPort) throws IOException {
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getByName(LOOPBACK), httpPort), 32);
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "entente-browser-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        String discovery = "{\"bolt_routing\":\"neo4j://" + LOOPBACK + ":" + boltPort + "\","
                + "\"bolt_direct\":\"bolt://" + LOOPBACK + ":" + boltPort + "\","
                + "\"neo4j_version\":\"" + NEO4J_VERSION + "\","
                + "\"neo4j_edition\":\"community\"}";
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange, discovery);
            } catch (Throwable t) {
                // keep the server alive on client errors (e.g. connection reset)
            }
        });
        server.start();
        return server;
    }

    private static void handle(HttpExchange ex, String discovery) throws IOException {
        String method = ex.getRequestMethod();
        boolean head = "HEAD".equals(method);
        if (!"GET".equals(method) && !head) {
            send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n", head);
            return;
        }
        String path = URLDecoder.decode(ex.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
        if (path.equals("/")) {
            String accept = String.valueOf(ex.getRequestHeaders().getFirst("Accept"));
            if (accept.contains("application/json")) {
                send(ex, 200, "application/json", discovery, head);
            } else {
                redirect(ex, "/browser/");
            }
            return;
        }
        if (path.equals("/browser")) {
            redirect(ex, "/browser/");
            return;
        }
        if (!path.startsWith("/browser/") || path.contains("..") || path.contains("\\")) {
            send(ex, 404, "text/plain; charset=utf-8", "not found\n", head);
            return;
        }
        String resource = path.substring(1);
        if (resource.endsWith("/")) {
            resource += "index.html";
        }
        InputStream in = EntenteNeo4j.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            send(ex, 404, "text/plain; charset=utf-8", "not found\n", head);
            return;
        }
        byte[] body;
        try (in) {
            body = in.readAllBytes();
        }
        ex.getResponseHeaders().set("Content-Type", contentType(resource));
        ex.getResponseHeaders().set("Cache-Control", resource.endsWith("index.html") ? "no-cache" : "max-age=3600");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (head) {
            ex.sendResponseHeaders(200, -1);
        } else {
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(302, -1);
    }

    private static void send(HttpExchange ex, int status, String type, String text, boolean head)
            throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        if (head) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    static String contentType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".html")) return "text/html; charset=utf-8";
        if (n.endsWith(".js")) return "application/javascript; charset=utf-8";
        if (n.endsWith(".css")) return "text/css; charset=utf-8";
        if (n.endsWith(".json")) return "application/json";
        if (n.endsWith(".svg")) return "image/svg+xml";
        if (n.endsWith(".png")) return "image/png";
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) return "image/jpeg";
        if (n.endsWith(".gif")) return "image/gif";
        if (n.endsWith(".ico")) return "image/x-icon";
        if (n.endsWith(".woff")) return "font/woff";
        if (n.endsWith(".woff2")) return "font/woff2";
        if (n.endsWith(".ttf")) return "font/ttf";
        if (n.endsWith(".eot")) return "application/vnd.ms-fontobject";
        if (n.endsWith(".txt")) return "text/plain; charset=utf-8";
        if (n.endsWith(".map")) return "application/json";
        if (n.endsWith(".wasm")) return "application/wasm";
        return "application/octet-stream";
    }

    // ---------------------------------------------------------------- helpers

    private static Throwable rootCause(Throwable t) {
        Throwable cur = t;
        while (cur.getCause() != null && cur.getCause() != cur) {
            if (cur instanceof BindException) {
                return cur;
            }
            cur = cur.getCause();
        }
        return cur;
    }

    private static String envOr(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? dflt : v;
    }

    private static int intEnv(String name, int dflt) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int p = Integer.parseInt(v.trim());
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            fail(name + " must be a port number, got '" + v + "'");
            return dflt;
        }
    }

    private static void log(PrintStream out, String msg) {
        out.println(Instant.now() + " [entente-neo4j] " + msg);
        out.flush();
    }

    private static void fail(String msg) {
        System.err.println(Instant.now() + " [entente-neo4j] ERROR: " + msg);
        System.exit(2);
    }
}
